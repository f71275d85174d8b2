// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CacheTreeModel.h"

#include "common/ItemIcons.h"
#include "OwnerNames.h"

#include "cache/FindingIndex.h"
#include "util/HumanFormat.h"
#include "util/PathText.h"
#include "util/PathPrefix.h"

#include <QDateTime>
#include <QLatin1StringView>
#include <QSet>

#include <algorithm>
#include <map>

namespace hfcache {

namespace {

constexpr qint64 MixedOwners = -1;
constexpr qint64 NoOwner = -2;

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

bool containsCaseInsensitive(const QByteArray &haystack, const QByteArray &needle)
{
    return QLatin1StringView(haystack).contains(QLatin1StringView(needle), Qt::CaseInsensitive);
}

QString joined(const QStringList &names)
{
    return names.join(QStringLiteral(", "));
}

} // namespace

struct CacheTreeModel::Totals
{
    quint64 sizeOnDisk = 0;
    quint64 sizeApparent = 0;
    int files = 0;
    qint64 lastAccessed = 0;
    qint64 lastModified = 0;
    qint64 owner = NoOwner;

    void addOwner(uint uid)
    {
        if (owner == NoOwner)
            owner = uid;
        else if (owner != qint64(uid))
            owner = MixedOwners;
    }
    void add(const EntryFacts &facts)
    {
        sizeOnDisk += facts.sizeOnDisk;
        sizeApparent += facts.sizeApparent;
        ++files;
        lastAccessed = std::max(lastAccessed, facts.atime);
        lastModified = std::max(lastModified, facts.mtime);
        addOwner(facts.uid);
    }
};

struct CacheTreeModel::Node
{
    Node *parent = nullptr;
    int row = 0;
    NodeRef::Kind kind = NodeRef::Kind::None;
    CachedRepoPtr repo;        // Repo nodes only; the rows below reach it through their parents
    std::unique_ptr<const FindingIndex> findingIndex;  // Repo nodes: repo->findings by path
    int revision = -1;         // index into CachedRepo::revisions
    int entry = -1;            // index into CachedRevision::entries; -1 for implied folders
    QByteArray path;           // Folder, File: relative to the snapshot folder
    Totals totals;
    int severity = -1;
    bool childrenBuilt = false;
    std::vector<std::unique_ptr<Node>> children;
};

CacheTreeModel::CacheTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
    , m_owners(new OwnerNames(this))
{
    m_root->childrenBuilt = true;
    connect(m_owners, &OwnerNames::resolved, this, [this] { notifyAllTopLevelChanged(OwnerColumn, Qt::DisplayRole); });
}

CacheTreeModel::~CacheTreeModel() = default;

void CacheTreeModel::clear()
{
    beginResetModel();
    m_root->children.clear();
    m_rowOfFolder.clear();
    m_totalSizeOnDisk = 0;
    endResetModel();
}

std::unique_ptr<CacheTreeModel::Node> CacheTreeModel::makeRepoNode(const CachedRepoPtr &repo) const
{
    auto node = std::make_unique<Node>();
    node->parent = m_root.get();
    node->kind = NodeRef::Kind::Repo;
    node->repo = repo;
    node->totals.sizeOnDisk = repo->sizeOnDisk;
    node->totals.sizeApparent = repo->sizeApparent;
    node->totals.files = repo->nbFiles;
    node->totals.lastAccessed = repo->lastAccessed;
    node->totals.lastModified = repo->lastModified;
    node->totals.addOwner(repo->stat.uid);
    for (const CachedBlob &blob : repo->blobs)
        node->totals.addOwner(blob.stat.uid);
    for (const Finding &finding : repo->findings)
        node->severity = std::max(node->severity, int(finding.severity));
    // Every row below asks which findings are about it: once per repo, not once per row.
    node->findingIndex = std::make_unique<const FindingIndex>(repo->findings);
    return node;
}

void CacheTreeModel::addRepos(const QList<CachedRepoPtr> &batch)
{
    QList<CachedRepoPtr> fresh;
    bool replaced = false;
    for (const CachedRepoPtr &repo : batch) {
        const auto it = m_rowOfFolder.constFind(repo->folderName);
        if (it != m_rowOfFolder.cend()) {
            swapRepo(*it, repo);
            replaced = true;
        } else {
            fresh << repo;
        }
    }
    const int first = int(m_root->children.size());
    if (!fresh.isEmpty()) {
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        for (const CachedRepoPtr &repo : fresh) {
            auto node = makeRepoNode(repo);
            node->row = int(m_root->children.size());
            m_rowOfFolder.insert(repo->folderName, node->row);
            m_totalSizeOnDisk += repo->sizeOnDisk;
            m_root->children.push_back(std::move(node));
        }
        endInsertRows();
    }
    // Every repo's share of the total changed: one notification per batch, not per repo.
    if (replaced || (!fresh.isEmpty() && first > 0))
        notifyAllTopLevelChanged(SizeOnDiskColumn, PercentRole);
}

void CacheTreeModel::replaceRepo(const QByteArray &folderName, const CachedRepoPtr &repo)
{
    const auto it = m_rowOfFolder.constFind(folderName);
    if (it == m_rowOfFolder.cend()) {
        if (repo)
            addRepos({repo});
        return;
    }
    if (repo)
        swapRepo(*it, repo);
    else
        removeRepoRow(*it);
    notifyAllTopLevelChanged(SizeOnDiskColumn, PercentRole);
}

void CacheTreeModel::removeRepoRow(int row)
{
    const QByteArray folderName = m_root->children.at(row)->repo->folderName;
    m_totalSizeOnDisk -= m_root->children.at(row)->repo->sizeOnDisk;
    beginRemoveRows({}, row, row);
    m_root->children.erase(m_root->children.begin() + row);
    m_rowOfFolder.remove(folderName);
    reindexRepos(row);
    endRemoveRows();
}

void CacheTreeModel::swapRepo(int row, const CachedRepoPtr &repo)
{
    Node *node = m_root->children.at(row).get();
    m_totalSizeOnDisk -= node->repo->sizeOnDisk;
    // Rows below a repo point into its old value: drop them before swapping the value, and
    // rebuild them at once when a view had them (it shows them expanded).
    const QModelIndex repoIndex = indexFor(node);
    const bool hadChildren = node->childrenBuilt;
    if (hadChildren && !node->children.empty()) {
        beginRemoveRows(repoIndex, 0, int(node->children.size()) - 1);
        node->children.clear();
        endRemoveRows();
    }
    auto fresh = makeRepoNode(repo);
    node->repo = fresh->repo;
    node->findingIndex = std::move(fresh->findingIndex);
    node->totals = fresh->totals;
    node->severity = fresh->severity;
    m_totalSizeOnDisk += repo->sizeOnDisk;
    // Until the insert below, the built (empty) child list is what views see.
    if (hadChildren) {
        auto children = buildChildren(node);
        if (!children.empty()) {
            beginInsertRows(repoIndex, 0, int(children.size()) - 1);
            node->children = std::move(children);
            endInsertRows();
        }
    }
    Q_EMIT dataChanged(indexFor(node, 0), indexFor(node, ColumnCount - 1));
}

void CacheTreeModel::retainOnly(const QList<CachedRepoPtr> &repos)
{
    QSet<QByteArray> keep;
    for (const CachedRepoPtr &repo : repos)
        keep.insert(repo->folderName);
    bool removed = false;
    for (int row = int(m_root->children.size()) - 1; row >= 0; --row) {
        if (!keep.contains(m_root->children.at(row)->repo->folderName)) {
            removeRepoRow(row);
            removed = true;
        }
    }
    if (removed)
        notifyAllTopLevelChanged(SizeOnDiskColumn, PercentRole);
}

void CacheTreeModel::reindexRepos(int fromRow)
{
    for (int row = fromRow; row < int(m_root->children.size()); ++row) {
        Node *node = m_root->children.at(row).get();
        node->row = row;
        m_rowOfFolder.insert(node->repo->folderName, row);
    }
}

void CacheTreeModel::notifyAllTopLevelChanged(int column, int role)
{
    // Naming the role matters: a sort proxy re-sorts only when its sort role changed.
    if (!m_root->children.empty())
        Q_EMIT dataChanged(index(0, column), index(int(m_root->children.size()) - 1, column), {role});
}

QList<CachedRepoPtr> CacheTreeModel::repos() const
{
    QList<CachedRepoPtr> list;
    list.reserve(qsizetype(m_root->children.size()));
    for (const auto &node : m_root->children)
        list << node->repo;
    return list;
}

int CacheTreeModel::repoCount() const
{
    return int(m_root->children.size());
}

CacheTreeModel::Node *CacheTreeModel::nodeFrom(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_root.get();
    Q_ASSERT(index.model() == this);
    return static_cast<Node *>(index.internalPointer());
}

QModelIndex CacheTreeModel::indexFor(const Node *node, int column) const
{
    if (node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

const CacheTreeModel::Node *CacheTreeModel::repoNodeOf(const Node *node) const
{
    while (node->kind != NodeRef::Kind::Repo)
        node = node->parent;
    return node;
}

const CachedRepo &CacheTreeModel::repoOf(const Node *node) const
{
    return *repoNodeOf(node)->repo;
}

void CacheTreeModel::ensureChildren(Node *node) const
{
    if (node->childrenBuilt)
        return;
    node->children = buildChildren(node);
    node->childrenBuilt = true;
}

std::vector<std::unique_ptr<CacheTreeModel::Node>> CacheTreeModel::buildChildren(Node *node) const
{
    std::vector<std::unique_ptr<Node>> children;
    if (node->kind == NodeRef::Kind::File || node->kind == NodeRef::Kind::None)
        return children;
    const CachedRepo &repo = repoOf(node);
    const FindingIndex &findingIndex = *repoNodeOf(node)->findingIndex;
    if (node->kind == NodeRef::Kind::Repo) {
        for (int i = 0; i < repo.revisions.size(); ++i) {
            const CachedRevision &revision = repo.revisions.at(i);
            auto child = std::make_unique<Node>();
            child->kind = NodeRef::Kind::Revision;
            child->revision = i;
            Totals totals;
            totals.addOwner(revision.stat.uid);
            for (const SnapshotEntry &entry : revision.entries) {
                if (entry.kind == SnapshotEntry::Kind::Directory)
                    continue;
                const EntryFacts facts = factsOf(repo, entry);
                totals.lastAccessed = std::max(totals.lastAccessed, facts.atime);
                totals.addOwner(facts.uid);
            }
            totals.sizeOnDisk = revision.sizeOnDisk;
            totals.sizeApparent = revision.sizeApparent;
            totals.files = revision.nbFiles;
            totals.lastModified = revision.lastModified;
            child->totals = totals;
            child->severity = findingIndex.worstUnder(repo.snapshotPath(revision));
            children.push_back(std::move(child));
        }
    } else {
        // Revision or folder: the direct children of `prefix` among the revision's entries
        // (sorted by path). Folders are implied by deeper paths even without their own entry.
        const int revisionIndex = node->revision;
        const CachedRevision &revision = repo.revisions.at(revisionIndex);
        const QByteArray prefix = node->kind == NodeRef::Kind::Revision ? QByteArray() : node->path + '/';
        std::map<QByteArray, std::unique_ptr<Node>> byName;
        std::map<QByteArray, QSet<int>> blobsSeen;
        for (int i = 0; i < revision.entries.size(); ++i) {
            const SnapshotEntry &entry = revision.entries.at(i);
            if (!entry.path.startsWith(prefix) || entry.path.size() == prefix.size())
                continue;
            const qsizetype slash = entry.path.indexOf('/', prefix.size());
            const QByteArray name = entry.path.mid(prefix.size(), slash < 0 ? -1 : slash - prefix.size());
            auto &child = byName[name];
            if (!child) {
                child = std::make_unique<Node>();
                child->revision = revisionIndex;
                child->path = prefix + name;
                child->kind = NodeRef::Kind::Folder;
            }
            if (slash < 0) {
                child->entry = i;
                if (entry.kind != SnapshotEntry::Kind::Directory) {
                    child->kind = NodeRef::Kind::File;
                    child->totals.add(factsOf(repo, entry));
                } else {
                    child->totals.addOwner(entry.stat.uid);
                }
            } else if (entry.kind != SnapshotEntry::Kind::Directory) {
                // A blob linked twice inside one folder takes its space once.
                EntryFacts facts = factsOf(repo, entry);
                if (facts.blobIndex >= 0 && !blobsSeen[name].contains(facts.blobIndex))
                    blobsSeen[name].insert(facts.blobIndex);
                else if (facts.blobIndex >= 0)
                    facts.sizeOnDisk = facts.sizeApparent = 0;
                child->totals.add(facts);
            }
        }
        // One pass over the findings below this node: each belongs to the child its next path
        // component names (a binary search per child costs more than the whole pass).
        const QByteArray base = repo.snapshotPath(revision) + '/' + prefix;
        findingIndex.forEachUnder(base.chopped(1), [&](const QByteArray &path, Severity severity) {
            if (path.size() <= base.size())
                return;  // about this node itself
            const qsizetype slash = path.indexOf('/', base.size());
            const auto child = byName.find(path.mid(base.size(), slash < 0 ? -1 : slash - base.size()));
            if (child != byName.end())
                child->second->severity = std::max(child->second->severity, int(severity));
        });
        for (auto &[name, child] : byName)
            children.push_back(std::move(child));
    }
    for (int row = 0; row < int(children.size()); ++row) {
        children[row]->parent = node;
        children[row]->row = row;
    }
    return children;
}

QModelIndex CacheTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0))
        return {};
    Node *node = nodeFrom(parent);
    ensureChildren(node);
    if (row >= int(node->children.size()))
        return {};
    return createIndex(row, column, node->children[row].get());
}

