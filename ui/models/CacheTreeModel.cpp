// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CacheTreeModel.h"

#include "BackgroundTask.h"
#include "ItemIcons.h"
#include "OwnerNames.h"
#include "TreeRowBuilder.h"

#include "cache/FindingIndex.h"
#include "util/HumanFormat.h"
#include "util/PathText.h"
#include "util/PathPrefix.h"

#include <QDateTime>
#include <QLatin1StringView>
#include <QSet>

#include <algorithm>

namespace hfcache {

namespace {

constexpr qint64 MixedOwners = TreeRow::Totals::MixedOwners;
constexpr qint64 NoOwner = TreeRow::Totals::NoOwner;

bool containsCaseInsensitive(const QByteArray &haystack, const QByteArray &needle)
{
    return QLatin1StringView(haystack).contains(QLatin1StringView(needle), Qt::CaseInsensitive);
}

QString joined(const QStringList &names)
{
    return names.join(QStringLiteral(", "));
}

} // namespace

// A row: its plain values and where it hangs. A node of kind None below a repo, revision or
// folder is the "Loading…" row that stands in for rows still being built.
struct CacheTreeModel::Node : TreeRow
{
    enum class Children : quint8 { NotBuilt, Building, Built };

    Node *parent = nullptr;
    int row = 0;
    CachedRepoPtr repo;  // Repo nodes only; the rows below reach it through their parents
    std::shared_ptr<const FindingIndex> findingIndex;  // Repo nodes: repo->findings by path
    Children state = Children::NotBuilt;
    std::vector<std::unique_ptr<Node>> children;

