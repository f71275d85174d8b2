// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "NodeRef.h"
#include "TreeRow.h"
#include "TreeRowBuilder.h"
#include "TreeRowOrder.h"

#include "cache/CacheSnapshot.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QIcon>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

namespace hfcache {

class OwnerNames;

// The cache as a tree: repo -> revision -> folders/files of its snapshot. Rows are built
// from immutable CachedRepo values: the model keeps one CachedRepoPtr per repo row and
// creates the rows below a repo only when a view asks for them (lazy children, small plain
// nodes, no QObjects), so 2,000 repos cost 2,000 nodes until the user expands something.
// Repos arrive in batches (one insert per batch) and are swapped whole on a rescan.
//
// The rows below one node are built by TreeRowBuilder. A node whose rows read more than
// SyncWorkLimit entries (a repo with 20,000 revisions, a revision with 50,000 files) is built
// on the thread pool while a "Loading…" row stands in for its rows; the rows then arrive in
// inserts of at most BatchRows rows, one per turn of the event loop, so that neither the build
// nor the sort proxy and the view's layout of the new rows hold the GUI thread for long
// (QDirStat and baobab fill their trees the same way). The rows come in the order the view
// sorts them (setChildOrder), so the proxy adds each batch at its end.
class CacheTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    // Entries a node's rows may read on the GUI thread (a few ms); bigger nodes build in the background.
    static constexpr qsizetype SyncWorkLimit = 2000;
    // Rows per insert of a node built in the background.
    static constexpr int BatchRows = 1000;

    enum Column {
        NameColumn,
        SizeOnDiskColumn,
        ApparentSizeColumn,
        FilesColumn,
        RevisionsColumn,
        RefsColumn,
        LastAccessedColumn,
        LastModifiedColumn,
        OwnerColumn,
        StatusColumn,
        UpdatesColumn,  // filled through setUpdatesLookup()
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1,  // raw value: number, or lower-case text for names
        PercentRole,                  // SizeOnDiskColumn: share of the parent's size on disk, 0-100
        KindRole,                     // NodeRef::Kind as int
        RepoTypeRole,                 // RepoType as int
        SeverityRole,                 // highest Severity as int, -1 without findings
    };

    // What the Updates column shows for a repo row (revision == nullptr) or a revision row. The
    // model knows nothing of the Hub: a feature answers from its update-check results.
    struct UpdatesCell
    {
        QIcon icon;
        QString text;
        QString toolTip;
        int sortKey = -1;
    };
    using UpdatesLookup = std::function<UpdatesCell(const CachedRepo &repo, const CachedRevision *revision)>;

    explicit CacheTreeModel(QObject *parent = nullptr);
    ~CacheTreeModel() override;

    void clear();
    // Adds new repos at the end in one insert; a repo already shown is replaced in place.
    void addRepos(const QList<CachedRepoPtr> &batch);
    // A rescan of one repo folder: replaces, inserts, or removes (repo == nullptr).
    void replaceRepo(const QByteArray &folderName, const CachedRepoPtr &repo);
    // After a full rescan: drops the repos the scan did not find any more.
    void retainOnly(const QList<CachedRepoPtr> &repos);

    void setUpdatesLookup(UpdatesLookup lookup);
    // The lookup's answers changed: repaint the column.
    void updatesChanged();

    QList<CachedRepoPtr> repos() const;
    int repoCount() const;
    quint64 totalSizeOnDisk() const { return m_totalSizeOnDisk; }

