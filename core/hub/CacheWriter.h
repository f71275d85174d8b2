// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "RemoteTree.h"
#include "util/UniqueFd.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <mutex>
#include <sys/types.h>

namespace hfcache {

// Writes into one repo folder of a hub cache exactly as huggingface_hub does, through
// directory fds (openat + O_NOFOLLOW): a symlinked folder inside the cache is refused, never
// followed, so a fetch run as root cannot be redirected outside the cache.
class CacheWriter
{
public:
    CacheWriter(QByteArray cacheRoot, QByteArray repoFolder);

    const QByteArray &cacheRoot() const { return m_root; }
    const QByteArray &repoFolder() const { return m_folder; }
    QByteArray repoPath() const { return m_root + '/' + m_folder; }

    // The cache root, opened once (a root given as a symlink is followed that once, like the
    // scan) and shared by every copy of this writer: all that follows acts relative to this fd,
    // so the root swapped for a symlink mid-fetch cannot redirect it. -1 and *error on failure.
    [[nodiscard]] int rootFd(bool create, QString *error) const;

    // Opens <repo>/<relative> as a directory fd, creating missing folders (default mode, umask
    // applies, like os.makedirs). An invalid fd and *error when a component is not a folder.
    [[nodiscard]] UniqueFd openDir(const QByteArray &relative, bool create, QString *error) const;

    // snapshots/<commit>/<path> -> "../../blobs/<etag>" with one more "../" per sub-folder.
    // Left alone when it already is that link; anything else in its place is replaced atomically.
    [[nodiscard]] bool linkSnapshotFile(const QByteArray &commit, const QByteArray &path, const QByteArray &etag, QString *error) const;
    // refs/<name> = commit, no trailing newline; written only when missing or different, via a
    // temporary <name>.<8 hex>.tmp and rename (huggingface_hub >= 1.18).
    [[nodiscard]] bool writeRef(const QString &refName, const QByteArray &commit, QString *error) const;
    // trees/<commit>.json as huggingface_hub >= 1.22 writes it; kept when it exists (immutable).
    [[nodiscard]] bool writeTreesFile(const RemoteTree &tree, QString *error) const;
    // <root>/CACHEDIR.TAG (huggingface_hub >= 1.9), when missing. Best-effort, like the original.
    void ensureCacheDirTag() const;

    static QByteArray linkTarget(const QByteArray &path, const QByteArray &etag);
    // "<8 hex>": the process-unique part of temporary names.
    static QByteArray randomSuffix();

private:
    // Writes `content` to dir/name through a temporary file and rename; `mode` before the umask.
    [[nodiscard]] bool replaceFile(int dirFd, const QByteArray &dirPath, const QByteArray &name, const QByteArray &content,
                                   QString *error, mode_t mode = 0666) const;

    struct Root
    {
        std::mutex mutex;  // downloads open folders from the thread pool
        UniqueFd fd;
    };

    QByteArray m_root;
    QByteArray m_folder;
    std::shared_ptr<Root> m_rootFd = std::make_shared<Root>();
};

} // namespace hfcache
