#include "ContentDigest.h"

#include "util/PathText.h"
#include "util/SystemError.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cerrno>
#include <unistd.h>

namespace hfcache {

struct ContentDigest::Context
{
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(md); }
};

std::optional<ContentDigest::Kind> ContentDigest::kindForEtag(const QByteArray &etag)
{
    for (char c : etag) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return std::nullopt;
    }
    if (etag.size() == 64)
        return Kind::Sha256;
    if (etag.size() == 40)
        return Kind::GitSha1;
    return std::nullopt;
}

ContentDigest::ContentDigest(Kind kind, qint64 totalSize) : m_context(std::make_unique<Context>())
{
    EVP_DigestInit_ex(m_context->md, kind == Kind::Sha256 ? EVP_sha256() : EVP_sha1(), nullptr);
    if (kind == Kind::GitSha1) {
        const QByteArray header = "blob " + QByteArray::number(totalSize) + '\0';
        update(header);
    }
}

ContentDigest::~ContentDigest() = default;

void ContentDigest::releaseThreadState()
{
    OPENSSL_thread_stop();
}

void ContentDigest::update(const char *data, qsizetype size)
{
    EVP_DigestUpdate(m_context->md, data, size_t(size));
}

QByteArray ContentDigest::hexDigest()
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_context->md, digest, &length);
    return QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex();
}

std::optional<QByteArray> ContentDigest::ofFd(int fd, Kind kind, qint64 size, const QByteArray &pathForErrors,
                                              QString *error)
{
    ContentDigest digest(kind, size);
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    qint64 left = size;
    while (left > 0) {
        const ssize_t n = ::read(fd, buffer.data(), size_t(qMin<qint64>(left, buffer.size())));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (error)
                *error = n < 0 ? pathError(QStringLiteral("cannot read"), pathForErrors, errno)
                               : QStringLiteral("cannot read %1: the file shrank while it was hashed")
                                     .arg(PathText::display(pathForErrors));
            return std::nullopt;
        }
        digest.update(buffer.constData(), n);
        left -= n;
    }
    return digest.hexDigest();
}

} // namespace hfcache
