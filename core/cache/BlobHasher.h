// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QString>

#include <functional>
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
    void update(const QByteArray &data) { update(data.constData(), size_t(data.size())); }
    // Lower-case hex; the hasher cannot be updated afterwards.
    QByteArray hexDigest();

    // Called after each chunk (at most 1 MiB) with the bytes it added; false stops the hashing
    // (a cancel must not wait for the end of a 10 GB blob).
    using ChunkHook = std::function<bool(quint64 bytes)>;

    // One shot: hashes the file at `path` (never following a final symlink). Empty and
    // *error set on failure or when `onChunk` stopped it.
    [[nodiscard]] static QByteArray hashFile(const QByteArray &path, Algorithm algorithm, QString *error,
                                             const ChunkHook &onChunk = {});
    // Hashes exactly `size` bytes read from `fd` at its current offset (a file the caller opened
    // safely); empty and *error set on a read error, when the file is shorter or when stopped.
    [[nodiscard]] static QByteArray hashFd(int fd, Algorithm algorithm, quint64 size, const QByteArray &pathForErrors,
                                           QString *error, const ChunkHook &onChunk = {});

    // Frees what OpenSSL keeps per thread (its error queue). Call it at the end of a thread-pool
    // task that hashed: OpenSSL's own clean-up at exit does not reach pool threads still alive.
    static void releaseThreadState();

private:
    struct Context;
    std::unique_ptr<Context> m_context;
};

} // namespace hfcache
