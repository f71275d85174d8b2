// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CacheActivity.h"

#include "ActivityLog.h"
#include "ProcLocks.h"
#include "ProcessFiles.h"
#include "ProcessTable.h"
#include "SoftLock.h"
#include "audit/AccessCheck.h"

#include <QDateTime>
#include <QSet>

#include <algorithm>

#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {

FileKey keyOf(const EntryStat &stat)
{
    return FileKey{stat.device, stat.inode};
}

void appendOnce(QList<ProcessInfo> &list, const ProcessInfo &info)
{
    for (const ProcessInfo &p : std::as_const(list)) {
        if (p.pid == info.pid)
            return;
    }
    list.append(info);
}

// One inspection, step by step: /proc/locks, the downloads as they are now, the processes with
// the interesting files open, then the report's lock rows, downloads, used files and processes.
class Inspection
{
public:
    Inspection(const ActivityTargets &targets, const CacheActivity::Options &options)
        : m_targets(targets), m_options(options), m_table(options.procRoot)
    {
        m_report.sampledAtMs = QDateTime::currentMSecsSinceEpoch();
    }

    ActivityReport run()
    {
        readLocks();
        sampleDownloads();
        findUsers();
        addLockRows();
        addDownloads();
        addUsedFiles();
        addProcesses();
        return std::move(m_report);
    }

private:
    void readLocks()
    {
        const ProcLocks::Result locks = m_options.procLocksRead ? *m_options.procLocksRead : ProcLocks::read(m_options.procLocks);
        m_report.procLocksError = locks.error;
        m_report.skippedLockLines = locks.skippedLines;
        for (const LockRecord &record : locks.records)
            m_locksByFile.insert(record.file, record);
    }

    // Downloads are growing: their size now, not at scan time; their lock may also be newer
    // than the scan, so it is looked up by path.
    void sampleDownloads()
    {
        m_interesting.reserve(m_targets.size());
        for (qsizetype i = 0; i < m_targets.size(); ++i) {
            if (m_targets.kind(i) != WatchedFile::Kind::Incomplete) {
                m_interesting.insert(m_targets.key(i));
                continue;
            }
            DownloadState download;
            download.file = m_targets.file(i);
            struct stat st;
            if (::lstat(download.file.path.constData(), &st) != 0)
                continue;  // finished or removed since the scan
            download.file.stat = EntryStat::fromStat(st);
            download.size = download.file.stat.size;
            download.mtime = download.file.stat.mtime;
            const QByteArray &lockPath = download.file.lockPath;
            if (!lockPath.isEmpty() && !m_lockKeys.contains(lockPath) && ::lstat(lockPath.constData(), &st) == 0)
                m_lockKeys.insert(lockPath, FileKey{quint64(st.st_dev), quint64(st.st_ino)});
            m_interesting.insert(keyOf(download.file.stat));
            m_downloads.append(download);
        }
    }

    void findUsers()
    {
        if (!m_options.findUsers)
            return;
        m_files = ProcessFiles::scan(m_interesting, m_options.procRoot, ::getpid());
        m_report.inspectedProcesses = m_files.processes;
        m_report.unreadableProcesses = m_files.unreadable;
        qCDebug(lcActivity) << m_locksByFile.size() << "lock records," << m_report.skippedLockLines << "skipped lines,"
                            << m_report.inspectedProcesses << "processes inspected," << m_report.unreadableProcesses
                            << "unreadable" << m_report.procLocksError;
    }

