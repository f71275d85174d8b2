// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "StaleTemporaries.h"

#include "AuditLog.h"
#include "activity/FileKey.h"
#include "activity/ProcLocks.h"
#include "activity/ProcessFiles.h"
#include "util/HumanFormat.h"

#include <QDateTime>
#include <QFile>
#include <QSet>

#include <algorithm>

#include <unistd.h>

namespace hfcache {

namespace {

FileKey keyOf(const EntryStat &stat)
{
    return {stat.device, stat.inode};
}

// One temporary at the top of its tree (a folder counts with everything below it).
struct Candidate
{
    const KindSnapshot *kind = nullptr;
    QByteArray path;          // relative to the kind's root
    QList<FileKey> files;     // its entries
    QList<FileKey> locks;     // the lock files of its item
    qint64 lastWritten = 0;
    quint64 size = 0;
};

// The item's lock files; a datasets `<hash>.incomplete` item's lock is `<hash>_builder.lock`,
// which belongs to the item `<hash>` (builder.py:837-840).
QList<FileKey> locksOf(const KindSnapshot &kind, qint32 group, const QHash<qint32, QList<FileKey>> &locksByGroup)
{
    if (group < 0)
        return {};
    QList<FileKey> locks = locksByGroup.value(group);
    const QByteArray &key = kind.groups.at(group).key;
    if (key.endsWith(".incomplete")) {
        const qint32 complete = kind.indexOfGroup(key.chopped(11));
        if (complete >= 0)
            locks += locksByGroup.value(complete);
    }
    return locks;
}

void collect(const KindSnapshot &kind, QList<Candidate> &candidates)
{
    QHash<qint32, QList<FileKey>> locksByGroup;
    for (const HomeEntry &entry : kind.entries) {
        if (entry.role == EntryRole::Lock && entry.group >= 0)
            locksByGroup[entry.group].append(keyOf(entry.stat));
    }
    Candidate *open = nullptr;  // entries are sorted by path: a folder's entries follow it
    for (const HomeEntry &entry : kind.entries) {
        if (open && entry.path.startsWith(open->path + '/')) {
            open->files.append(keyOf(entry.stat));
            open->lastWritten = std::max(open->lastWritten, entry.stat.mtime);
            open->size += entry.stat.isDirectory() ? 0 : entry.stat.diskSize;
            continue;
        }
        open = nullptr;
        if (entry.role != EntryRole::Temporary)
            continue;
        Candidate candidate;
        candidate.kind = &kind;
        candidate.path = entry.path;
        candidate.files = {keyOf(entry.stat)};
        candidate.locks = locksOf(kind, entry.group, locksByGroup);
        candidate.lastWritten = entry.stat.mtime;
        candidate.size = entry.stat.isDirectory() ? 0 : entry.stat.diskSize;
        candidates.append(std::move(candidate));
        open = entry.stat.isDirectory() ? &candidates.last() : nullptr;
    }
}

} // namespace

QHash<const KindSnapshot *, Findings> StaleTemporaries::find(const QList<KindSnapshotPtr> &kinds, qint64 writtenBefore)
{
    QList<Candidate> all;
    for (const KindSnapshotPtr &kind : kinds) {
        if (kind->exists && kind->sameFolderAs.isEmpty())
            collect(*kind, all);
    }
    QList<const Candidate *> quiet;
    QSet<FileKey> interesting;
    for (const Candidate &candidate : std::as_const(all)) {
        if (candidate.lastWritten >= writtenBefore)
            continue;  // maybe written right now, between two open() calls
        quiet.append(&candidate);
        for (const FileKey &key : candidate.files + candidate.locks)
            interesting.insert(key);
    }
    QHash<const KindSnapshot *, Findings> result;
    if (quiet.isEmpty())
        return result;
    // Held or waited on: both mean a live process is in the middle of using the item.
    QSet<FileKey> locked;
    for (const LockRecord &record : ProcLocks::read().records)
        locked.insert(record.file);
    const ProcessFiles::Result used = ProcessFiles::scan(interesting, "/proc", ::getpid());
    // Other users' /proc/<pid>/fd is closed to a non-root caller: say so rather than guess.
    const QString nobodyOpen = used.unreadable > 0
        ? QStringLiteral("no process hfcache could inspect has it open (%1 process(es) of other users could not be "
                         "inspected: run as root to be sure)").arg(used.unreadable)
        : QStringLiteral("no process has it open");
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const Candidate *candidate : std::as_const(quiet)) {
        const auto live = [&](const FileKey &key) { return locked.contains(key) || used.uses.contains(key); };
        if (std::any_of(candidate->files.cbegin(), candidate->files.cend(), live)
            || std::any_of(candidate->locks.cbegin(), candidate->locks.cend(), live))
            continue;
        const QByteArray path = QFile::encodeName(candidate->kind->location.path) + '/' + candidate->path;
        result[candidate->kind].append(makeFinding(
            Severity::Warning, FindingCode::StaleTemporary, path,
            QStringLiteral("a temporary of %1 (%2) last written %3: %4%5, so the process that wrote it is gone")
                .arg(HumanFormat::size(candidate->size),
                     candidate->files.size() == 1 ? QStringLiteral("1 entry") : QStringLiteral("%1 entries").arg(candidate->files.size()),
                     HumanFormat::timeSince(candidate->lastWritten, now), nobodyOpen,
                     candidate->locks.isEmpty() ? QString() : QStringLiteral(" and nobody holds or waits on its lock")),
            makeFix(FixAction::Delete, path, {})));
    }
    qCDebug(lcAudit) << all.size() << "temporaries," << quiet.size() << "quiet," << used.processes << "processes inspected";
    return result;
}

} // namespace hfcache
