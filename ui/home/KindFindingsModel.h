// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HomeListing.h"

#include <QAbstractTableModel>

namespace hfcache {

// Every finding of one cache kind's scan: severity, code, what it means and the path.
class KindFindingsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SeverityColumn, CodeColumn, MessageColumn, PathColumn, ColumnCount };

    explicit KindFindingsModel(QObject *parent = nullptr);

    void setKind(const HomeListingPtr &listing, int kind);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    KindSnapshotPtr m_kind;
};

} // namespace hfcache
