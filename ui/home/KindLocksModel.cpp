// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "KindLocksModel.h"

#include "util/HumanFormat.h"
#include "util/PathText.h"

#include <QDateTime>

#include <sys/stat.h>

namespace hfcache {

KindLocksModel::KindLocksModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void KindLocksModel::setKind(const HomeListingPtr &listing, int kind)
{
    beginResetModel();
    m_listing = listing;
    m_kind = listing && kind >= 0 ? &listing->kinds[size_t(kind)] : nullptr;
    m_now = QDateTime::currentSecsSinceEpoch();
    endResetModel();
}

int KindLocksModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_kind ? 0 : int(m_kind->locks.size());
}

int KindLocksModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KindLocksModel::data(const QModelIndex &index, int role) const
{
    if (!m_kind || !index.isValid() || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    const HomeEntry &entry = m_kind->snapshot->entries[m_kind->locks[size_t(index.row())]];
    switch (index.column()) {
    case PathColumn:
        return PathText::display(entry.path);
    case OwnerColumn:
        return QStringLiteral("%1:%2").arg(m_listing->userName(entry.stat.uid), m_listing->groupName(entry.stat.gid));
    case ModeColumn:
        return QStringLiteral("%1").arg(entry.stat.permissions(), 4, 8, QLatin1Char('0'));
    case GroupWritableColumn:
        return (entry.stat.mode & S_IWGRP) ? tr("yes") : tr("no");
    case ModifiedColumn:
        return HumanFormat::timeSince(entry.stat.mtime, m_now);
    default:
        return {};
    }
}

QVariant KindLocksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PathColumn: return tr("Lock file");
    case OwnerColumn: return tr("Owner");
    case ModeColumn: return tr("Mode");
    case GroupWritableColumn: return tr("Group may write");
    case ModifiedColumn: return tr("Modified");
    default: return {};
    }
}

} // namespace hfcache