QModelIndex CacheTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexFor(nodeFrom(child)->parent);
}

int CacheTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    Node *node = nodeFrom(parent);
    ensureChildren(node);
    return int(node->children.size());
}

int CacheTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool CacheTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const Node *node = nodeFrom(parent);
    if (node->childrenBuilt)
        return !node->children.empty();
    switch (node->kind) {
    case NodeRef::Kind::Repo: return !node->repo->revisions.isEmpty();
    case NodeRef::Kind::Revision: return !repoOf(node).revisions.at(node->revision).entries.isEmpty();
    case NodeRef::Kind::Folder: return rowCount(parent) > 0;
    default: return false;
    }
}

QVariant CacheTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeFrom(index);
    const int column = index.column();
    if (column == UpdatesColumn)
        return updatesData(node, role);
    switch (role) {
    case Qt::DisplayRole:
        return displayData(node, column);
    case SortRole:
        return sortData(node, column);
    case Qt::ToolTipRole:
        return toolTip(node, column);
    case Qt::TextAlignmentRole:
        if (column == NameColumn || column == RefsColumn || column == OwnerColumn || column == StatusColumn)
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::DecorationRole:
        if (column == StatusColumn) {
            if (node->severity >= 0 || node->kind == NodeRef::Kind::Repo)
                return ItemIcons::severity(node->severity);
            return {};
        }
        if (column != NameColumn)
            return {};
        switch (node->kind) {
        case NodeRef::Kind::Repo: return node->repo->isLocalDir ? ItemIcons::folder() : ItemIcons::repoType(node->repo->type);
        case NodeRef::Kind::Revision: return ItemIcons::revision(repoOf(node).revisions.at(node->revision).isDetached());
        case NodeRef::Kind::Folder: return ItemIcons::folder();
        case NodeRef::Kind::File: {
            const SnapshotEntry *entry = entryAt(index);
            const bool dangling = entry && entry->kind == SnapshotEntry::Kind::Symlink && !repoOf(node).contentStat(*entry);
            return dangling ? ItemIcons::brokenLink() : ItemIcons::file();
        }
        default: return {};
        }
    case PercentRole:
        if (column != SizeOnDiskColumn)
            return {};
        {
            const quint64 whole = node->parent == m_root.get() ? m_totalSizeOnDisk : node->parent->totals.sizeOnDisk;
            return whole ? 100.0 * double(node->totals.sizeOnDisk) / double(whole) : 0.0;
        }
    case KindRole:
        return int(node->kind);
    case RepoTypeRole:
        return int(repoOf(node).type);
    case SeverityRole:
        return node->severity;
    case Qt::AccessibleTextRole:
        return displayData(node, column);
    default:
        return {};
    }
}