    // A row per lock file the options ask for: its holders (from /proc/locks, or a soft lock's
    // marker) and waiters (blocked in flock(), or holding it open without the lock).
    void addLockRows()
    {
        using LockRows = CacheActivity::Options::LockRows;
        const UserIdentity me = UserIdentity::current();
        if (m_options.lockRows == LockRows::All) {  // a datasets cache can have a hundred thousand
            qsizetype lockFiles = 0;
            for (qsizetype i = 0; i < m_targets.size(); ++i)
                lockFiles += m_targets.kind(i) == WatchedFile::Kind::LockFile;
            m_report.locks.reserve(lockFiles);
        }
        for (qsizetype i = 0; i < m_targets.size(); ++i) {
            if (m_targets.kind(i) != WatchedFile::Kind::LockFile)
                continue;
            const FileKey key = m_targets.key(i);
            const auto records = m_locksByFile.equal_range(key);
            const auto uses = m_files.uses.constFind(key);
            ++m_report.lockFileCount;
            const EntryStat &stat = m_targets.stat(i);
            SoftLock soft;
            const bool isSoft = readSoftLock(i, records.first == records.second ? uses : m_files.uses.constEnd(), &soft);
            const bool active = isSoft || records.first != records.second || uses != m_files.uses.constEnd();
            if (!active && m_options.lockRows == LockRows::Active)
                continue;
            const bool writable = CacheActivity::canOpenLock(me, stat);
            QList<MemberAccess> members = MemberAccess::ofLock(m_options.groupMembers, stat);
            const bool allWritable = writable && std::all_of(members.cbegin(), members.cend(), [](const MemberAccess &m) { return m.writable; });
            if (!active && m_options.lockRows == LockRows::ActiveOrUnwritable && allWritable)
                continue;
            LockFileState state;
            state.file = m_targets.file(i);
            state.writable = writable;
            state.members = std::move(members);
            state.isSoft = isSoft;
            state.soft = soft;
            for (auto it = records.first; it != records.second; ++it) {
                if (it->pid > 0)  // OFD locks belong to an open file, not a process
                    appendOnce(it->blocked ? state.waiters : state.holders, m_table.info(it->pid));
            }
            if (isSoft && !soft.stale && soft.pid > 0)
                addSoftLockHolder(soft, state);
            if (uses != m_files.uses.constEnd()) {
                for (const FileUse &use : *uses) {
                    const bool isHolder = std::any_of(state.holders.cbegin(), state.holders.cend(),
                                                      [&](const ProcessInfo &p) { return p.pid == use.pid && p.host.isEmpty(); });
                    if (!isHolder)
                        appendOnce(state.waiters, m_table.info(use.pid));
                }
            }
            // A soft lock with text is held by its existence, even when its holder cannot be named. An
            // empty one nobody keeps open may as well be what a failed flock attempt left: held only by a holder.
            state.held = !state.holders.isEmpty() || (isSoft && !soft.stale && soft.format != SoftLock::Format::Empty);
            m_report.locks.append(std::move(state));
        }
    }

    // A soft lock: text in the file (a flock lock file stays empty), or an empty file some process
    // keeps open write-only without an flock on it (filelock <= 3.23's SoftFileLock). `unlockedUses`:
    // the file's users when no flock record names it.
    bool readSoftLock(qsizetype i, QHash<FileKey, QList<FileUse>>::const_iterator unlockedUses, SoftLock *soft) const
    {
        const EntryStat &stat = m_targets.stat(i);
        QList<qint64> softOpeners;
        if (unlockedUses != m_files.uses.constEnd()) {
            for (const FileUse &use : *unlockedUses) {
                if (use.writeOnly)
                    softOpeners.append(use.pid);
            }
        }
        bool isSoft = false;
        if (stat.size > 0) {
            isSoft = SoftLock::read(m_targets.file(i).path, soft) && soft->format != SoftLock::Format::Empty;
        } else if (!softOpeners.isEmpty() || m_options.emptyLocksAreSoft || m_targets.isSoftLockFile(i)) {
            isSoft = true;
            soft->mtime = stat.mtime;
            soft->inode = stat.inode;
        }
        if (!isSoft)
            return false;
        if (soft->format == SoftLock::Format::Empty && !softOpeners.isEmpty()) {
            soft->pid = softOpeners.first();
            soft->host = m_options.hostName;
        }
        soft->judge(m_options.hostName, m_report.sampledAtMs / 1000, m_options.softLockStaleAfter, m_options.procRoot);
        return true;
    }

