// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "TreeRowBuilder.h"

#include "util/PathText.h"

#include <QSet>

#include <algorithm>
#include <map>

namespace hfcache {

namespace {

// What one snapshot entry contributes: its content (the blob for a link) decides sizes,
// times and owner; links that lead nowhere contribute nothing but the link itself.
struct EntryFacts
{
    quint64 sizeOnDisk = 0;
    quint64 sizeApparent = 0;
    qint64 atime = 0;
    qint64 mtime = 0;
    uint uid = 0;
    int blobIndex = -1;
};

EntryFacts factsOf(const CachedRepo &repo, const SnapshotEntry &entry)
{
    const EntryStat *content = repo.contentStat(entry);
    const EntryStat &stat = content ? *content : entry.stat;
    EntryFacts facts;
    facts.atime = stat.atime;
    facts.mtime = stat.mtime;
    facts.uid = stat.uid;
    facts.blobIndex = entry.blobIndex;
    if (content) {
        facts.sizeOnDisk = content->diskSize;
        facts.sizeApparent = content->size;
    }
    return facts;
}

void addFacts(TreeRow::Totals &totals, const EntryFacts &facts)
{
    totals.addFile(facts.sizeOnDisk, facts.sizeApparent, facts.atime, facts.mtime, facts.uid);
}

} // namespace

TreeRowBuilder::TreeRowBuilder(CachedRepoPtr repo, std::shared_ptr<const FindingIndex> findings)
    : m_repo(std::move(repo))
    , m_findings(std::move(findings))
{
}

TreeRow TreeRowBuilder::repoRow(const CachedRepo &repo)
{
    TreeRow row;
    row.kind = NodeRef::Kind::Repo;
    row.sortName = repo.repoId.toLower();
    row.totals.sizeOnDisk = repo.sizeOnDisk;
    row.totals.sizeApparent = repo.sizeApparent;
    row.totals.files = repo.nbFiles;
    row.totals.lastAccessed = repo.lastAccessed;
    row.totals.lastModified = repo.lastModified;
    row.totals.addOwner(repo.stat.uid);
    for (const CachedBlob &blob : repo.blobs)
        row.totals.addOwner(blob.stat.uid);
    for (const Finding &finding : repo.findings)
        row.severity = std::max(row.severity, int(finding.severity));
    return row;
}

std::vector<TreeRow> TreeRowBuilder::childrenOf(const TreeRow &parent, const TreeRowOrder &order) const
{
    std::vector<TreeRow> rows;
    switch (parent.kind) {
    case NodeRef::Kind::Repo: rows = revisionRows(); break;
    case NodeRef::Kind::Revision:
    case NodeRef::Kind::Folder: rows = entryRows(parent); break;
    default: return rows;
    }
    order.sort(rows);
    return rows;
}

qsizetype TreeRowBuilder::workFor(const TreeRow &parent) const
{
    switch (parent.kind) {
    case NodeRef::Kind::Repo: {
        qsizetype work = m_repo->revisions.size();
        for (const CachedRevision &revision : m_repo->revisions)
            work += revision.entries.size();
        return work;
    }
    case NodeRef::Kind::Revision:
    case NodeRef::Kind::Folder: {
        const auto [first, last] = entriesBelow(m_repo->revisions.at(parent.revision), prefixOf(parent));
        return last - first;
    }
    default:
        return 0;
    }
}

QByteArray TreeRowBuilder::prefixOf(const TreeRow &parent)
{
    return parent.kind == NodeRef::Kind::Revision ? QByteArray() : parent.path + '/';
}

TreeRowBuilder::EntryRange TreeRowBuilder::entriesBelow(const CachedRevision &revision, const QByteArray &prefix)
{
    if (prefix.isEmpty())
        return {revision.entries.cbegin(), revision.entries.cend()};
    // "folder/" up to "folder0": '0' follows '/'.
    const auto byPath = [](const SnapshotEntry &entry, const QByteArray &path) { return entry.path < path; };
    const auto first = std::lower_bound(revision.entries.cbegin(), revision.entries.cend(), prefix, byPath);
    return {first, std::lower_bound(first, revision.entries.cend(), prefix.chopped(1) + '0', byPath)};
}

std::vector<TreeRow> TreeRowBuilder::revisionRows() const
{
    const CachedRepo &repo = *m_repo;
    std::vector<TreeRow> rows;
    rows.reserve(size_t(repo.revisions.size()));
    for (int i = 0; i < repo.revisions.size(); ++i) {
        const CachedRevision &revision = repo.revisions.at(i);
        TreeRow row;
        row.kind = NodeRef::Kind::Revision;
        row.revision = i;
        row.sortName = QString::fromLatin1(revision.commit.left(12)).toLower();
        row.totals.addOwner(revision.stat.uid);
        for (const SnapshotEntry &entry : revision.entries) {
            if (entry.kind == SnapshotEntry::Kind::Directory)
                continue;
            const EntryFacts facts = factsOf(repo, entry);
            row.totals.lastAccessed = std::max(row.totals.lastAccessed, facts.atime);
            row.totals.addOwner(facts.uid);
        }
        row.totals.sizeOnDisk = revision.sizeOnDisk;
        row.totals.sizeApparent = revision.sizeApparent;
        row.totals.files = revision.nbFiles;
        row.totals.lastModified = revision.lastModified;
        row.severity = m_findings->worstUnder(repo.snapshotPath(revision));
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<TreeRow> TreeRowBuilder::entryRows(const TreeRow &parent) const
{
    // The direct children of `prefix` among the revision's entries. Folders are implied by
    // deeper paths even without their own entry.
    const CachedRepo &repo = *m_repo;
    const int revisionIndex = parent.revision;
    const CachedRevision &revision = repo.revisions.at(revisionIndex);
    const QByteArray prefix = prefixOf(parent);
    std::map<QByteArray, TreeRow> byName;
    std::map<QByteArray, QSet<int>> blobsSeen;
    const auto [first, last] = entriesBelow(revision, prefix);
    for (auto it = first; it != last; ++it) {
        const SnapshotEntry &entry = *it;
        if (entry.path.size() == prefix.size())
            continue;
        const qsizetype slash = entry.path.indexOf('/', prefix.size());
        const QByteArray name = entry.path.mid(prefix.size(), slash < 0 ? -1 : slash - prefix.size());
        auto [found, fresh] = byName.try_emplace(name);
        TreeRow &child = found->second;
        if (fresh) {
            child.revision = revisionIndex;
            child.path = prefix + name;
            child.kind = NodeRef::Kind::Folder;
        }
        if (slash < 0) {
            child.entry = int(it - revision.entries.cbegin());
            if (entry.kind != SnapshotEntry::Kind::Directory) {
                child.kind = NodeRef::Kind::File;
                addFacts(child.totals, factsOf(repo, entry));
            } else {
                child.totals.addOwner(entry.stat.uid);
            }
        } else if (entry.kind != SnapshotEntry::Kind::Directory) {
            // A blob linked twice inside one folder takes its space once.
            EntryFacts facts = factsOf(repo, entry);
            if (facts.blobIndex >= 0 && !blobsSeen[name].contains(facts.blobIndex))
                blobsSeen[name].insert(facts.blobIndex);
            else if (facts.blobIndex >= 0)
                facts.sizeOnDisk = facts.sizeApparent = 0;
            addFacts(child.totals, facts);
        }
    }
    // One pass over the findings below this node: each belongs to the child its next path
    // component names (a binary search per child costs more than the whole pass).
    const QByteArray base = repo.snapshotPath(revision) + '/' + prefix;
    m_findings->forEachUnder(base.chopped(1), [&](const QByteArray &path, Severity severity) {
        if (path.size() <= base.size())
            return;  // about this node itself
        const qsizetype slash = path.indexOf('/', base.size());
        const auto child = byName.find(path.mid(base.size(), slash < 0 ? -1 : slash - base.size()));
        if (child != byName.end())
            child->second.severity = std::max(child->second.severity, int(severity));
    });
    std::vector<TreeRow> rows;
    rows.reserve(byName.size());
    for (auto &[name, row] : byName) {
        row.sortName = PathText::display(name).toLower();
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace hfcache