QVariant CacheTreeModel::displayData(const Node *node, int column) const
{
    const CachedRepo &repo = repoOf(node);
    const bool isRepo = node->kind == NodeRef::Kind::Repo;
    const bool isRevision = node->kind == NodeRef::Kind::Revision;
    const bool isFile = node->kind == NodeRef::Kind::File;
    switch (column) {
    case NameColumn:
        if (isRepo)
            return repo.repoId;
        if (isRevision)
            return QString::fromLatin1(repo.revisions.at(node->revision).commit.left(12));
        return PathText::display(node->path.mid(node->path.lastIndexOf('/') + 1));
    case SizeOnDiskColumn:
        return HumanFormat::size(node->totals.sizeOnDisk);
    case ApparentSizeColumn:
        return HumanFormat::size(node->totals.sizeApparent);
    case FilesColumn:
        return isFile ? QVariant() : QVariant(node->totals.files);
    case RevisionsColumn:
        return isRepo ? QVariant(int(repo.revisions.size())) : QVariant();
    case RefsColumn:
        if (isRepo)
            return joined(repo.refNames());
        if (isRevision)
            return joined(repo.revisions.at(node->revision).refs);
        return {};
    case LastAccessedColumn:
    case LastModifiedColumn: {
        const qint64 when = column == LastAccessedColumn ? node->totals.lastAccessed : node->totals.lastModified;
        return when ? HumanFormat::timeSince(when, QDateTime::currentSecsSinceEpoch()) : QString();
    }
    case OwnerColumn:
        if (node->totals.owner == MixedOwners)
            return tr("mixed");
        if (node->totals.owner == NoOwner)
            return {};
        return m_owners->name(uint(node->totals.owner));
    case StatusColumn: {
        if (node->severity < 0)
            return {};
        return tr("%n issue(s)", nullptr, findingCountAt(indexFor(node)));
    }
    default:
        return {};
    }
}

