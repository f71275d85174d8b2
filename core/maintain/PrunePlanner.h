// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "DeletePlan.h"
#include "PruneOptions.h"
#include "cache/CacheSnapshot.h"

namespace hfcache {

class InUseChecker;

// Chooses what prune removes from one scan and hands it to DeletePlanner. Revisions a ref
// points to stay unless PruneOptions::includeRefs; nothing of a repo a download works in right
// now (ActiveDownloads: held or waited-on blob lock, open .incomplete) is planned. Both are
// listed as kept, with the reason.
class PrunePlanner
{
public:
    [[nodiscard]] static DeletePlan plan(const CacheSnapshotPtr &snapshot, const PruneOptions &options, qint64 now,
                                         const InUseChecker *inUse = nullptr);

    // When a revision was last used: the newest atime of its content, else its folder's mtime.
    static qint64 lastAccess(const CachedRepo &repo, const CachedRevision &revision);
    // A repo's revisions newest first, as --keep-latest counts them: the one `main` points to,
    // then by when a ref last moved to it (its ref file's mtime), then by last access, then by
    // the snapshot folder's mtime (which any later download into it bumps).
    static QList<const CachedRevision *> newestFirst(const CachedRepo &repo);
};

} // namespace hfcache
