// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "LockProber.h"

#include "activity/ProcLocks.h"
#include "cache/BlobLock.h"
#include "util/DirectoryReader.h"
#include "util/FdWalk.h"

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

namespace hfcache {

namespace {

bool inInitialPidNamespace()
{
    // The inode number Linux gives the initial PID namespace (PROC_PID_INIT_INO).
    constexpr QByteArrayView initial = "pid:[4026531836]";
    char link[64] = {};
    const ssize_t size = ::readlink("/proc/self/ns/pid", link, sizeof link - 1);
    return size > 0 && QByteArrayView(link, size) == initial;
}

bool namesFilesLikeFstat(int fd)
{
    struct statfs fs;
    if (::fstatfs(fd, &fs) != 0)
        return false;
    switch (fs.f_type) {
    case EXT4_SUPER_MAGIC:  // also ext2 and ext3
    case XFS_SUPER_MAGIC:
    case TMPFS_MAGIC:
        return true;
    default:
        return false;
    }
}

} // namespace

bool LockProber::locksAreListed()
{
    if (m_listing == Listing::NotRead) {
        m_listing = Listing::Incomplete;
        if (::geteuid() == 0 && inInitialPidNamespace() && namesFilesLikeFstat(m_rootFd)) {
            const ProcLocks::Result read = m_procLocks ? ProcLocks::Result{} : ProcLocks::read();
            const ProcLocks::Result &locks = m_procLocks ? *m_procLocks : read;
            if (locks.error.isEmpty() && locks.skippedLines == 0) {
                m_listing = Listing::Complete;
                for (const LockRecord &record : locks.records) {
                    if (record.kind == LockRecord::Kind::Flock && !record.blocked)
                        m_held.insert(record.file);  // any holder, shared or not, fails our LOCK_EX
                }
            }
        }
    }
    return m_listing == Listing::Complete;
}

void LockProber::list(Folder &folder, const QByteArray &relativeFolder)
{
    struct stat folderStat;
    DirectoryReader reader(folder.fd.get(), ".");
    if (!reader.isOpen() || ::fstat(reader.fd(), &folderStat) != 0)
        return;  // each lock is looked at by itself
    const QList<DirectoryReader::Entry> entries = reader.entries();
    if (reader.error() != 0)
        return;
    folder.regular.reserve(entries.size());
    for (const DirectoryReader::Entry &entry : entries) {
        QByteArray path;  // one allocation (each '+' of QByteArray makes one)
        path.reserve(relativeFolder.size() + 1 + entry.name.size());
        path.append(relativeFolder).append('/').append(entry.name);
        // The listing's d_ino is the fstat's st_ino on the filesystems /proc/locks is read for
        // (locksAreListed), unless a file is mounted on the entry: only root can do that.
        struct stat st;
        if (entry.type == DT_REG)
            folder.regular.insert(path, FileKey{quint64(folderStat.st_dev), entry.inode});
        else if (entry.type == DT_UNKNOWN  // xfs without ftype: the look for downloads needs every lock file
                 && ::fstatat(reader.fd(), entry.name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
            folder.regular.insert(path, FileKey{quint64(st.st_dev), quint64(st.st_ino)});
        else
            folder.others.insert(path);
    }
    folder.listed = true;
}

const QHash<QByteArray, FileKey> *LockProber::listing(const QByteArray &relativeFolder) const
{
    const auto it = m_folders.find(relativeFolder);
    return it != m_folders.end() && it->second.listed ? &it->second.regular : nullptr;
}

LockProbe::State LockProber::probe(const QByteArray &relativePath, QString *why)
{
    const qsizetype slash = relativePath.lastIndexOf('/');
    QString invalid;
    if (slash <= 0 || !FdWalk::isValidRelativePath(relativePath, &invalid))
        return LockProbe::probe(m_rootFd, m_rootPath, relativePath, why);  // says why it is no lock path
    const QByteArrayView folderPath = QByteArrayView(relativePath).first(slash);
    // A plan probes the locks of one repo in a row: its folder is looked up once for them.
    if (m_folder == m_folders.end() || QByteArrayView(m_folder->first) != folderPath) {
        m_folder = m_folders.find(folderPath.toByteArray());
        if (m_folder == m_folders.end()) {
            Folder opened;
            opened.fd = BlobLock::openLockFolder(m_rootFd, m_rootPath, folderPath.toByteArray(), BlobLock::Access::Probe,
                                                 &opened.error);
            m_folder = m_folders.emplace(folderPath.toByteArray(), std::move(opened)).first;
        }
    }
    Folder &folder = m_folder->second;
    why->clear();
    if (!folder.fd.isValid()) {
        *why = folder.error;
        return why->isEmpty() ? LockProbe::State::Free : LockProbe::State::Refused;  // no folder: nobody holds a lock in it
    }
    const char *name = relativePath.constData() + slash + 1;  // the rest of the path, NUL-terminated
    if (locksAreListed() && m_plainLockFiles) {
        if (!folder.listed)
            list(folder, m_folder->first);
        if (folder.listed) {
            const auto it = folder.regular.constFind(relativePath);
            if (it != folder.regular.cend() && m_plainLockFiles->contains(*it))
                return m_held.contains(*it) ? LockProbe::State::Held : LockProbe::State::Free;
            if (it == folder.regular.cend() && !folder.others.contains(relativePath))
                return LockProbe::State::Free;  // not there when listed: nobody holds it
            // Not the file the caller vouches for, or no regular file: stat'ed (and tried) below.
        }
    }
    if (locksAreListed()) {
        struct stat st;
        const bool seen = ::fstatat(folder.fd.get(), name, &st, AT_SYMLINK_NOFOLLOW) == 0;
        if (!seen && errno == ENOENT)
            return LockProbe::State::Free;  // no lock file: nobody can hold it
        if (seen && S_ISREG(st.st_mode) && st.st_nlink == 1) {
            const FileKey key{quint64(st.st_dev), quint64(st.st_ino)};
            m_opened.insert(relativePath, key);
            return m_held.contains(key) ? LockProbe::State::Held : LockProbe::State::Free;
        }
        // Anything else is tried, which says why it is refused.
    }
    FileKey key;
    const LockProbe::State state = LockProbe::probeIn(folder.fd.get(), m_rootPath + '/' + m_folder->first, QByteArray(name), why,
                                                      &key);
    if (key.inode != 0)
        m_opened.insert(relativePath, key);
    return state;
}

} // namespace hfcache
