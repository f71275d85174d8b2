// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "KindTreemapView.h"

#include "browser/Squarify.h"

#include "util/HumanFormat.h"
#include "util/PathText.h"

#include <QFontMetricsF>
#include <QHash>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <iterator>

namespace hfcache {

namespace {

// Hues far apart, one per item type of the kind in the order the biggest items show them, so
// the few types of a kind never share a colour; more than eight types repeat them.
const QColor TypeColors[] = {QColor(0x3d, 0x7e, 0xd8), QColor(0xe0, 0x8a, 0x1e), QColor(0x8e, 0x5a, 0xc8),
                             QColor(0x2e, 0xa0, 0x7a), QColor(0xc8, 0x4a, 0x4a), QColor(0x2a, 0x9d, 0xb8),
                             QColor(0x9a, 0x7a, 0x3a), QColor(0x6a, 0x7a, 0x90)};

} // namespace

KindTreemapView::KindTreemapView(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setMinimumSize(120, 80);
    setAccessibleName(tr("Treemap of the cache's items"));
}

QSize KindTreemapView::sizeHint() const
{
    return {600, 260};
}

void KindTreemapView::setKind(const HomeListingPtr &listing, int kind)
{
    m_listing = listing;
    m_kind = kind;
    m_selected = HomeListing::NoItem;
    startLayout();
}

void KindTreemapView::setSelectedGroup(qint32 group)
{
    m_selected = group;
    update();
}

void KindTreemapView::startLayout()
{
    const quint64 generation = ++m_generation;
    if (!m_listing || m_kind < 0 || width() <= 0 || height() <= 0) {
        m_scene = {};
        m_sceneGeneration = generation;
        update();
        return;
    }
    m_layouts.run(this, [listing = m_listing, kind = m_kind, size = size(), dpr = devicePixelRatioF(), font = font(),
                         palette = palette(), generation] {
        return build(listing, kind, size, dpr, font, palette, generation);
    }, [this](const Scene &scene) {
        m_scene = scene;
        m_sceneGeneration = scene.generation;
        update();
    });
}

KindTreemapView::Scene KindTreemapView::build(const HomeListingPtr &listing, int kindIndex, QSize size, qreal dpr,
                                              const QFont &font, const QPalette &palette, quint64 generation)
{
    Scene scene;
    scene.generation = generation;
    scene.image = QImage(size * dpr, QImage::Format_ARGB32_Premultiplied);
    scene.image.setDevicePixelRatio(dpr);
    scene.image.fill(palette.color(QPalette::Base));
    const HomeListing::Kind &kind = listing->kinds[size_t(kindIndex)];
    const auto &groups = kind.snapshot->groups;
    for (qint32 group : kind.items) {
        if (group < 0 || groups[group].sizeOnDisk == 0 || int(scene.groups.size()) >= MaxTiles)
            break;  // biggest first: the rest are smaller still
        scene.groups.push_back(group);
    }
    const QRectF area(0, 0, size.width(), size.height());
    scene.rects = squarify(scene.groups, area, [&groups](qint32 group) { return groups[group].sizeOnDisk; });

    QHash<QString, int> typeIndex;
    for (qint32 group : scene.groups) {
        if (!typeIndex.contains(groups[group].type))
            typeIndex.insert(groups[group].type, int(typeIndex.size()));
    }
    QPainter painter(&scene.image);
    painter.setFont(font);
    const QFontMetricsF metrics(font);
    for (size_t i = 0; i < scene.rects.size(); ++i) {
        const QRectF &rect = scene.rects[i];
        const HomeGroup &group = groups[scene.groups[i]];
        const QColor base = TypeColors[size_t(typeIndex.value(group.type)) % std::size(TypeColors)];
        QLinearGradient shade(rect.topLeft(), rect.bottomRight());
        shade.setColorAt(0, base.lighter(125));
        shade.setColorAt(1, base.darker(125));
        painter.fillRect(rect, shade);
        painter.setPen(base.darker(170));
        painter.drawRect(rect.adjusted(0, 0, -1.0 / dpr, -1.0 / dpr));
        // A label only where a useful part of the name fits.
        const QRectF textRect = rect.adjusted(4, 2, -4, -2);
        if (textRect.width() < 48 || textRect.height() < metrics.height())
            continue;
        // The whole key (a builder's dataset/config/version/fingerprint), cut in the middle.
        const QString name = PathText::display(group.key);
        QString text = metrics.elidedText(name, Qt::ElideMiddle, textRect.width());
        if (text.size() < std::min<qsizetype>(name.size(), 8))
            continue;
        if (textRect.height() > 2 * metrics.height()) {
            // Size and type when both fit under the name, else the size alone, never a cut line.
            const QString bytes = HumanFormat::size(group.sizeOnDisk);
            const QString bytesAndType = QStringLiteral("%1 · %2").arg(bytes, group.type);
            if (metrics.horizontalAdvance(bytesAndType) <= textRect.width())
                text += QLatin1Char('\n') + bytesAndType;
            else if (metrics.horizontalAdvance(bytes) <= textRect.width())
                text += QLatin1Char('\n') + bytes;
        }
        painter.setPen(QColor(0, 0, 0, 110));
        painter.drawText(textRect.translated(1, 1), Qt::AlignCenter, text);
        painter.setPen(QColor(255, 255, 255, 240));
        painter.drawText(textRect, Qt::AlignCenter, text);
    }
    if (scene.rects.empty()) {
        painter.setPen(palette.color(QPalette::Disabled, QPalette::Text));
        painter.drawText(area, Qt::AlignCenter,
                         tr("No item of this cache takes space on disk."));
    }
    return scene;
}

void KindTreemapView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    if (!m_listing || m_kind < 0) {
        painter.setPen(palette().color(QPalette::Disabled, QPalette::Text));
        painter.drawText(rect(), Qt::AlignCenter, tr("Select a cache to see its items by size."));
        return;
    }
    if (!m_scene.image.isNull())
        painter.drawImage(QPointF(0, 0), m_scene.image);
    for (size_t i = 0; i < m_scene.groups.size(); ++i) {
        if (m_scene.groups[i] != m_selected)
            continue;
        painter.setPen(QPen(palette().color(QPalette::Highlight), 3));
        painter.drawRect(m_scene.rects[i].adjusted(1.5, 1.5, -1.5, -1.5));
    }
}

