// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "TreeRow.h"

#include <Qt>

#include <vector>

namespace hfcache {

// The order of sibling rows by one column of CacheTreeModel, on their plain values. The rows
// below a node are built in the order the view sorts them, so the sort proxy adds each batch
// at the end (one insert per batch, not one per row); the proxy compares with the same rule.
class TreeRowOrder
{
public:
    TreeRowOrder() = default;  // the builder's own order: revisions by commit, entries by name
    TreeRowOrder(int column, Qt::SortOrder order);

    // Whether rows compare on their own values in this column; the others (refs, owner names,
    // the Hub's answers) are looked up when shown and sorted by the proxy alone.
    static bool comparesColumn(int column);
    // a before b in ascending order of `column` (comparesColumn(column) must hold).
    static bool less(const TreeRow &a, const TreeRow &b, int column);

    int column() const { return m_column; }
    Qt::SortOrder order() const { return m_order; }
    // Stable: rows that compare equal keep the order they had, as in QSortFilterProxyModel.
    void sort(std::vector<TreeRow> &rows) const;

private:
    int m_column = -1;
    Qt::SortOrder m_order = Qt::AscendingOrder;
};

} // namespace hfcache