    void addSoftLockHolder(const SoftLock &soft, LockFileState &state)
    {
        if (soft.holder == SoftLock::Holder::Remote) {
            ProcessInfo remote;
            remote.pid = soft.pid;
            remote.exists = false;
            remote.host = soft.host;
            state.holders.append(remote);
        } else if (soft.holder == SoftLock::Holder::Alive) {
            appendOnce(state.holders, m_table.info(soft.pid));
        }
    }

    // Each download with its blob lock's state, its writers, and its rate since `previous`.
    void addDownloads()
    {
        for (DownloadState &download : m_downloads) {
            const auto lockKey = m_lockKeys.constFind(download.file.lockPath);
            if (lockKey != m_lockKeys.constEnd()) {
                const auto records = m_locksByFile.equal_range(*lockKey);
                download.lockHeld = std::any_of(records.first, records.second, [](const LockRecord &r) { return !r.blocked; });
            }
            for (const FileUse &use : m_files.uses.value(keyOf(download.file.stat))) {
                download.open = true;
                appendOnce(download.writers, m_table.info(use.pid));
            }
            download.rate = rateSincePrevious(download);
            m_report.downloads.append(download);
        }
    }

    double rateSincePrevious(const DownloadState &download) const
    {
        if (!m_options.previous)
            return download.rate;
        const qint64 elapsedMs = m_report.sampledAtMs - m_options.previous->sampledAtMs;
        for (const DownloadState &before : m_options.previous->downloads) {
            if (before.file.path == download.file.path && elapsedMs > 0)
                return (double(download.size) - double(before.size)) * 1000.0 / double(elapsedMs);
        }
        return download.rate;
    }

    void addUsedFiles()
    {
        for (qsizetype i = 0; i < m_targets.size(); ++i) {
            if (m_targets.kind(i) != WatchedFile::Kind::Content)
                continue;
            const auto it = m_files.uses.constFind(m_targets.key(i));
            if (it == m_files.uses.constEnd() || m_report.uses.contains(it.key()))
                continue;
            m_report.usedFiles.append(m_targets.file(i));
            m_report.uses.insert(it.key(), *it);
        }
    }

    // Every process the report names, once.
    void addProcesses()
    {
        for (const LockFileState &lock : std::as_const(m_report.locks)) {
            for (const ProcessInfo &p : lock.holders + lock.waiters) {
                if (p.host.isEmpty())  // a soft lock's holder on another node is not one of ours
                    m_report.processes.insert(p.pid, p);
            }
        }
        for (const DownloadState &download : std::as_const(m_report.downloads)) {
            for (const ProcessInfo &p : download.writers)
                m_report.processes.insert(p.pid, p);
        }
        for (const QList<FileUse> &list : std::as_const(m_report.uses)) {
            for (const FileUse &use : list)
                m_report.processes.insert(use.pid, m_table.info(use.pid));
        }
    }

    const ActivityTargets &m_targets;
    const CacheActivity::Options &m_options;
    ProcessTable m_table;
    ActivityReport m_report;
    QMultiHash<FileKey, LockRecord> m_locksByFile;
    QList<DownloadState> m_downloads;
    QHash<QByteArray, FileKey> m_lockKeys;
    QSet<FileKey> m_interesting;
    ProcessFiles::Result m_files;
};

} // namespace

ActivityReport CacheActivity::inspect(const ActivityTargets &targets, const Options &options)
{
    return Inspection(targets, options).run();
}

bool CacheActivity::canOpenLock(const UserIdentity &user, const EntryStat &stat)
{
    return AccessCheck::allows(user, stat, AccessCheck::Read | AccessCheck::Write);
}

} // namespace hfcache
