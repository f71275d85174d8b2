// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CacheActivity.h"

#include "ActivityLog.h"
#include "ProcLocks.h"
#include "ProcessFiles.h"
#include "ProcessTable.h"
#include "audit/AccessCheck.h"

#include <QDateTime>
#include <QSet>

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

} // namespace

ActivityReport CacheActivity::inspect(const ActivityTargets &targets, const Options &options)
{
    ActivityReport report;
    report.sampledAtMs = QDateTime::currentMSecsSinceEpoch();

    const ProcLocks::Result locks = ProcLocks::read(options.procLocks);
    report.procLocksError = locks.error;
    report.skippedLockLines = locks.skippedLines;
    QMultiHash<FileKey, LockRecord> locksByFile;
    for (const LockRecord &record : locks.records)
        locksByFile.insert(record.file, record);

    // Downloads are growing: their size now, not at scan time; their lock may also be newer
    // than the scan, so it is looked up by path.
    QList<DownloadState> downloads;
    QHash<QByteArray, FileKey> lockKeys;
    QSet<FileKey> interesting;
    interesting.reserve(targets.size());
    for (qsizetype i = 0; i < targets.size(); ++i) {
        if (targets.kind(i) != WatchedFile::Kind::Incomplete) {
            interesting.insert(targets.key(i));
            continue;
        }
        DownloadState download;
        download.file = targets.file(i);
        struct stat st;
        if (::lstat(download.file.path.constData(), &st) != 0)
            continue;  // finished or removed since the scan
        download.file.stat = EntryStat::fromStat(st);
        download.size = download.file.stat.size;
        download.mtime = download.file.stat.mtime;
        const QByteArray &lockPath = download.file.lockPath;
        if (!lockPath.isEmpty() && !lockKeys.contains(lockPath) && ::lstat(lockPath.constData(), &st) == 0)
            lockKeys.insert(lockPath, FileKey{quint64(st.st_dev), quint64(st.st_ino)});
        interesting.insert(keyOf(download.file.stat));
        downloads.append(download);
    }

    ProcessTable table(options.procRoot);
    ProcessFiles::Result files;
    if (options.findUsers) {
        files = ProcessFiles::scan(interesting, options.procRoot, ::getpid());
        report.inspectedProcesses = files.processes;
        report.unreadableProcesses = files.unreadable;
    }
    qCDebug(lcActivity) << locks.records.size() << "lock records," << report.skippedLockLines << "skipped lines,"
                        << report.inspectedProcesses << "processes inspected," << report.unreadableProcesses << "unreadable"
                        << report.procLocksError;
    const UserIdentity me = UserIdentity::current();

    for (qsizetype i = 0; i < targets.size(); ++i) {
        if (targets.kind(i) != WatchedFile::Kind::LockFile)
            continue;
        const FileKey key = targets.key(i);
        const auto records = locksByFile.equal_range(key);
        const auto uses = files.uses.constFind(key);
        ++report.lockFileCount;
        const EntryStat &stat = targets.stat(i);
        // A soft lock: text in the file (a flock lock file stays empty), or an empty file some
        // process keeps open write-only without an flock on it (filelock <= 3.23's SoftFileLock).
        SoftLock soft;
        bool isSoft = false;
        QList<qint64> softOpeners;
        if (records.first == records.second && uses != files.uses.constEnd()) {
            for (const FileUse &use : *uses) {
                if (use.writeOnly)
                    softOpeners.append(use.pid);
            }
        }
        if (stat.size > 0) {
            isSoft = SoftLock::read(targets.file(i).path, &soft) && soft.format != SoftLock::Format::Empty;
        } else if (!softOpeners.isEmpty() || options.emptyLocksAreSoft) {
            isSoft = true;
            soft.mtime = stat.mtime;
            soft.inode = stat.inode;
        }
        if (isSoft) {
            if (soft.format == SoftLock::Format::Empty && !softOpeners.isEmpty()) {
                soft.pid = softOpeners.first();
                soft.host = options.hostName;
            }
            soft.judge(options.hostName, report.sampledAtMs / 1000, options.softLockStaleAfter, options.procRoot);
        }
        const bool active = isSoft || records.first != records.second || uses != files.uses.constEnd();
        const bool writable = AccessCheck::allows(me, stat, AccessCheck::Read | AccessCheck::Write);
        if (!active && (options.lockRows == Options::LockRows::Active
                        || (options.lockRows == Options::LockRows::ActiveOrUnwritable && writable)))
            continue;
        LockFileState state;
        state.file = targets.file(i);
        state.writable = writable;
        state.isSoft = isSoft;
        state.soft = soft;
        for (auto it = records.first; it != records.second; ++it) {
            if (it->pid > 0)  // OFD locks belong to an open file, not a process
                appendOnce(it->blocked ? state.waiters : state.holders, table.info(it->pid));
        }
        if (isSoft && !soft.stale && soft.pid > 0) {
            if (soft.holder == SoftLock::Holder::Remote) {
                ProcessInfo remote;
                remote.pid = soft.pid;
                remote.exists = false;
                remote.host = soft.host;
                state.holders.append(remote);
            } else if (soft.holder == SoftLock::Holder::Alive) {
                appendOnce(state.holders, table.info(soft.pid));
            }
        }
        if (uses != files.uses.constEnd()) {
            for (const FileUse &use : *uses) {
                const bool isHolder = std::any_of(state.holders.cbegin(), state.holders.cend(),
                                                  [&](const ProcessInfo &p) { return p.pid == use.pid && p.host.isEmpty(); });
                if (!isHolder)
                    appendOnce(state.waiters, table.info(use.pid));
            }
        }
        // A soft lock with text is held by its existence, even when its holder cannot be named. An
        // empty one nobody keeps open may as well be what a failed flock attempt left: held only by a holder.
        state.held = !state.holders.isEmpty() || (isSoft && !soft.stale && soft.format != SoftLock::Format::Empty);
        report.locks.append(state);
    }

    for (DownloadState &download : downloads) {
        const auto lockKey = lockKeys.constFind(download.file.lockPath);
        if (lockKey != lockKeys.constEnd()) {
            const auto records = locksByFile.equal_range(*lockKey);
            download.lockHeld = std::any_of(records.first, records.second, [](const LockRecord &r) { return !r.blocked; });
        }
        for (const FileUse &use : files.uses.value(keyOf(download.file.stat))) {
            download.open = true;
            appendOnce(download.writers, table.info(use.pid));
        }
        if (options.previous) {
            const qint64 elapsedMs = report.sampledAtMs - options.previous->sampledAtMs;
            for (const DownloadState &before : options.previous->downloads) {
                if (before.file.path == download.file.path && elapsedMs > 0) {
                    download.rate = (double(download.size) - double(before.size)) * 1000.0 / double(elapsedMs);
                    break;
                }
            }
        }
        report.downloads.append(download);
    }

    for (qsizetype i = 0; i < targets.size(); ++i) {
        if (targets.kind(i) != WatchedFile::Kind::Content)
            continue;
        const auto it = files.uses.constFind(targets.key(i));
        if (it == files.uses.constEnd() || report.uses.contains(it.key()))
            continue;
        report.usedFiles.append(targets.file(i));
        report.uses.insert(it.key(), *it);
    }
    for (const LockFileState &lock : std::as_const(report.locks)) {
        for (const ProcessInfo &p : lock.holders + lock.waiters) {
            if (p.host.isEmpty())
                report.processes.insert(p.pid, p);
        }
    }
    for (const DownloadState &download : std::as_const(report.downloads)) {
        for (const ProcessInfo &p : download.writers)
            report.processes.insert(p.pid, p);
    }
    for (const QList<FileUse> &list : std::as_const(report.uses)) {
        for (const FileUse &use : list)
            report.processes.insert(use.pid, table.info(use.pid));
    }
    return report;
}

} // namespace hfcache
