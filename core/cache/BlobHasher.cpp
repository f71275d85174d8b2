// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "BlobHasher.h"

#include "BlobKind.h"
#include "util/PathText.h"
#include "util/RegularFile.h"
#include "util/SystemError.h"
#include "util/UniqueFd.h"

#include <openssl/crypto.h>
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

QByteArray BlobHasher::hashFile(const QByteArray &path, Algorithm algorithm, QString *error, const ChunkHook &onChunk)
{
    struct stat st;
    const UniqueFd fd = RegularFile::openForReading(AT_FDCWD, path, path, error, &st);
    if (!fd.isValid())
        return {};
    ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
    const QByteArray digest = hashFd(fd.get(), algorithm, quint64(st.st_size), path, error, onChunk);
    // A git hash commits to the size in its header: a file that grew meanwhile is wrong too.
    char extra;
    if (!digest.isEmpty() && ::read(fd.get(), &extra, 1) > 0) {
        *error = QStringLiteral("cannot hash %1: its size changed while reading").arg(PathText::display(path));
        return {};
    }
    return digest;
}

QByteArray BlobHasher::hashFd(int fd, Algorithm algorithm, quint64 size, const QByteArray &pathForErrors,
                              QString *error, const ChunkHook &onChunk)
{
    BlobHasher hasher(algorithm, size);
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    quint64 left = size;
    while (left > 0) {
        const ssize_t n = ::read(fd, buffer.data(), size_t(qMin<quint64>(left, quint64(buffer.size()))));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *error = n < 0 ? pathError(QStringLiteral("cannot read"), pathForErrors, errno)
                           : QStringLiteral("cannot hash %1: its size changed while reading")
                                 .arg(PathText::display(pathForErrors));
            return {};
        }
        hasher.update(buffer.constData(), size_t(n));
        left -= quint64(n);
        if (onChunk && !onChunk(quint64(n))) {
            *error = QStringLiteral("stopped hashing %1").arg(PathText::display(pathForErrors));
            return {};
        }
    }
    return hasher.hexDigest();
}

void BlobHasher::releaseThreadState()
{
    OPENSSL_thread_stop();
}

} // namespace hfcache
