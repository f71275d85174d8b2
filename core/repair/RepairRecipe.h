// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "RepairInvoker.h"
#include "RepairPlan.h"

#include "audit/CacheAudit.h"
#include "cache/CacheSnapshot.h"
#include "cache/Finding.h"

#include <QString>

namespace hfcache {

// The three repairs a person asks for, turned into a plan from what `hfcache doctor` finds:
// the findings decide which entries need a change, the recipe what they become.
//   Mine        everything owned by the invoker, who can read and write it
//   ShareGroup  group G everywhere, folders 2775, files and lock files 0664, optionally a
//               default ACL g:G:rwX on every folder so new files stay group-writable
//   LocksOnly   .locks/ and its lock files usable by the invoker (what old clients broke), and
//               the shared blob store's lock files (SharedBlobRepair)
// Mine and ShareGroup also remove interrupted downloads (incomplete-stale: nobody holds their
// blob lock), under that lock; LocksOnly promises to touch nothing but lock files and .locks/.
// Entries come parents first, sorted by path (what FdWalk reuses best).
class RepairRecipe
{
public:
    enum class Kind { Mine, ShareGroup, LocksOnly };

    Kind kind = Kind::Mine;
    qint64 group = -1;        // ShareGroup
    bool defaultAcl = false;  // ShareGroup

    QString name() const;     // "mine", "share-group", "locks-only"

    // What doctor is asked: as the invoker; Mine: a private cache of theirs; ShareGroup: the
    // group's policy; LocksOnly: doctor's own choice of policy.
    CacheAudit::Options auditOptions(const RepairInvoker &invoker) const;
    // Doctor's findings for this recipe: CacheAudit with auditOptions(), and CacheActivity's
    // downloads (which .incomplete files nobody writes). False and *error for an unknown user.
    [[nodiscard]] bool diagnose(const CacheSnapshotPtr &snapshot, const RepairInvoker &invoker, Findings *findings,
                                QString *error) const;
    // Whether this recipe acts on `finding` (in a cache at `root`).
    bool handles(const Finding &finding, const QByteArray &root) const;
    // The recipe's changes to every entry of `snapshot` that a finding it handles names. The
    // lstat of every entry is in the snapshot: building a plan touches no file (but the
    // default ACLs' check, done by the audit).
    [[nodiscard]] RepairPlan build(const CacheSnapshot &snapshot, const Findings &findings, const RepairInvoker &invoker) const;
    // The recipe's changes to one entry of another cache kind (no doctor findings there: the
    // entry's lstat decides, by the same rules doctor applies to the hub cache). `isLock`: a lock
    // file of its kind; `groupAclMissing`: a folder whose default ACL does not give the group rwx.
    void planEntry(RepairPlan &plan, const QByteArray &path, const EntryStat &stat, bool isLock,
                   bool groupAclMissing, const RepairInvoker &invoker) const;
    // The plan's sharedGroup for a cache whose root folder is `rootStat`: G for ShareGroup; for
    // LocksOnly the root's group when it is a shared cache of a group of the invoker's
    // (RepairAuthorization's shared cache); else none.
    qint64 sharedGroupFor(const EntryStat &rootStat, const RepairInvoker &invoker) const;
    // diagnose() then build().
    [[nodiscard]] RepairPlan plan(const CacheSnapshotPtr &snapshot, const RepairInvoker &invoker, QString *error) const;

    // What the invoker can do alone (entries they own) and what needs hfcache-helper. Both keep
    // the plan's order; the helper part should run first (it may make folders traversable).
    static void split(const RepairPlan &plan, const RepairInvoker &invoker, RepairPlan *inProcess, RepairPlan *helper);
    // Whether `invoker` may write to an entry with `stat` (owner, group or other bits).
    static bool canWrite(const RepairInvoker &invoker, const EntryStat &stat);
};

} // namespace hfcache
