// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "cache/RepoType.h"

#include <QSet>
#include <QSortFilterProxyModel>

namespace hfcache {

class CacheTreeModel;

// Sorting by the raw values (sizes as numbers, not as "4.6 MB") and filtering by repo
// type and by a text that matches a repo id or any file path below a row. The text test
// runs on the immutable repo values, so filtering never builds rows the user did not open.
// The columns TreeRowOrder knows are compared on the rows' plain values (no QVariant per
// comparison: sorting 50,000 rows stays short), and the source builds new rows in that order.
class CacheFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit CacheFilterModel(CacheTreeModel *source, QObject *parent = nullptr);

    void setFilterText(const QString &text);
    // Empty: every type.
    void setRepoTypes(const QSet<RepoType> &types);

    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    CacheTreeModel *m_source;
    QByteArray m_needle;
    QSet<RepoType> m_types;
};

} // namespace hfcache