QVariant CacheTreeModel::sortData(const Node *node, int column) const
{
    switch (column) {
    case NameColumn: return displayData(node, column).toString().toLower();
    case SizeOnDiskColumn: return node->totals.sizeOnDisk;
    case ApparentSizeColumn: return node->totals.sizeApparent;
    case FilesColumn: return node->totals.files;
    case RevisionsColumn: return node->kind == NodeRef::Kind::Repo ? int(node->repo->revisions.size()) : 0;
    case LastAccessedColumn: return node->totals.lastAccessed;
    case LastModifiedColumn: return node->totals.lastModified;
    case StatusColumn: return node->severity;
    default: return displayData(node, column);
    }
}

QString CacheTreeModel::toolTip(const Node *node, int column) const
{
    const CachedRepo &repo = repoOf(node);
    switch (column) {
    case NameColumn:
        if (node->kind == NodeRef::Kind::Repo)
            return repo.cacheId();
        if (node->kind == NodeRef::Kind::Revision)
            return QString::fromLatin1(repo.revisions.at(node->revision).commit);
        return PathText::display(node->path);
    case SizeOnDiskColumn:
    case ApparentSizeColumn: {
        const quint64 bytes = column == SizeOnDiskColumn ? node->totals.sizeOnDisk : node->totals.sizeApparent;
        return tr("%L1 bytes").arg(bytes);
    }
    case LastAccessedColumn: return HumanFormat::isoUtc(node->totals.lastAccessed);
    case LastModifiedColumn: return HumanFormat::isoUtc(node->totals.lastModified);
    case StatusColumn: {
        // A tooltip of 50,000 lines takes seconds to lay out and shows the first screenful anyway.
        constexpr int MaxLines = 20;
        const QModelIndex index = indexFor(node);
        QStringList lines;
        for (const Finding &finding : findingsAt(index, MaxLines))
            lines << severityName(finding.severity) + QStringLiteral(": ") + finding.message;
        const int count = findingCountAt(index);
        if (count > MaxLines)
            lines << tr("... and %n more", nullptr, count - MaxLines);
        return lines.isEmpty() ? tr("No problems found") : lines.join(QLatin1Char('\n'));
    }
    default:
        return {};
    }
}

