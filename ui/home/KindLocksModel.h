// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HomeListing.h"

#include <QAbstractTableModel>

namespace hfcache {

// The lock files of one cache kind as the scan saw them: path, owner, mode and whether the
// group may write them (a 0644 lock of the first user blocks everyone else in a shared cache).
// One row per lock file, read from the listing's index: 20,000 locks cost no widget items.
class KindLocksModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { PathColumn, OwnerColumn, ModeColumn, GroupWritableColumn, ModifiedColumn, ColumnCount };

    explicit KindLocksModel(QObject *parent = nullptr);

    void setKind(const HomeListingPtr &listing, int kind);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    HomeListingPtr m_listing;
    const HomeListing::Kind *m_kind = nullptr;
    qint64 m_now = 0;
};

} // namespace hfcache
