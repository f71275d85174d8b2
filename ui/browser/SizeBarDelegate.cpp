// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "SizeBarDelegate.h"

#include "CacheTreeModel.h"

#include <QApplication>
#include <QPainter>

namespace hfcache {

SizeBarDelegate::SizeBarDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

void SizeBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const double percent = index.data(CacheTreeModel::PercentRole).toDouble();
    const int margin = 3;
    const QRect cell = option.rect.adjusted(margin, margin + 1, -margin, -margin - 1);
    QRect bar(cell.left(), cell.top(), std::min(BarWidth, cell.width() / 2), cell.height());

    // The fill gets lighter with each tree level, so nested bars stay tellable apart.
    int depth = 0;
    for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
        ++depth;
    const QPalette &palette = option.palette;
    QColor fill = palette.color(QPalette::Highlight);
    fill = fill.lighter(100 + 12 * depth);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(Qt::NoPen);
    QColor trough = palette.color(QPalette::Base).darker(palette.color(QPalette::Base).lightness() > 128 ? 108 : 70);
    painter->setBrush(trough);
    painter->drawRect(bar);
    const int filled = int(bar.width() * std::clamp(percent, 0.0, 100.0) / 100.0 + 0.5);
    painter->setBrush(fill);
    painter->drawRect(QRect(bar.left(), bar.top(), filled, bar.height()));
    painter->setPen(palette.color(QPalette::Mid));
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(bar.adjusted(0, 0, -1, -1));

    const QRect textRect = cell.adjusted(bar.width() + 6, -margin, 0, margin);
    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(textRect, Qt::AlignRight | Qt::AlignVCenter, text);
    painter->restore();
}

QSize SizeBarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize hint = QStyledItemDelegate::sizeHint(option, index);
    hint.rwidth() += BarWidth + 12;
    return hint;
}

} // namespace hfcache
