// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QStyledItemDelegate>

namespace hfcache {

// The "size on disk" cell: a percent bar of the row's share of its parent (from the model's
// raw PercentRole, as QDirStat's PercentBarDelegate does) followed by the human size.
class SizeBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit SizeBarDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    static constexpr int BarWidth = 64;
};

} // namespace hfcache