    bool isPlaceholder() const { return kind == NodeRef::Kind::None && parent; }
};

CacheTreeModel::CacheTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
    , m_owners(new OwnerNames(this))
{
    m_root->state = Node::Children::Built;
    connect(m_owners, &OwnerNames::resolved, this, [this] { notifyAllTopLevelChanged(OwnerColumn, Qt::DisplayRole); });
    // One batch per turn of the event loop: the view lays out and paints in between.
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(0);
    connect(&m_batchTimer, &QTimer::timeout, this, &CacheTreeModel::insertNextBatch);
}

CacheTreeModel::~CacheTreeModel() = default;

void CacheTreeModel::clear()
{
    dropBuildsUnder(m_root.get());  // before the reset: it may tell listeners the builds are over
    beginResetModel();
    m_root->children.clear();
    m_rowOfFolder.clear();
    m_totalSizeOnDisk = 0;
    endResetModel();
}

std::unique_ptr<CacheTreeModel::Node> CacheTreeModel::makeRepoNode(const CachedRepoPtr &repo) const
{
    auto node = std::make_unique<Node>();
    static_cast<TreeRow &>(*node) = TreeRowBuilder::repoRow(*repo);
    node->parent = m_root.get();
    node->repo = repo;
    // Every row below asks which findings are about it: once per repo, not once per row.
    node->findingIndex = std::make_shared<const FindingIndex>(repo->findings);
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
    dropBuildsUnder(m_root->children.at(row).get());
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
    // build them again when a view had them (it shows them expanded).
    const QModelIndex repoIndex = indexFor(node);
    const bool hadChildren = node->state != Node::Children::NotBuilt;
    dropBuildsUnder(node);
    if (!node->children.empty()) {
        beginRemoveRows(repoIndex, 0, int(node->children.size()) - 1);
        node->children.clear();
        endRemoveRows();
    }
    auto fresh = makeRepoNode(repo);
    static_cast<TreeRow &>(*node) = std::move(static_cast<TreeRow &>(*fresh));
    node->repo = fresh->repo;
    node->findingIndex = std::move(fresh->findingIndex);
    node->state = Node::Children::NotBuilt;
    m_totalSizeOnDisk += repo->sizeOnDisk;
    if (hadChildren)
        populate(node);
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

TreeRowBuilder CacheTreeModel::builderFor(const Node *node) const
{
    const Node *repoNode = repoNodeOf(node);
    return TreeRowBuilder(repoNode->repo, repoNode->findingIndex);
}

std::unique_ptr<CacheTreeModel::Node> CacheTreeModel::makeChild(Node *parent, int row, TreeRow value) const
{
    auto child = std::make_unique<Node>();
    static_cast<TreeRow &>(*child) = std::move(value);
    child->parent = parent;
    child->row = row;
    if (child->kind == NodeRef::Kind::File || child->kind == NodeRef::Kind::None)
        child->state = Node::Children::Built;  // nothing below a file or the placeholder
    return child;
}

void CacheTreeModel::appendChildren(Node *node, std::vector<TreeRow>::iterator first, std::vector<TreeRow>::iterator last) const
{
    for (auto it = first; it != last; ++it)
        node->children.push_back(makeChild(node, int(node->children.size()), std::move(*it)));
}

std::vector<std::unique_ptr<CacheTreeModel::Node>> CacheTreeModel::firstRows(Node *node)
{
    std::vector<std::unique_ptr<Node>> children;
    const TreeRowBuilder builder = builderFor(node);
    if (builder.workFor(*node) > SyncWorkLimit) {
        startBuild(node);
        children.push_back(makeChild(node, 0, {}));
        return children;
    }
    std::vector<TreeRow> rows = builder.childrenOf(*node, m_childOrder);
    appendChildren(node, rows.begin(), rows.end());
    node->state = Node::Children::Built;
    return std::exchange(node->children, {});
}

void CacheTreeModel::ensureChildren(Node *node) const
{
    if (node->state != Node::Children::NotBuilt)
        return;
    // The first look at this node: nobody saw its rows before, so no insert is announced.
    node->children = const_cast<CacheTreeModel *>(this)->firstRows(node);
}

void CacheTreeModel::populate(Node *node)
{
    if (node->state != Node::Children::NotBuilt)
        return;
    std::vector<std::unique_ptr<Node>> children = firstRows(node);
    if (children.empty())
        return;
    beginInsertRows(indexFor(node), 0, int(children.size()) - 1);
    node->children = std::move(children);
    endInsertRows();
}

void CacheTreeModel::completeChildren(Node *node)
{
    if (node->state == Node::Children::Built)
        return;
    if (node->state == Node::Children::NotBuilt) {
        // The first look: every row at once, without announcing them.
        std::vector<TreeRow> rows = builderFor(node).childrenOf(*node, m_childOrder);
        appendChildren(node, rows.begin(), rows.end());
        node->state = Node::Children::Built;
        return;
    }
    // Loading: what the worker has not handed over yet is built here and inserted at once.
    const auto pending = std::find_if(m_pending.begin(), m_pending.end(), [node](const PendingRows &p) { return p.node == node; });
    Q_ASSERT(pending != m_pending.end());
    std::shared_ptr<std::vector<TreeRow>> rows = pending->rows;
    size_t next = pending->next;
    m_pending.erase(pending);
    if (!rows) {
        rows = std::make_shared<std::vector<TreeRow>>(builderFor(node).childrenOf(*node, m_childOrder));
        next = 0;
    }
    if (next == 0)
        removePlaceholder(node);
    node->state = Node::Children::Built;
    insertRows(node, rows->begin() + qsizetype(next), rows->end());
    if (m_pending.empty())
        Q_EMIT allRowsBuilt();
}

void CacheTreeModel::startBuild(Node *node)
{
    node->state = Node::Children::Building;
    const quint64 ticket = m_nextTicket++;
    m_pending.push_back({node, ticket, m_childOrder, nullptr, 0});
    runInBackground(
        this,
        [builder = builderFor(node), parent = static_cast<const TreeRow &>(*node), order = m_childOrder] {
            return std::make_shared<std::vector<TreeRow>>(builder.childrenOf(parent, order));
        },
        [this, ticket](const std::shared_ptr<std::vector<TreeRow>> &rows) { onRowsBuilt(ticket, rows); });
}

CacheTreeModel::PendingRows *CacheTreeModel::pendingWithTicket(quint64 ticket)
{
    const auto it = std::find_if(m_pending.begin(), m_pending.end(), [ticket](const PendingRows &p) { return p.ticket == ticket; });
    return it == m_pending.end() ? nullptr : &*it;
}

void CacheTreeModel::onRowsBuilt(quint64 ticket, const std::shared_ptr<std::vector<TreeRow>> &rows)
{
    PendingRows *pending = pendingWithTicket(ticket);
    if (!pending)
        return;  // its node is gone, or indexOf() built it meanwhile
    pending->rows = rows;
    // The view was sorted otherwise while the worker ran.
    if (pending->order.column() != m_childOrder.column() || pending->order.order() != m_childOrder.order()) {
        m_childOrder.sort(*rows);
        pending->order = m_childOrder;
    }
    m_batchTimer.start();
}

void CacheTreeModel::insertNextBatch()
{
    const auto ready = std::find_if(m_pending.begin(), m_pending.end(), [](const PendingRows &p) { return p.rows != nullptr; });
    if (ready == m_pending.end())
        return;
    // Bookkeeping first: the inserts below let views call back into the model.
    Node *node = ready->node;
    const std::shared_ptr<std::vector<TreeRow>> rows = ready->rows;
    const size_t first = ready->next;
    const size_t last = std::min(rows->size(), first + size_t(BatchRows));
    ready->next = last;
    if (last == rows->size()) {
        node->state = Node::Children::Built;
        m_pending.erase(ready);
    }
    if (first == 0)
        removePlaceholder(node);
    insertRows(node, rows->begin() + qsizetype(first), rows->begin() + qsizetype(last));
    if (std::any_of(m_pending.cbegin(), m_pending.cend(), [](const PendingRows &p) { return p.rows != nullptr; }))
        m_batchTimer.start();
    else if (m_pending.empty())
        Q_EMIT allRowsBuilt();
}

void CacheTreeModel::insertRows(Node *node, std::vector<TreeRow>::iterator first, std::vector<TreeRow>::iterator last)
{
    if (first == last)
        return;
    const int from = int(node->children.size());
    beginInsertRows(indexFor(node), from, from + int(last - first) - 1);
    appendChildren(node, first, last);
    endInsertRows();
}

void CacheTreeModel::removePlaceholder(Node *node)
{
    if (node->children.size() != 1 || !node->children.front()->isPlaceholder())
        return;
    beginRemoveRows(indexFor(node), 0, 0);
    node->children.clear();
    endRemoveRows();
}

void CacheTreeModel::dropBuildsUnder(const Node *top)
{
    const bool wasBuilding = !m_pending.empty();
    std::erase_if(m_pending, [top](const PendingRows &pending) {
        for (const Node *node = pending.node; node; node = node->parent) {
            if (node == top)
                return true;
        }
        return false;
    });
    if (wasBuilding && m_pending.empty())
        Q_EMIT allRowsBuilt();
}

void CacheTreeModel::setChildOrder(const TreeRowOrder &order)
{
    m_childOrder = order;
    // Rows built but not inserted yet follow the new order too.
    for (PendingRows &pending : m_pending) {
        if (!pending.rows)
            continue;
        std::vector<TreeRow> rest(std::make_move_iterator(pending.rows->begin() + qsizetype(pending.next)),
                                  std::make_move_iterator(pending.rows->end()));
        order.sort(rest);
        std::move(rest.begin(), rest.end(), pending.rows->begin() + qsizetype(pending.next));
        pending.order = order;
    }
}

bool CacheTreeModel::canFetchMore(const QModelIndex &parent) const
{
    // Telling views (and the sort proxy's hasChildren()) that rows are still to come keeps them
    // from building the rows of every row they lay out.
    const Node *node = nodeFrom(parent);
    return node->state == Node::Children::NotBuilt && hasChildren(parent);
}

void CacheTreeModel::fetchMore(const QModelIndex &parent)
{
    // Nobody counted the rows of a node that was never built (rowCount() builds), so they are
    // made without an insert: views call this while handling other changes, where an insert
    // would nest. A big node's rows come later, from the event loop.
    if (parent.isValid() && parent.column() != 0)
        return;
    ensureChildren(nodeFrom(parent));
}

Qt::ItemFlags CacheTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeFrom(index);
    if (node->isPlaceholder())
        return Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
    Qt::ItemFlags flags = QAbstractItemModel::flags(index);
    if (node->kind == NodeRef::Kind::File)
        flags |= Qt::ItemNeverHasChildren;
    return flags;
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
    if (node->state != Node::Children::NotBuilt)
        return !node->children.empty();
    switch (node->kind) {
    case NodeRef::Kind::Repo: return !node->repo->revisions.isEmpty();
    case NodeRef::Kind::Revision:
    case NodeRef::Kind::Folder: return builderFor(node).workFor(*node) > 0;
    default: return false;
    }
}

QVariant CacheTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeFrom(index);
    const int column = index.column();
    if (node->isPlaceholder()) {
        const bool named = column == NameColumn && (role == Qt::DisplayRole || role == Qt::AccessibleTextRole);
        return named ? QVariant(tr("Loading…")) : QVariant();
    }
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
    case NameColumn: return node->sortName;
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
        if (!repo->children.empty())
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
    if (node == m_root.get() || node->isPlaceholder())
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
    auto *self = const_cast<CacheTreeModel *>(this);
    self->completeChildren(node);
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
        self->completeChildren(node);
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
    if (node == m_root.get() || node->isPlaceholder())
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
    if (node == m_root.get() || node->isPlaceholder())
        return {};
    const CachedRepo &repo = repoOf(node);
    if (node->kind == NodeRef::Kind::Repo)
        return limit >= 0 ? repo.findings.first(std::min(limit, repo.findings.size())) : repo.findings;
    return repoNodeOf(node)->findingIndex->under(repo.findings, absolutePath(index), limit);
}

int CacheTreeModel::findingCountAt(const QModelIndex &index) const
{
    const Node *node = nodeFrom(index);
    if (node == m_root.get() || node->isPlaceholder())
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
    if (needle.isEmpty() || node == m_root.get() || node->isPlaceholder())
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

const TreeRow &CacheTreeModel::rowAt(const QModelIndex &index) const
{
    return *nodeFrom(index);
}

} // namespace hfcache
