// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "TreeRow.h"
#include "TreeRowOrder.h"

#include "cache/CachedRepo.h"
#include "cache/FindingIndex.h"

#include <memory>
#include <utility>
#include <vector>

namespace hfcache {

// Builds the rows of the cache tree from one immutable repo value: the repo's own row, the
// rows of its revisions, and the files and folders directly below a revision or a folder.
// It reads only the repo and its finding index (both immutable and shared), so it runs on
// any thread: CacheTreeModel builds big nodes on the thread pool with it.
class TreeRowBuilder
{
public:
    TreeRowBuilder(CachedRepoPtr repo, std::shared_ptr<const FindingIndex> findings);

    static TreeRow repoRow(const CachedRepo &repo);
    // The rows directly below `parent` (a repo, revision or folder row of this repo), in `order`.
    std::vector<TreeRow> childrenOf(const TreeRow &parent, const TreeRowOrder &order = {}) const;
    // How many entries childrenOf(parent) reads: what building the rows costs.
    qsizetype workFor(const TreeRow &parent) const;

private:
    using EntryRange = std::pair<QList<SnapshotEntry>::const_iterator, QList<SnapshotEntry>::const_iterator>;

    std::vector<TreeRow> revisionRows() const;
    std::vector<TreeRow> entryRows(const TreeRow &parent) const;
    // The revision's entries below `prefix` ("" or "folder/"): they are sorted by path.
    static EntryRange entriesBelow(const CachedRevision &revision, const QByteArray &prefix);
    static QByteArray prefixOf(const TreeRow &parent);

    CachedRepoPtr m_repo;
    std::shared_ptr<const FindingIndex> m_findings;
};

} // namespace hfcache