    NodeRef nodeRef(const QModelIndex &index) const;
    // Creates the rows on the way, at once (a node still loading is finished first).
    QModelIndex indexOf(const NodeRef &ref) const;
    CachedRepoPtr repoAt(const QModelIndex &index) const;
    const CachedRevision *revisionAt(const QModelIndex &index) const;
    const SnapshotEntry *entryAt(const QModelIndex &index) const;  // nullptr for folders without entry
    QByteArray absolutePath(const QModelIndex &index) const;
    // About the item or below it; the first `limit` of them when limit >= 0.
    Findings findingsAt(const QModelIndex &index, qsizetype limit = -1) const;
    int findingCountAt(const QModelIndex &index) const;             // findingsAt(index).size(), without the copies
    quint64 sizeOnDiskAt(const QModelIndex &index) const;
    quint64 apparentSizeAt(const QModelIndex &index) const;
    // Whether the row's name, or any file path below it, contains `needle` (ASCII case-insensitive).
    bool subtreeMatches(const QModelIndex &index, const QByteArray &needle) const;
    // The row's plain values (what sorting compares).
    const TreeRow &rowAt(const QModelIndex &index) const;
    // The order new rows below a node are built in: the order the view sorts by.
    void setChildOrder(const TreeRowOrder &order);
    // Whether some node's rows are still being built or inserted.
    bool isBuilding() const { return !m_pending.empty(); }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    // The last node built in the background has all its rows.
    void allRowsBuilt();

private:
    struct Node;
    // The rows of a node built in the background, waiting for their inserts.
    struct PendingRows
    {
        Node *node = nullptr;
        quint64 ticket = 0;
        TreeRowOrder order;                           // the order the rows were built in
        std::shared_ptr<std::vector<TreeRow>> rows;  // null until the build has finished
        size_t next = 0;                              // rows inserted so far
    };

    Node *nodeFrom(const QModelIndex &index) const;
    QModelIndex indexFor(const Node *node, int column = 0) const;
    const Node *repoNodeOf(const Node *node) const;
    const CachedRepo &repoOf(const Node *node) const;
    TreeRowBuilder builderFor(const Node *node) const;
    // The first look at a node's rows (rowCount, index): small nodes are built at once, big
    // ones start their build and show the placeholder. No signals: nobody saw rows before.
    void ensureChildren(Node *node) const;
    // The same for a rescanned repo that was expanded: views saw its old rows, so with inserts.
    void populate(Node *node);
    // indexOf(): every row at once, with inserts.
    void completeChildren(Node *node);
    std::unique_ptr<Node> makeChild(Node *parent, int row, TreeRow value) const;
    void appendChildren(Node *node, std::vector<TreeRow>::iterator first, std::vector<TreeRow>::iterator last) const;
    // The rows a node shows first: all of them when small, else the placeholder (and the build starts).
    std::vector<std::unique_ptr<Node>> firstRows(Node *node);
    void startBuild(Node *node);
    PendingRows *pendingWithTicket(quint64 ticket);
    void onRowsBuilt(quint64 ticket, const std::shared_ptr<std::vector<TreeRow>> &rows);
    void insertNextBatch();
    void insertRows(Node *node, std::vector<TreeRow>::iterator first, std::vector<TreeRow>::iterator last);
    void removePlaceholder(Node *node);
    void dropBuildsUnder(const Node *top);
    std::unique_ptr<Node> makeRepoNode(const CachedRepoPtr &repo) const;
    void swapRepo(int row, const CachedRepoPtr &repo);
    void removeRepoRow(int row);
    void reindexRepos(int fromRow);
    QVariant displayData(const Node *node, int column) const;
    QVariant sortData(const Node *node, int column) const;
    QString toolTip(const Node *node, int column) const;
    void notifyAllTopLevelChanged(int column, int role);
    QVariant updatesData(const Node *node, int role) const;

    std::unique_ptr<Node> m_root;
    std::vector<PendingRows> m_pending;  // in the order the builds started
    quint64 m_nextTicket = 1;
    QTimer m_batchTimer;
    TreeRowOrder m_childOrder;
    QHash<QByteArray, int> m_rowOfFolder;
    quint64 m_totalSizeOnDisk = 0;
    OwnerNames *m_owners;
    UpdatesLookup m_updates;
};

} // namespace hfcache
