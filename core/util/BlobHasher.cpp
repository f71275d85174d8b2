#include "BlobHasher.h"

#include "PathText.h"
#include "SystemError.h"
#include "UniqueFd.h"
#include "cache/BlobKind.h"

#include <openssl/evp.h>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

struct BlobHasher::Context
{
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(md); }
};

std::optional<BlobHasher::Algorithm> BlobHasher::algorithmFor(const QByteArray &blobName)
{
    if (isHex(blobName, 64))
        return Algorithm::Sha256;
    if (isHex(blobName, 40))
        return Algorithm::GitSha1;
    return std::nullopt;
}

BlobHasher::BlobHasher(Algorithm algorithm, quint64 size) : m_context(std::make_unique<Context>())
{
    EVP_DigestInit_ex(m_context->md, algorithm == Algorithm::Sha256 ? EVP_sha256() : EVP_sha1(), nullptr);
    if (algorithm == Algorithm::GitSha1) {
        const QByteArray header = "blob " + QByteArray::number(size) + '\0';
        update(header.constData(), size_t(header.size()));
    }
}

BlobHasher::BlobHasher(BlobHasher &&) noexcept = default;
BlobHasher &BlobHasher::operator=(BlobHasher &&) noexcept = default;
BlobHasher::~BlobHasher() = default;

void BlobHasher::update(const void *data, size_t length)
{
    EVP_DigestUpdate(m_context->md, data, length);
}

QByteArray BlobHasher::hexDigest()
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_context->md, digest, &length);
    return QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex();
}

QByteArray BlobHasher::hashFile(const QByteArray &path, Algorithm algorithm, QString *error)
{
    UniqueFd fd(::open(path.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    struct stat st;
    if (!fd.isValid() || ::fstat(fd.get(), &st) != 0) {
        *error = pathError(QStringLiteral("cannot open"), path, errno);
        return {};
    }
    if (!S_ISREG(st.st_mode)) {
        *error = QStringLiteral("cannot hash %1: not a regular file").arg(PathText::display(path));
        return {};
    }
    ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
    BlobHasher hasher(algorithm, quint64(st.st_size));
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    quint64 total = 0;
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer.data(), size_t(buffer.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *error = pathError(QStringLiteral("cannot read"), path, errno);
            return {};
        }
        if (n == 0)
            break;
        hasher.update(buffer.constData(), size_t(n));
        total += quint64(n);
    }
    // A git hash commits to the size in its header: a file that changed size meanwhile is wrong.
    if (total != quint64(st.st_size)) {
        *error = QStringLiteral("cannot hash %1: its size changed while reading").arg(PathText::display(path));
        return {};
    }
    return hasher.hexDigest();
}

bool BlobHasher::verifyFile(const QByteArray &path, const QByteArray &blobName, QString *error)
{
    const auto algorithm = algorithmFor(blobName);
    if (!algorithm) {
        *error = QStringLiteral("cannot verify %1: the name is not a sha256 or git sha1").arg(PathText::display(path));
        return false;
    }
    const QByteArray digest = hashFile(path, *algorithm, error);
    if (digest.isEmpty())
        return false;
    if (digest != blobName.toLower()) {
        *error = QStringLiteral("%1 is corrupt: content hash %2").arg(PathText::display(path), QString::fromLatin1(digest));
        return false;
    }
    return true;
}

} // namespace hfcache
