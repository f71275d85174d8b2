// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "DeletePlan.h"
#include "cache/CacheSnapshot.h"

namespace hfcache {

// The shared blob store's part of a delete plan (huggingface_hub >= 1.29). A repo's blobs/<etag>
// there is a link to a payload other repos may link to as well: removing the link frees nothing
// but the link. For each payload whose links the plan removes, one more operation after them:
// the payload with its manifest and lock when nothing else references it (no link the scan
// found, no manifest line it could not check), else only its manifest is brought up to date.
// Either way the executor decides again under the payload's lock (SharedBlobRelease).
class SharedBlobPlanner
{
public:
    // Adds the operations to the items that remove each payload's last planned link.
    static void addReleases(DeletePlan &plan, const CacheSnapshot &snapshot);
    // An item for the payloads no repo blob links to (prune --orphans; huggingface_hub #4797).
    static void addUnreferenced(DeletePlan &plan, const CacheSnapshot &snapshot);
};

} // namespace hfcache