QVariant CacheTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return section == NameColumn ? QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter) : QVariant();
    if (role == Qt::InitialSortOrderRole) {
        // The first click on a size, count or time puts the biggest or newest first (as QDirStat
        // and Filelight do); names, refs and owners go A to Z.
        const bool text = section == NameColumn || section == RefsColumn || section == OwnerColumn;
        return int(text ? Qt::AscendingOrder : Qt::DescendingOrder);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case SizeOnDiskColumn: return tr("Size on disk");
    case ApparentSizeColumn: return tr("Apparent size");
    case FilesColumn: return tr("Files");
    case RevisionsColumn: return tr("Revisions");
    case RefsColumn: return tr("Refs");
    case LastAccessedColumn: return tr("Last accessed");
    case LastModifiedColumn: return tr("Last modified");
    case OwnerColumn: return tr("Owner");
    case StatusColumn: return tr("Status");
    case UpdatesColumn: return tr("Updates");
    default: return {};
    }
}

void CacheTreeModel::setUpdatesLookup(UpdatesLookup lookup)
{
    m_updates = std::move(lookup);
    updatesChanged();
}

void CacheTreeModel::updatesChanged()
{
    // Repo rows and the revision rows built so far; deeper rows have no Updates cell.
    for (const auto &repo : m_root->children) {
        const QModelIndex cell = indexFor(repo.get(), UpdatesColumn);
        Q_EMIT dataChanged(cell, cell);
        if (repo->childrenBuilt && !repo->children.empty())
            Q_EMIT dataChanged(indexFor(repo->children.front().get(), UpdatesColumn),
                               indexFor(repo->children.back().get(), UpdatesColumn));
    }
}

