#pragma once

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

namespace hfcache {

// Checks a blob against its name: blobs/ files are named after their content. 64 hex digits
// are the sha256 of the content (LFS / Xet files), 40 hex digits the git blob sha1, i.e.
// sha1("blob <size>\0" + content). Uses OpenSSL's libcrypto, which uses the CPU's SHA
// instructions. Streaming: update() as bytes pass by, then hexDigest().
class BlobHasher
{
public:
    enum class Algorithm { Sha256, GitSha1 };

    // The algorithm a blob name implies; nullopt for names that are not a content hash.
    static std::optional<Algorithm> algorithmFor(const QByteArray &blobName);

    // `size` is the content size (part of the git blob header; unused for sha256).
    BlobHasher(Algorithm algorithm, quint64 size);
    BlobHasher(BlobHasher &&) noexcept;
    BlobHasher &operator=(BlobHasher &&) noexcept;
    ~BlobHasher();

    void update(const void *data, size_t length);
    // Lower-case hex; the hasher cannot be updated afterwards.
    QByteArray hexDigest();

    // One shot: hashes the file at `path` (never following a final symlink). Empty and
    // *error set on failure.
    static QByteArray hashFile(const QByteArray &path, Algorithm algorithm, QString *error);
    // True when the file's content matches `blobName` (a 40- or 64-hex name); *error says why not.
    static bool verifyFile(const QByteArray &path, const QByteArray &blobName, QString *error);

private:
    struct Context;
    std::unique_ptr<Context> m_context;
};

} // namespace hfcache
