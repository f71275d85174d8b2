// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "ActivityReport.h"
#include "ActivityTargets.h"
#include "ProcLocks.h"
#include "audit/UserIdentity.h"

namespace hfcache {

// Inspects locks (/proc/locks, FLOCK and POSIX), downloads and the processes using cached
// files (/proc/*/fd, /proc/*/maps). Read-only: it takes no lock and never disturbs a holder.
class CacheActivity
{
public:
    struct Options
    {
        QByteArray procRoot = "/proc";
        QByteArray procLocks = "/proc/locks";
        // procLocks as read already for this sample, or null: read it. A read can wait several
        // ms for the kernel (an RCU grace period), so one sample's inspections share one.
        const ProcLocks::Result *procLocksRead = nullptr;
        // An earlier report of the same targets: download rates are computed against it.
        const ActivityReport *previous = nullptr;
        bool findUsers = true;  // scan /proc/*/fd and maps
        // Which lock files get a LockFileState. A cache keeps one per blob ever downloaded, so
        // views that only need the exceptions skip the ordinary ones.
        enum class LockRows {
            All,                 // `hfcache locks`
            Active,              // held or waited on (doctor)
            ActiveOrUnwritable,  // ... or the current user cannot open it read-write (the GUI pane)
        };
        LockRows lockRows = LockRows::All;
        // Soft locks (SoftFileLock markers): stale past this age in seconds, whoever holds them (0: never by age).
        qint64 softLockStaleAfter = 0;
        // Every empty lock file is a soft lock: filelock falls back to SoftFileLock where flock
        // fails (FilesystemFacts::LockScope::None), and there an empty file is an old filelock's marker.
        bool emptyLocksAreSoft = false;
        QString hostName = SoftLock::hostName();  // what filelock records as this host
        // A shared cache's group members (GroupMembers::of its SharedGroupRule group): each lock
        // row says which of them can open it (LockFileState::members), and ActiveOrUnwritable
        // also keeps the rows one of them cannot open.
        QList<UserIdentity> groupMembers;
    };

    static ActivityReport inspect(const ActivityTargets &targets, const Options &options);
    // Whether `user` can open a lock file as filelock does (O_RDWR), as every waiter must.
    static bool canOpenLock(const UserIdentity &user, const EntryStat &stat);
    static ActivityReport inspect(const ActivityTargets &targets) { return inspect(targets, Options{}); }
};

} // namespace hfcache
