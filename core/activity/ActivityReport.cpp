// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ActivityReport.h"

#include "util/HumanFormat.h"
#include "cache/FindingCode.h"

#include <QDateTime>
#include <QStringList>

namespace hfcache {

ProcessInfo ActivityReport::process(qint64 pid) const
{
    const auto it = processes.constFind(pid);
    if (it != processes.constEnd())
        return *it;
    ProcessInfo gone;
    gone.pid = pid;
    gone.exists = false;
    return gone;
}

QString ActivityReport::inUseText(const FileKey &file) const
{
    const QList<FileUse> list = uses.value(file);
    if (list.isEmpty())
        return {};
    QStringList parts;
    for (const FileUse &use : list) {
        QString how = use.mapped && use.open ? QStringLiteral("open, mapped")
                      : use.mapped           ? QStringLiteral("mapped")
                                             : QStringLiteral("open");
        parts << QStringLiteral("%1 [%2]").arg(process(use.pid).describe(), how);
    }
    return QStringLiteral("in use by ") + parts.join(QStringLiteral(", "));
}

QHash<QString, Findings> ActivityReport::findingsByRepo() const
{
    QHash<QString, Findings> result;
    const qint64 now = sampledAtMs / 1000;
    for (const LockFileState &lock : locks) {
        if (lock.isSoft && lock.soft.stale)
            result[lock.file.cacheId].append({Severity::Warning, FindingCode::SoftLockStale, lock.file.path,
                                              QStringLiteral("stale soft lock (SoftFileLock marker): %1").arg(lock.soft.staleReason),
                                              {fixActionName(FixAction::BreakStale), lock.file.path, {}}});
    }
    for (const LockFileState &lock : locks) {
        if (!lock.held)
            continue;
        QString message = QStringLiteral("lock held by %1").arg(ProcessInfo::describeAll(lock.holders));
        if (!lock.waiters.isEmpty())
            message += QStringLiteral("; waiting: %1").arg(ProcessInfo::describeAll(lock.waiters));
        result[lock.file.cacheId].append(makeFinding(Severity::Info, FindingCode::LockHeld, lock.file.path, message));
    }
    for (const DownloadState &download : downloads) {
        if (download.active()) {
            QString message = QStringLiteral("download in progress: %1").arg(HumanFormat::size(download.size));
            if (download.rate >= 0)
                message += QStringLiteral(", %1/s").arg(HumanFormat::size(quint64(download.rate)));
            if (!download.writers.isEmpty())
                message += QStringLiteral(", written by %1").arg(ProcessInfo::describeAll(download.writers));
            else if (download.lockHeld)
                message += QStringLiteral(", its blob lock is held");
            result[download.file.cacheId].append(
                {Severity::Info, FindingCode::IncompleteActive, download.file.path, message, {}});
        } else {
            const QString message = QStringLiteral("interrupted download (%1, last written %2), nobody holds its "
                                                   "lock: safe to remove while holding the lock")
                                        .arg(HumanFormat::size(download.size), HumanFormat::timeSince(download.mtime, now));
            result[download.file.cacheId].append(
                makeFinding(Severity::Warning, FindingCode::IncompleteStale, download.file.path, message,
                            makeFix(FixAction::Remove, download.file.path, QString::fromUtf8(download.file.lockPath))));
        }
    }
    for (const WatchedFile &file : usedFiles) {
        const FileKey key{file.stat.device, file.stat.inode};
        result[file.cacheId].append(makeFinding(Severity::Info, FindingCode::InUse, file.path, inUseText(key)));
    }
    return result;
}

} // namespace hfcache
