// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "RepairInvoker.h"
#include "RepairPlan.h"
#include "RepairRecipe.h"

#include "cache/CacheSnapshot.h"

namespace hfcache {

// The Mine and ShareGroup recipes for huggingface_hub's shared blob store (SharedBlobLayout),
// whose modes are the library's, not the recipe's "files 0664": payloads read-only (0400 plus
// group/other read as the cache root allows searching it), manifests and locks 0666, folders
// mirroring the root. Every entry of the store that differs gets the change, with the owner
// (Mine) or group (ShareGroup) of the recipe; <root>/blobs itself is a root entry and stays
// the recipe's own. LocksOnly gives the store's lock files their 0666 back (owners untouched),
// and nothing else of the store.
class SharedBlobRepair
{
public:
    static void plan(RepairPlan &plan, const CacheSnapshot &snapshot, const RepairRecipe &recipe,
                     const RepairInvoker &invoker);
};

} // namespace hfcache
