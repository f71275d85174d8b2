// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "LockProbe.h"
#include "activity/ProcLocks.h"
#include "util/UniqueFd.h"

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>

#include <map>

namespace hfcache {

// LockProbe for many blob locks of one cache: each lock folder (".locks/<repo>") is opened once,
// never through a link, and its lock files are probed by name relative to it, so a plan with
// every blob of 2,000 repos costs one openat per lock instead of a walk from the root.
//
// Where /proc/locks shows every flock on the cache's filesystem, a lock's state is read there
// instead of tried: one fstatat per lock instead of open, fstat, flock and close. That holds for
// root (who may open every lock file, so no probe would fail for want of permission) in the
// initial PID namespace (a nested one's /proc/locks hides the locks of processes outside it) on
// a local filesystem whose /proc/locks lines name files by the (st_dev, st_ino) fstat gives
// (ext2/3/4, xfs, tmpfs: not btrfs subvolumes, overlayfs, nor network filesystems, whose other
// clients' locks are in no local /proc/locks), and /proc/locks parsed whole. Elsewhere each
// lock is tried; so is any lock file that is not a regular file with one link (to say why).
// Where /proc/locks answers, each lock folder is also listed once, and a lock file the caller
// vouches for (`plainLockFiles`: the scan saw it regular, with one link) is identified by the
// listing's d_ino: no stat per lock at all.
class LockProber
{
public:
    // `rootFd` is borrowed and must stay open while the prober is used; `rootPath` for messages.
    // `procLocks` (borrowed, optional): a reading of /proc/locks the caller took just now and
    // uses itself too, instead of one more (each reading waits for the kernel, 5-20 ms).
    // `plainLockFiles` (borrowed, optional): lock files known to be regular with one link.
    LockProber(int rootFd, QByteArray rootPath, const ProcLocks::Result *procLocks = nullptr,
               const QSet<FileKey> *plainLockFiles = nullptr)
        : m_rootFd(rootFd), m_rootPath(std::move(rootPath)), m_procLocks(procLocks), m_plainLockFiles(plainLockFiles)
    {
    }
    Q_DISABLE_COPY_MOVE(LockProber)  // m_folder points into m_folders

    // As LockProbe::probe(rootFd, rootPath, relativePath, why).
    [[nodiscard]] LockProbe::State probe(const QByteArray &relativePath, QString *why);
    // The lock files probed so far that were there (regular, one link): relative path -> identity,
    // as (f)stat saw them just now, so a caller that looks at the same files need not stat them again.
    const QHash<QByteArray, FileKey> &opened() const { return m_opened; }
    // The regular files of the lock folder `relativeFolder` (".locks/<repo>") as listed while
    // probing in it (relative path -> identity), or nullptr when it was not listed.
    const QHash<QByteArray, FileKey> *listing(const QByteArray &relativeFolder) const;

private:
    struct Folder
    {
        UniqueFd fd;    // invalid: missing (empty error) or refused (error)
        QString error;
        bool listed = false;
        QHash<QByteArray, FileKey> regular;  // listed regular files: relative path -> identity
        QSet<QByteArray> others;             // listed entries of any other type (relative paths)
    };

    bool locksAreListed();
    void list(Folder &folder, const QByteArray &relativeFolder);

    int m_rootFd;
    QByteArray m_rootPath;
    const ProcLocks::Result *m_procLocks;
    const QSet<FileKey> *m_plainLockFiles;
    std::map<QByteArray, Folder> m_folders;  // by path relative to the root
    std::map<QByteArray, Folder>::iterator m_folder = m_folders.end();  // the last one probed in
    QHash<QByteArray, FileKey> m_opened;
    enum class Listing { NotRead, Complete, Incomplete };
    Listing m_listing = Listing::NotRead;
    QSet<FileKey> m_held;                      // flocks /proc/locks shows held, when Complete
};

} // namespace hfcache
