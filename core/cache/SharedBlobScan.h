// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CacheSnapshot.h"
#include "SharedBlobStore.h"

namespace hfcache {

// Scans huggingface_hub's shared blob store (SharedBlobLayout) of a hub cache: before the repos
// (their blobs/<etag> links are matched against its payloads, never followed), then, with every
// repo scanned, checks the manifests against the links found (crossCheck).
class SharedBlobScan
{
public:
    // <root>/blobs is a real folder holding the marker with huggingface_hub's content. The
    // library refuses an unmarked folder, and so do we: it is then an unknown entry.
    static bool isStore(int rootFd);
    // Lists the store below `rootFd` (`root` names it in findings) into *store.
    static void scan(int rootFd, const QByteArray &root, SharedBlobStore *store, Findings *findings);
    // Fills each payload's linkedBy and uncheckedRefs from the repos and records the findings:
    // shared-blob-unreferenced, shared-blob-manifest-stale.
    static void crossCheck(CacheSnapshot &snapshot);
};

} // namespace hfcache
