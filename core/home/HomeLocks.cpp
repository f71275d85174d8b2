// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeLocks.h"

#include "CacheKinds.h"
#include "activity/LockOpeners.h"
#include "activity/ProcessTable.h"
#include "audit/GroupMembers.h"
#include "audit/MemberAccess.h"
#include "audit/SharedGroupRule.h"
#include "util/Parallel.h"
#include "util/PathText.h"

#include <QFile>
#include <QHash>

#include <algorithm>
#include <memory>
#include <utility>

#include <unistd.h>

namespace hfcache {

namespace {

// Where each watched lock came from, and where its row goes.
struct LockOrigin
{
    qsizetype kind;
    qsizetype entry;
    qsizetype row;  // in its kind's KindLocks::locks
};

// Rows are made a slice at a time on every core: a datasets cache holds a lock per download.
constexpr qsizetype RowSlice = 1024;

// Pollers seen opening a lock become its waiters; every opener is kept for the kind's judgement.
void addOpeners(KindLock &lock, const QList<qint64> &pids, ProcessTable &table)
{
    lock.openedBy = pids;
    if (!lock.activity)  // only held locks are listened on
        return;
    LockFileState &state = *lock.activity;
    for (const qint64 pid : pids) {
        const auto same = [pid](const ProcessInfo &p) { return p.pid == pid && p.host.isEmpty(); };
        if (std::none_of(state.holders.cbegin(), state.holders.cend(), same)
            && std::none_of(state.waiters.cbegin(), state.waiters.cend(), same))
            state.waiters.append(table.info(pid));
    }
}

// The folder each kind's lock paths are relative to: the token's lock sits in its folder, not
// below a root of its own.
QByteArray lockFolder(const KindSnapshot &snapshot)
{
    const QByteArray root = QFile::encodeName(snapshot.location.path);
    return snapshot.rootStat.isDirectory() ? root : root.left(qMax(0, int(root.lastIndexOf('/'))));
}

// Every kind's list (its folder, its shared group, its rows' room), and where each of its lock
// files comes from: lock entries that are regular files, in the kinds' order, then their
// entries' (path) order.
QList<LockOrigin> lockOrigins(const HomeSnapshot &home, QList<KindLocks> *kinds)
{
    QList<LockOrigin> origins;
    qsizetype lockCount = 0;
    for (const KindSnapshotPtr &snapshot : home.kinds)
        lockCount += snapshot->lockCount;
    origins.reserve(lockCount);
    for (qsizetype k = 0; k < home.kinds.size(); ++k) {
        const KindSnapshotPtr &snapshot = home.kinds[k];
        KindLocks kindLocks;
        kindLocks.snapshot = snapshot;
        kindLocks.folder = lockFolder(*snapshot);
        if (snapshot->exists && snapshot->sameFolderAs.isEmpty()) {
            if (const std::optional<quint32> group = SharedGroupRule::sharedGroup(snapshot->rootStat))
                kindLocks.sharedGroup = *group;
        }
        qsizetype rows = 0;
        for (qsizetype e = 0; e < snapshot->entries.size(); ++e) {
            const HomeEntry &entry = snapshot->entries[e];
            if (entry.role == EntryRole::Lock && entry.stat.isRegularFile())
                origins.append({k, e, rows++});
        }
        kindLocks.locks.resize(rows);
        kinds->append(std::move(kindLocks));
    }
    return origins;
}

// What CacheActivity reports a lock with, made only for the locks it has a row for.
WatchedFile watchedFile(const KindLocks &kindLocks, const HomeEntry &entry)
{
    const KindSnapshot &snapshot = *kindLocks.snapshot;
    WatchedFile file;
    file.kind = WatchedFile::Kind::LockFile;
    file.path = kindLocks.folder + '/' + entry.path;
    file.cacheId = snapshot.location.kindId;
    file.repoId = entry.group >= 0 ? PathText::display(snapshot.groups[entry.group].key) : QString();
    file.stat = entry.stat;
    return file;
}

// Which row of `active` (CacheActivity's rows, in the order of their targets) each lock has, -1
// for a free one.
QList<qsizetype> activeRows(const ActivityTargets &targets, const QList<LockFileState> &active)
{
    QList<qsizetype> rows(targets.size(), -1);
    qsizetype next = 0;
    for (qsizetype i = 0; i < targets.size() && next < active.size(); ++i) {
        const EntryStat &stat = active[next].file.stat;
        if (targets.key(i) == FileKey{stat.device, stat.inode} && targets.file(i).path == active[next].file.path)
            rows[i] = next++;
    }
    return rows;
}

// In a shared cache, whether each member of its group can open each lock. Who can depends on the
// lock's owner, group and mode only: decided once per such class and shared by every lock of it
// (a cache holds thousands of locks of one class).
void addMemberAccess(QList<KindLocks> &kinds)
{
    QHash<qint64, QList<UserIdentity>> members;  // per shared group, looked up once
    QHash<std::pair<quint64, quint64>, QList<MemberAccess>> accessByClass;  // (shared group, owner), (group, mode)
    for (KindLocks &kindLocks : kinds) {
        if (kindLocks.sharedGroup < 0)
            continue;
        for (KindLock &lock : kindLocks.locks) {
            const EntryStat &stat = lock.stat;
            const std::pair<quint64, quint64> accessClass{quint64(kindLocks.sharedGroup) << 32 | stat.uid,
                                                          quint64(stat.gid) << 32 | stat.mode};
            auto access = accessByClass.constFind(accessClass);
            if (access == accessByClass.constEnd()) {
                if (!members.contains(kindLocks.sharedGroup))
                    members.insert(kindLocks.sharedGroup, GroupMembers::of(quint32(kindLocks.sharedGroup)));
                access = accessByClass.insert(accessClass, MemberAccess::ofLock(members.value(kindLocks.sharedGroup), stat));
            }
            lock.members = *access;
        }
    }
}

} // namespace

HomeLocks::Result HomeLocks::inspect(const HomeSnapshot &home, const Options &options)
{
    Result result;
    const QList<LockOrigin> origins = lockOrigins(home, &result.kinds);
    const auto entryOf = [&](qsizetype i) -> const HomeEntry & {
        return home.kinds[origins[i].kind]->entries[origins[i].entry];
    };
    QList<const EntryStat *> stats(origins.size());
    for (qsizetype i = 0; i < origins.size(); ++i)
        stats[i] = &entryOf(i).stat;
    // Rows only for the locks something happens to (held, waited on, open, soft): the free ones,
    // nearly all of a big cache, are made below from their scan entries.
    CacheActivity::Options activityOptions = options.activity;
    activityOptions.lockRows = CacheActivity::Options::LockRows::Active;
    const ActivityTargets targets = ActivityTargets::fromLockFiles(std::move(stats), [&](qsizetype i) {
        return watchedFile(result.kinds[origins[i].kind], entryOf(i));
    });
    result.activity = CacheActivity::inspect(targets, activityOptions);

    QList<QByteArray> held;
    for (const LockFileState &state : std::as_const(result.activity.locks)) {
        if (state.held && !state.isSoft)
            held.append(state.file.path);
    }
    LockOpeners::Result openers;
    if (options.listenMs > 0 && !held.isEmpty()) {
        openers = LockOpeners::listen(held, options.listenMs);
        result.listened = openers.error.isEmpty();
        result.listenError = openers.error;
    }

    const QList<qsizetype> active = activeRows(targets, result.activity.locks);
    QList<KindLock *> rows(origins.size());
    for (qsizetype i = 0; i < origins.size(); ++i)
        rows[i] = result.kinds[origins[i].kind].locks.data() + origins[i].row;
    LockFileState *activeData = result.activity.locks.data();
    const UserIdentity me = UserIdentity::current();
    runInSlices(origins.size(), RowSlice, [&](qsizetype begin, qsizetype end) {
        for (qsizetype i = begin; i < end; ++i) {
            const HomeEntry &entry = entryOf(i);
            KindLock &lock = *rows[i];
            lock.relativePath = entry.path;
            lock.group = entry.group;
            lock.stat = entry.stat;
            lock.plainPath = entry.plainPath;
            if (active[i] >= 0) {
                LockFileState &state = activeData[active[i]];
                lock.writable = state.writable;
                lock.activity = std::make_shared<LockFileState>(std::move(state));
            } else {
                lock.writable = CacheActivity::canOpenLock(me, entry.stat);
            }
        }
    });
    result.activity.locks.clear();  // moved into the kinds' rows
    if (!openers.openers.isEmpty()) {
        ProcessTable table(options.activity.procRoot);
        for (KindLock *lock : std::as_const(rows))
            addOpeners(*lock, openers.openers.value(FileKey{lock->stat.device, lock->stat.inode}), table);
    }
    addMemberAccess(result.kinds);
    for (KindLocks &kindLocks : result.kinds) {
        if (const CacheKind *kind = CacheKinds::find(kindLocks.snapshot->location.kindId))
            kind->judgeLocks(kindLocks);
    }
    for (const KindLocks &kindLocks : std::as_const(result.kinds)) {
        for (const KindLock &lock : kindLocks.locks) {
            for (const ProcessInfo &p : lock.waiters()) {
                if (p.host.isEmpty())
                    result.activity.processes.insert(p.pid, p);
            }
        }
    }
    return result;
}

} // namespace hfcache