QVariant CacheTreeModel::updatesData(const Node *node, int role) const
{
    if (!m_updates || (node->kind != NodeRef::Kind::Repo && node->kind != NodeRef::Kind::Revision))
        return {};
    const CachedRepo &repo = repoOf(node);
    const UpdatesCell cell = m_updates(repo, node->kind == NodeRef::Kind::Revision ? &repo.revisions.at(node->revision) : nullptr);
    switch (role) {
    case Qt::DisplayRole: return cell.text;
    case Qt::DecorationRole: return cell.icon.isNull() ? QVariant() : QVariant(cell.icon);
    case Qt::ToolTipRole: return cell.toolTip;
    case SortRole: return cell.sortKey;
    default: return {};
    }
}

NodeRef CacheTreeModel::nodeRef(const QModelIndex &index) const
{
    const Node *node = nodeFrom(index);
    NodeRef ref;
    if (node == m_root.get())
        return ref;
    const CachedRepo &repo = repoOf(node);
    ref.kind = node->kind;
    ref.folderName = repo.folderName;
    if (node->revision >= 0)
        ref.commit = repo.revisions.at(node->revision).commit;
    ref.path = node->path;
    return ref;
}

QModelIndex CacheTreeModel::indexOf(const NodeRef &ref) const
{
    const auto it = m_rowOfFolder.constFind(ref.folderName);
    if (!ref.isValid() || it == m_rowOfFolder.cend())
        return {};
    Node *node = m_root->children.at(*it).get();
    if (ref.kind == NodeRef::Kind::Repo)
        return indexFor(node);
    ensureChildren(node);
    const auto revision = std::find_if(node->children.cbegin(), node->children.cend(), [&](const auto &child) {
        return node->repo->revisions.at(child->revision).commit == ref.commit;
    });
    if (revision == node->children.cend())
        return {};
    node = revision->get();
    if (ref.kind == NodeRef::Kind::Revision)
        return indexFor(node);
    // Walk down one path component at a time.
    qsizetype from = 0;
    while (true) {
        const qsizetype slash = ref.path.indexOf('/', from);
        const QByteArray prefix = slash < 0 ? ref.path : ref.path.left(slash);
        ensureChildren(node);
        const auto child = std::find_if(node->children.cbegin(), node->children.cend(),
                                        [&](const auto &c) { return c->path == prefix; });
        if (child == node->children.cend())
            return {};
        node = child->get();
        if (slash < 0)
            return indexFor(node);
        from = slash + 1;
    }
}

