#include "CacheActivity.h"

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

    // Downloads are growing: their size now, not at scan time. Their lock may also be newer
    // than the scan.
    QList<DownloadState> downloads;
    QHash<QByteArray, FileKey> lockKeys;
    for (const WatchedFile &file : targets.files()) {
        if (file.kind == WatchedFile::Kind::LockFile)
            lockKeys.insert(file.path, keyOf(file.stat));
    }
    QSet<FileKey> interesting;
    for (const WatchedFile &file : targets.files()) {
        if (file.kind == WatchedFile::Kind::Incomplete) {
            struct stat st;
            if (::lstat(file.path.constData(), &st) != 0)
                continue;  // finished or removed since the scan
            DownloadState download;
            download.file = file;
            download.file.stat = EntryStat::fromStat(st);
            download.size = download.file.stat.size;
            download.mtime = download.file.stat.mtime;
            if (!file.lockPath.isEmpty() && !lockKeys.contains(file.lockPath)
                && ::lstat(file.lockPath.constData(), &st) == 0)
                lockKeys.insert(file.lockPath, FileKey{quint64(st.st_dev), quint64(st.st_ino)});
            downloads.append(download);
            interesting.insert(keyOf(download.file.stat));
        } else {
            interesting.insert(keyOf(file.stat));
        }
    }

    ProcessTable table(options.procRoot);
    ProcessFiles::Result files;
    if (options.findUsers) {
        files = ProcessFiles::scan(interesting, options.procRoot, ::getpid());
        report.inspectedProcesses = files.processes;
        report.unreadableProcesses = files.unreadable;
    }
    const UserIdentity me = UserIdentity::current();

    for (const WatchedFile &file : targets.files()) {
        if (file.kind != WatchedFile::Kind::LockFile)
            continue;
        LockFileState state;
        state.file = file;
        state.writable = AccessCheck::allows(me, file.stat, AccessCheck::Read | AccessCheck::Write);
        const FileKey key = keyOf(file.stat);
        for (const LockRecord &record : locksByFile.values(key)) {
            if (record.pid <= 0)
                continue;  // OFD locks have no owning process
            const ProcessInfo info = table.info(record.pid);
            appendOnce(record.blocked ? state.waiters : state.holders, info);
        }
        for (const FileUse &use : files.uses.value(key)) {
            const bool isHolder = std::any_of(state.holders.cbegin(), state.holders.cend(),
                                              [&](const ProcessInfo &p) { return p.pid == use.pid; });
            if (!isHolder)
                appendOnce(state.waiters, table.info(use.pid));
        }
        state.held = !state.holders.isEmpty();
        report.locks.append(state);
    }

    for (DownloadState &download : downloads) {
        const FileKey lockKey = lockKeys.value(download.file.lockPath);
        if (lockKeys.contains(download.file.lockPath)) {
            for (const LockRecord &record : locksByFile.values(lockKey))
                download.lockHeld = download.lockHeld || !record.blocked;
        }
        for (const FileUse &use : files.uses.value(keyOf(download.file.stat))) {
            download.open = true;
            appendOnce(download.writers, table.info(use.pid));
        }
        if (options.previous) {
            for (const DownloadState &before : options.previous->downloads) {
                const qint64 elapsedMs = report.sampledAtMs - options.previous->sampledAtMs;
                if (before.file.path == download.file.path && elapsedMs > 0) {
                    download.rate = (double(download.size) - double(before.size)) * 1000.0 / double(elapsedMs);
                    break;
                }
            }
        }
        report.downloads.append(download);
    }

    for (const WatchedFile &file : targets.files()) {
        if (file.kind != WatchedFile::Kind::Content)
            continue;
        const auto it = files.uses.constFind(keyOf(file.stat));
        if (it == files.uses.constEnd())
            continue;
        if (!report.uses.contains(it.key()))
            report.usedFiles.append(file);
        report.uses.insert(it.key(), *it);
    }
    for (const LockFileState &lock : std::as_const(report.locks)) {
        for (const ProcessInfo &p : lock.holders + lock.waiters)
            report.processes.insert(p.pid, p);
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
