// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeLocks.h"

#include "CacheKinds.h"
#include "activity/LockOpeners.h"
#include "activity/ProcessTable.h"
#include "audit/GroupMembers.h"
#include "audit/MemberAccess.h"
#include "audit/SharedGroupRule.h"
#include "util/PathText.h"

#include <QFile>
#include <QHash>

#include <algorithm>
#include <memory>
#include <utility>

#include <unistd.h>

namespace hfcache {

namespace {

// Where each watched lock came from.
struct LockOrigin
{
    qsizetype kind;
    qsizetype entry;
};

// Pollers seen opening a lock become its waiters; every opener is kept for the kind's judgement.
void addOpeners(KindLock &lock, const QList<qint64> &pids, ProcessTable &table)
{
    lock.openedBy = pids;
    for (const qint64 pid : pids) {
        const auto same = [pid](const ProcessInfo &p) { return p.pid == pid && p.host.isEmpty(); };
        if (std::none_of(lock.state.holders.cbegin(), lock.state.holders.cend(), same)
            && std::none_of(lock.state.waiters.cbegin(), lock.state.waiters.cend(), same))
            lock.state.waiters.append(table.info(pid));
    }
}

} // namespace

HomeLocks::Result HomeLocks::inspect(const HomeSnapshot &home, const Options &options)
{
    Result result;
    QList<WatchedFile> files;  // every lock file, in the order of `origins`
    QList<LockOrigin> origins;
    qsizetype entryCount = 0;
    for (const KindSnapshotPtr &snapshot : home.kinds)
        entryCount += snapshot->entries.size();
    files.reserve(entryCount);  // grown a row at a time, a hundred thousand rows are copied many times
    origins.reserve(entryCount);
    for (qsizetype k = 0; k < home.kinds.size(); ++k) {
        const KindSnapshotPtr &snapshot = home.kinds[k];
        KindLocks kindLocks;
        kindLocks.snapshot = snapshot;
        if (snapshot->exists && snapshot->sameFolderAs.isEmpty()) {
            if (const std::optional<quint32> group = SharedGroupRule::sharedGroup(snapshot->rootStat))
                kindLocks.sharedGroup = *group;
        }
        const QByteArray root = QFile::encodeName(snapshot->location.path);
        // The token's lock sits in its folder, not below a root of its own.
        const QByteArray folder = snapshot->rootStat.isDirectory() ? root : root.left(qMax(0, int(root.lastIndexOf('/'))));
        for (qsizetype e = 0; e < snapshot->entries.size(); ++e) {
            const HomeEntry &entry = snapshot->entries[e];
            if (entry.role != EntryRole::Lock || !entry.stat.isRegularFile())
                continue;
            WatchedFile file;
            file.kind = WatchedFile::Kind::LockFile;
            file.path = folder + '/' + entry.path;
            file.cacheId = snapshot->location.kindId;
            file.repoId = entry.group >= 0 ? PathText::display(snapshot->groups[entry.group].key) : QString();
            file.stat = entry.stat;
            files.append(std::move(file));
            origins.append({k, e});
        }
        kindLocks.locks.reserve(snapshot->entries.size());
        result.kinds.append(std::move(kindLocks));
    }
    // Rows only for the locks something happens to (held, waited on, open, soft): the free ones,
    // nearly all of a big cache, are made below straight into their kind's list.
    CacheActivity::Options activityOptions = options.activity;
    activityOptions.lockRows = CacheActivity::Options::LockRows::Active;
    result.activity = CacheActivity::inspect(ActivityTargets::fromFiles(files), activityOptions);  // shares `files`

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

    ProcessTable table(options.activity.procRoot);
    QHash<qint64, QList<UserIdentity>> members;  // per shared group, looked up once
    // Who of a group can open a lock depends on its owner, group and mode only: decided once per
    // such class and shared by every lock of it (a cache holds thousands of locks of one class).
    QHash<std::pair<quint64, quint64>, QList<MemberAccess>> accessByClass;  // (shared group, owner), (group, mode)
    const UserIdentity me = UserIdentity::current();
    // The active rows come in the order their targets were added.
    qsizetype nextActive = 0;
    for (qsizetype i = 0; i < origins.size(); ++i) {
        KindLocks &kindLocks = result.kinds[origins[i].kind];
        const HomeEntry &entry = kindLocks.snapshot->entries[origins[i].entry];
        KindLock lock;
        lock.relativePath = entry.path;
        lock.group = entry.group;
        WatchedFile &file = files[i];
        if (nextActive < result.activity.locks.size() && result.activity.locks[nextActive].file.path == file.path)
            lock.state = std::move(result.activity.locks[nextActive++]);
        else
            lock.state = CacheActivity::freeLock(std::move(file), me);
        addOpeners(lock, openers.openers.value(FileKey{entry.stat.device, entry.stat.inode}), table);
        if (kindLocks.sharedGroup >= 0) {
            const std::pair<quint64, quint64> accessClass{quint64(kindLocks.sharedGroup) << 32 | entry.stat.uid,
                                                          quint64(entry.stat.gid) << 32 | entry.stat.mode};
            auto access = accessByClass.constFind(accessClass);
            if (access == accessByClass.constEnd()) {
                if (!members.contains(kindLocks.sharedGroup))
                    members.insert(kindLocks.sharedGroup, GroupMembers::of(quint32(kindLocks.sharedGroup)));
                access = accessByClass.insert(accessClass, MemberAccess::ofLock(members.value(kindLocks.sharedGroup), entry.stat));
            }
            lock.state.members = *access;
        }
        kindLocks.locks.append(std::move(lock));
    }
    files.clear();
    result.activity.locks.clear();  // moved into the kinds' rows
    for (KindLocks &kindLocks : result.kinds) {
        if (const CacheKind *kind = CacheKinds::find(kindLocks.snapshot->location.kindId))
            kind->judgeLocks(kindLocks);
    }
    for (const KindLocks &kindLocks : std::as_const(result.kinds)) {
        for (const KindLock &lock : kindLocks.locks) {
            for (const ProcessInfo &p : lock.state.waiters) {
                if (p.host.isEmpty())
                    result.activity.processes.insert(p.pid, p);
            }
        }
    }
    return result;
}

} // namespace hfcache
