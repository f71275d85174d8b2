// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "TreeRowOrder.h"

#include "CacheTreeModel.h"

#include <algorithm>

namespace hfcache {

TreeRowOrder::TreeRowOrder(int column, Qt::SortOrder order)
    : m_column(column)
    , m_order(order)
{
}

bool TreeRowOrder::comparesColumn(int column)
{
    switch (column) {
    case CacheTreeModel::NameColumn:
    case CacheTreeModel::SizeOnDiskColumn:
    case CacheTreeModel::ApparentSizeColumn:
    case CacheTreeModel::FilesColumn:
    case CacheTreeModel::LastAccessedColumn:
    case CacheTreeModel::LastModifiedColumn:
    case CacheTreeModel::StatusColumn:
        return true;
    default:
        return false;
    }
}

bool TreeRowOrder::less(const TreeRow &a, const TreeRow &b, int column)
{
    switch (column) {
    case CacheTreeModel::NameColumn: return a.sortName < b.sortName;
    case CacheTreeModel::SizeOnDiskColumn: return a.totals.sizeOnDisk < b.totals.sizeOnDisk;
    case CacheTreeModel::ApparentSizeColumn: return a.totals.sizeApparent < b.totals.sizeApparent;
    case CacheTreeModel::FilesColumn: return a.totals.files < b.totals.files;
    case CacheTreeModel::LastAccessedColumn: return a.totals.lastAccessed < b.totals.lastAccessed;
    case CacheTreeModel::LastModifiedColumn: return a.totals.lastModified < b.totals.lastModified;
    case CacheTreeModel::StatusColumn: return a.severity < b.severity;
    default: Q_UNREACHABLE(); return false;
    }
}

void TreeRowOrder::sort(std::vector<TreeRow> &rows) const
{
    if (!comparesColumn(m_column))
        return;
    const int column = m_column;
    if (m_order == Qt::AscendingOrder)
        std::stable_sort(rows.begin(), rows.end(), [column](const TreeRow &a, const TreeRow &b) { return less(a, b, column); });
    else
        std::stable_sort(rows.begin(), rows.end(), [column](const TreeRow &a, const TreeRow &b) { return less(b, a, column); });
}

} // namespace hfcache
