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
    auto targets = std::make_unique<ActivityTargets>();  // freed once inspected: a copy of every lock's path
    QList<LockOrigin> origins;
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
            targets->add(file);
            origins.append({k, e});
        }
        result.kinds.append(kindLocks);
    }
    CacheActivity::Options activityOptions = options.activity;
    activityOptions.lockRows = CacheActivity::Options::LockRows::All;
    result.activity = CacheActivity::inspect(*targets, activityOptions);
    targets.reset();

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
    // Every lock file target gets a row (LockRows::All), in the order they were added.
    for (qsizetype i = 0; i < origins.size() && i < result.activity.locks.size(); ++i) {
        KindLocks &kindLocks = result.kinds[origins[i].kind];
        const HomeEntry &entry = kindLocks.snapshot->entries[origins[i].entry];
        KindLock lock;
        lock.relativePath = entry.path;
        lock.group = entry.group;
        lock.state = std::move(result.activity.locks[i]);
        addOpeners(lock, openers.openers.value(FileKey{entry.stat.device, entry.stat.inode}), table);
        if (kindLocks.sharedGroup >= 0) {
            if (!members.contains(kindLocks.sharedGroup))
                members.insert(kindLocks.sharedGroup, GroupMembers::of(quint32(kindLocks.sharedGroup)));
            lock.state.members = MemberAccess::ofLock(members.value(kindLocks.sharedGroup), entry.stat);
        }
        kindLocks.locks.append(lock);
    }
    result.activity.locks.clear();  // moved into the kinds' rows: a hundred thousand of them are not kept twice
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