void KindTreemapView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    startLayout();
}

int KindTreemapView::tileAt(const QPoint &pos) const
{
    for (size_t i = 0; i < m_scene.rects.size(); ++i) {
        if (m_scene.rects[i].contains(pos))
            return int(i);
    }
    return -1;
}

qint32 KindTreemapView::groupAt(const QPoint &pos) const
{
    const int tile = tileAt(pos);
    return tile < 0 ? HomeListing::NoItem : m_scene.groups[size_t(tile)];
}

void KindTreemapView::mousePressEvent(QMouseEvent *event)
{
    const qint32 group = groupAt(event->position().toPoint());
    if (event->button() == Qt::LeftButton && group != HomeListing::NoItem) {
        setSelectedGroup(group);
        Q_EMIT groupClicked(group);
    }
    QWidget::mousePressEvent(event);
}

bool KindTreemapView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && m_listing && m_kind >= 0) {
        auto *help = static_cast<QHelpEvent *>(event);
        const qint32 group = groupAt(help->pos());
        if (group == HomeListing::NoItem) {
            QToolTip::hideText();
        } else {
            const HomeGroup &item = m_listing->kinds[size_t(m_kind)].snapshot->groups[group];
            QToolTip::showText(help->globalPos(), QStringLiteral("%1\n%2, %3").arg(PathText::display(item.key), item.type,
                                                                                   HumanFormat::size(item.sizeOnDisk)),
                               this);
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace hfcache
