#pragma once

#include "DeletePlan.h"
#include "PruneOptions.h"
#include "cache/CacheSnapshot.h"

namespace hfcache {

// Chooses what prune removes from one scan and hands it to DeletePlanner. Interrupted
// downloads whose blob lock is held are kept (an active download), shown as such.
class PrunePlanner
{
public:
    static DeletePlan plan(const CacheSnapshotPtr &snapshot, const PruneOptions &options, qint64 now);

    // When a revision was last used: the newest atime of its content, else its folder's mtime.
    static qint64 lastAccess(const CachedRepo &repo, const CachedRevision &revision);
};

} // namespace hfcache
