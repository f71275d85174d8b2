// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QtGlobal>

namespace hfcache {

// What `hfcache prune` removes. Revision selectors (detached, older-than, keep-latest) narrow
// each other: `--older-than 30d --keep-latest 1` removes revisions unused for 30 days except
// each repo's newest. Interrupted downloads and orphan blobs are added on top. With nothing
// chosen, prune does what `hf cache prune` does: detached revisions and interrupted downloads.
// A revision some ref (branch, tag or PR) points to is never chosen unless includeRefs.
struct PruneOptions
{
    bool detached = false;
    bool incomplete = false;
    bool orphans = false;
    qint64 olderThanSeconds = -1;  // <0: not a criterion
    int keepLatest = -1;           // <0: not a criterion
    bool includeRefs = false;      // --include-refs: older-than and keep-latest may take ref'd revisions

    bool selectsRevisions() const { return detached || olderThanSeconds >= 0 || keepLatest >= 0; }
    bool isEmpty() const { return !selectsRevisions() && !incomplete && !orphans; }
};

} // namespace hfcache
