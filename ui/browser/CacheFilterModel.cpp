// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CacheFilterModel.h"

#include "CacheTreeModel.h"
#include "TreeRowOrder.h"

#include <QLatin1StringView>

namespace hfcache {

CacheFilterModel::CacheFilterModel(CacheTreeModel *source, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_source(source)
{
    setSourceModel(source);
    setSortRole(CacheTreeModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void CacheFilterModel::setFilterText(const QString &text)
{
    const QByteArray needle = text.trimmed().toUtf8();
    if (needle == m_needle)
        return;
    m_needle = needle;
    invalidateFilter();
}

void CacheFilterModel::setRepoTypes(const QSet<RepoType> &types)
{
    if (types == m_types)
        return;
    m_types = types;
    invalidateFilter();
}

bool CacheFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = m_source->index(sourceRow, 0, sourceParent);
    const CachedRepoPtr repo = m_source->repoAt(index);
    if (!repo)
        return false;
    if (!m_types.isEmpty() && !m_types.contains(repo->type))
        return false;
    if (m_needle.isEmpty())
        return true;
    // Below a repo whose id matches, everything is shown.
    if (QLatin1StringView(repo->repoId.toUtf8()).contains(QLatin1StringView(m_needle), Qt::CaseInsensitive))
        return true;
    return m_source->subtreeMatches(index, m_needle);
}

void CacheFilterModel::sort(int column, Qt::SortOrder order)
{
    m_source->setChildOrder(TreeRowOrder(column, order));
    QSortFilterProxyModel::sort(column, order);
}

bool CacheFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!TreeRowOrder::comparesColumn(left.column()))
        return QSortFilterProxyModel::lessThan(left, right);
    return TreeRowOrder::less(m_source->rowAt(left), m_source->rowAt(right), left.column());
}

} // namespace hfcache
