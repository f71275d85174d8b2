#pragma once

#include "RepairInvoker.h"
#include "RepairPlan.h"

#include "cache/CacheSnapshot.h"

#include <QString>

namespace hfcache {

// The three repairs a person asks for, turned into a plan from one scan (the lstat of every
// entry is in the snapshot, so building a plan touches no file):
//   Mine        everything owned by the invoker, who can read and write it
//   ShareGroup  group G everywhere, folders 2775, files and lock files 0664, optionally a
//               default ACL g:G:rwX on every folder so new files stay group-writable
//   LocksOnly   .locks/ and its lock files usable by the invoker (what old clients broke)
// Entries come parents first, sorted by path (what FdWalk reuses best).
class RepairRecipe
{
public:
    enum class Kind { Mine, ShareGroup, LocksOnly };

    Kind kind = Kind::Mine;
    qint64 group = -1;        // ShareGroup
    bool defaultAcl = false;  // ShareGroup

    QString name() const;     // "mine", "share-group", "locks-only"
    RepairPlan build(const CacheSnapshot &snapshot, const RepairInvoker &invoker) const;

    // What the invoker can do alone (entries they own) and what needs hfcache-helper. Both keep
    // the plan's order; the helper part should run first (it may make folders traversable).
    static void split(const RepairPlan &plan, const RepairInvoker &invoker, RepairPlan *inProcess, RepairPlan *helper);
    // Whether `invoker` may write to an entry with `stat` (owner, group or other bits).
    static bool canWrite(const RepairInvoker &invoker, const EntryStat &stat);
};

} // namespace hfcache
