#pragma once

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace hfcache {

// The hash a blob's name promises, computed incrementally with OpenSSL: sha256 of the content
// for 64-hex (LFS) etags, git's blob sha1 (sha1 of "blob <size>\0" + content) for 40-hex ones.
// Private to core/hub until core/util/BlobHasher (branch wip-export) lands on main.
class ContentDigest
{
public:
    enum class Kind { Sha256, GitSha1 };

    // The kind an etag names; nullopt when it is neither 40 nor 64 lower-case hex digits.
    static std::optional<Kind> kindForEtag(const QByteArray &etag);

    // `totalSize` is needed up front for git's header.
    ContentDigest(Kind kind, qint64 totalSize);
    ~ContentDigest();
    ContentDigest(const ContentDigest &) = delete;
    ContentDigest &operator=(const ContentDigest &) = delete;

    void update(const char *data, qsizetype size);
    void update(const QByteArray &data) { update(data.constData(), data.size()); }
    QByteArray hexDigest();  // finalises; call once

    // Hashes `size` bytes read from `fd` at its current offset; nullopt and *error on a read error.
    static std::optional<QByteArray> ofFd(int fd, Kind kind, qint64 size, const QByteArray &pathForErrors,
                                          QString *error);

    // Frees what OpenSSL keeps per thread (its error queue). Call it at the end of a thread-pool
    // task that hashed: OpenSSL's own clean-up at exit does not reach pool threads still alive.
    static void releaseThreadState();

private:
    struct Context;
    std::unique_ptr<Context> m_context;
};

} // namespace hfcache
