// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "NodeRef.h"

#include "cache/CacheSnapshot.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QIcon>

#include <functional>

#include <memory>

namespace hfcache {

class OwnerNames;

// The cache as a tree: repo -> revision -> folders/files of its snapshot. Rows are built
// from immutable CachedRepo values: the model keeps one CachedRepoPtr per repo row and
// creates the rows below a repo only when a view asks for them (lazy children, small plain
// nodes, no QObjects), so 2,000 repos cost 2,000 nodes until the user expands something.
// Repos arrive in batches (one insert per batch) and are swapped whole on a rescan.
class CacheTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
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
    QModelIndex indexOf(const NodeRef &ref) const;  // creates the rows on the way
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

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node;
    struct Totals;

    Node *nodeFrom(const QModelIndex &index) const;
    QModelIndex indexFor(const Node *node, int column = 0) const;
    const Node *repoNodeOf(const Node *node) const;
    const CachedRepo &repoOf(const Node *node) const;
    void ensureChildren(Node *node) const;
    std::vector<std::unique_ptr<Node>> buildChildren(Node *node) const;
    std::unique_ptr<Node> makeRepoNode(const CachedRepoPtr &repo) const;
    void swapRepo(int row, const CachedRepoPtr &repo);
    void removeRepoRow(int row);
    void reindexRepos(int fromRow);
    QVariant displayData(const Node *node, int column) const;
    QVariant sortData(const Node *node, int column) const;
    QString toolTip(const Node *node, int column) const;
    int severityOf(const Node *node) const;
    void notifyAllTopLevelChanged(int column, int role);
    QVariant updatesData(const Node *node, int role) const;

    std::unique_ptr<Node> m_root;
    QHash<QByteArray, int> m_rowOfFolder;
    quint64 m_totalSizeOnDisk = 0;
    OwnerNames *m_owners;
    UpdatesLookup m_updates;
};

} // namespace hfcache
