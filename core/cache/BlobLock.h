// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "util/UniqueFd.h"

#include <QByteArray>
#include <QString>

#include <atomic>

struct stat;

namespace hfcache {

// huggingface_hub's download lock, interoperable with its filelock and with llama.cpp:
// BSD flock(LOCK_EX) on <root>/.locks/<repo folder>/<etag>.lock, opened O_RDWR|O_CREAT with
// mode 0664 and fchmod'ed to 0664 by its creator so other members of a shared cache's group
// can wait on it. The lock file is never deleted: a waiter may hold the same inode (filelock
// >= 3.29.5 keeps it for that reason). Root runs this in other users' caches, so the file is
// reached from an fd of the cache root, never by name: a symlinked .locks or .locks/<repo>,
// a hard-linked or non-regular "lock file" is refused, and only the opened fd is changed.
class BlobLock
{
public:
    enum class State { Unlocked, Locked, Busy, Failed };
    // Create: like filelock (folders and file made when missing). Probe: read-only, makes nothing.
    // Existing: read-write like filelock (flock on NFS needs it), makes nothing: a clean locks the
    // lock file it is about to unlink, and must not make one that is gone.
    enum class Access { Create, Probe, Existing };

    BlobLock() = default;
    // `relativePath` (".locks/<repo folder>/<etag>.lock") below the cache folder `rootFd` (which
    // is duplicated); `rootPath` is for messages only.
    BlobLock(int rootFd, const QByteArray &rootPath, const QByteArray &relativePath);
    // A lock file the caller already opened safely (e.g. by an fd walk as root); `lockPath` is
    // for messages only.
    BlobLock(UniqueFd openedLockFile, QByteArray lockPath) : m_path(std::move(lockPath)), m_fd(std::move(openedLockFile)) {}
    BlobLock(BlobLock &&) = default;
    BlobLock &operator=(BlobLock &&) = default;
    ~BlobLock() { unlock(); }

    static QByteArray lockPath(const QByteArray &cacheRoot, const QByteArray &repoFolder, const QByteArray &etag);
    // ".locks/<repo folder>/<etag>.lock"
    static QByteArray relativeLockPath(const QByteArray &repoFolder, const QByteArray &etag);

    // Opens `relativePath` below `rootFd` one component at a time (folders O_DIRECTORY|O_NOFOLLOW,
    // the file O_NOFOLLOW|O_NONBLOCK so a FIFO cannot hang us) and refuses anything but a regular
    // file with one link. Probe: an invalid fd and an empty *error when it does not exist.
    [[nodiscard]] static UniqueFd openLockFile(int rootFd, const QByteArray &rootPath, const QByteArray &relativePath, Access access,
                                               QString *error);
    // The two halves of openLockFile, for callers that open many lock files of one folder: the
    // folder (".locks/<repo folder>", O_PATH; Probe: an invalid fd and an empty *error when it
    // does not exist), then a file in it by name (`folderPath` is for messages only; *opened,
    // when given, gets the fstat of the file it returns).
    [[nodiscard]] static UniqueFd openLockFolder(int rootFd, const QByteArray &rootPath, const QByteArray &relativeFolder,
                                                 Access access, QString *error);
    [[nodiscard]] static UniqueFd openLockFileIn(int folderFd, const QByteArray &folderPath, const QByteArray &name,
                                                 Access access, QString *error, struct stat *opened = nullptr);

    // One attempt without waiting: Locked, Busy (someone holds it) or Failed (see error()).
    State tryLock();
    // Waits, polling like filelock, until locked, `cancel` is set, or `timeoutMs` (<0: forever).
    State lock(int timeoutMs = -1, const std::atomic_bool *cancel = nullptr);
    void unlock();

    bool isLocked() const { return m_state == State::Locked; }
    const QByteArray &path() const { return m_path; }
    QString error() const { return m_error; }

private:
    bool open();

    QByteArray m_path;
    QByteArray m_relativePath;
    UniqueFd m_rootFd;  // until the lock file is open
    UniqueFd m_fd;
    State m_state = State::Unlocked;
    QString m_error;
};

} // namespace hfcache
