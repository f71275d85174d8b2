// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HomeListing.h"
#include "HomeNode.h"

#include <QAbstractItemModel>
#include <QHash>

#include <vector>

namespace hfcache {

// Every cache kind under HF_HOME, its items and their entries, from a HomeListing. Rows are
// made on demand in batches (fetchMore): when a row is expanded, and when the last row made of a
// parent is shown (the view asks for its data), the next batch follows. A datasets cache of a
// million downloads costs a batch per screenful scrolled, not a million rows.
class HomeTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, SizeColumn, ProblemsColumn, OwnersColumn, EntriesColumn, LocksColumn, TypeColumn,
                  ModifiedColumn, DetailsColumn, ColumnCount };
    static constexpr int BatchSize = 1000;

    explicit HomeTreeModel(QObject *parent = nullptr);

    void setListing(const HomeListingPtr &listing);
    HomeListingPtr listing() const { return m_listing; }
    HomeNode node(const QModelIndex &index) const;
    QModelIndex kindIndex(int kind) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // All rows a parent has, and those made so far.
    int availableRows(const QModelIndex &parent) const;
    int &fetchedRows(const QModelIndex &parent) const;
    QVariant kindData(const HomeListing::Kind &kind, int column, int role) const;
    QVariant itemData(const HomeListing::Kind &kind, qint32 group, int column, int role) const;
    QVariant entryData(const HomeListing::Kind &kind, const QModelIndex &index, int column, int role) const;
    // The row shown is the last made of its parent: the next batch, after this paint.
    void fetchAfterLastShown(const QModelIndex &index) const;

    HomeListingPtr m_listing;
    mutable std::vector<int> m_fetchedItems;              // per kind
    mutable QHash<quint64, int> m_fetchedEntries;         // per (kind, item row)
    mutable bool m_fetchQueued = false;
    qint64 m_now = 0;
};

} // namespace hfcache