CachedRepoPtr CacheTreeModel::repoAt(const QModelIndex &index) const
{
    const Node *node = nodeFrom(index);
    if (node == m_root.get())
        return nullptr;
    while (node->kind != NodeRef::Kind::Repo)
        node = node->parent;
    return node->repo;
}

const CachedRevision *CacheTreeModel::revisionAt(const QModelIndex &index) const
{
    const Node *node = nodeFrom(index);
    if (node == m_root.get() || node->revision < 0)
        return nullptr;
    return &repoOf(node).revisions.at(node->revision);
}

const SnapshotEntry *CacheTreeModel::entryAt(const QModelIndex &index) const
{
    const Node *node = nodeFrom(index);
    if (node == m_root.get() || node->entry < 0)
        return nullptr;
    return &repoOf(node).revisions.at(node->revision).entries.at(node->entry);
}

QByteArray CacheTreeModel::absolutePath(const QModelIndex &index) const
{
    const Node *node = nodeFrom(index);
    if (node == m_root.get())
        return {};
    const CachedRepo &repo = repoOf(node);
    if (node->kind == NodeRef::Kind::Repo)
        return repo.path;
    const QByteArray snapshot = repo.snapshotPath(repo.revisions.at(node->revision));
    return node->path.isEmpty() ? snapshot : snapshot + '/' + node->path;
}

Findings CacheTreeModel::findingsAt(const QModelIndex &index, qsizetype limit) const
{
    const Node *node = nodeFrom(index);
    if (node == m_root.get())
        return {};
    const CachedRepo &repo = repoOf(node);
    if (node->kind == NodeRef::Kind::Repo)
        return limit >= 0 ? repo.findings.first(std::min(limit, repo.findings.size())) : repo.findings;
    return repoNodeOf(node)->findingIndex->under(repo.findings, absolutePath(index), limit);
}

int CacheTreeModel::findingCountAt(const QModelIndex &index) const
{
    const Node *node = nodeFrom(index);
    if (node == m_root.get())
        return 0;
    const CachedRepo &repo = repoOf(node);
    if (node->kind == NodeRef::Kind::Repo)
        return int(repo.findings.size());
    return repoNodeOf(node)->findingIndex->countUnder(absolutePath(index));
}

quint64 CacheTreeModel::sizeOnDiskAt(const QModelIndex &index) const
{
    return nodeFrom(index)->totals.sizeOnDisk;
}

quint64 CacheTreeModel::apparentSizeAt(const QModelIndex &index) const
{
    return nodeFrom(index)->totals.sizeApparent;
}

bool CacheTreeModel::subtreeMatches(const QModelIndex &index, const QByteArray &needle) const
{
    const Node *node = nodeFrom(index);
    if (needle.isEmpty() || node == m_root.get())
        return true;
    const CachedRepo &repo = repoOf(node);
    if (node->kind == NodeRef::Kind::Repo && containsCaseInsensitive(repo.repoId.toUtf8(), needle))
        return true;
    // Entries (and with them whole revisions) match on their path inside the snapshot. The
    // entries are sorted by path: those of a folder lie between "path" and "path0" ('0' follows
    // '/'), found by binary search so that filtering 50,000 rows is not 50,000 passes.
    const auto entryMatches = [&](const CachedRevision &revision) {
        const QByteArray &prefix = node->path;
        auto first = revision.entries.cbegin();
        auto last = revision.entries.cend();
        if (!prefix.isEmpty()) {
            const auto byPath = [](const SnapshotEntry &entry, const QByteArray &path) { return entry.path < path; };
            first = std::lower_bound(first, last, prefix, byPath);
            last = std::lower_bound(first, last, prefix + '0', byPath);
        }
        return std::any_of(first, last, [&](const SnapshotEntry &entry) {
            return (prefix.isEmpty() || PathPrefix::isSameOrUnder(entry.path, prefix)) && containsCaseInsensitive(entry.path, needle);
        });
    };
    if (node->kind == NodeRef::Kind::Repo)
        return std::any_of(repo.revisions.cbegin(), repo.revisions.cend(), entryMatches);
    if (node->kind == NodeRef::Kind::Revision && containsCaseInsensitive(repo.revisions.at(node->revision).commit, needle))
        return true;
    return entryMatches(repo.revisions.at(node->revision));
}

} // namespace hfcache
