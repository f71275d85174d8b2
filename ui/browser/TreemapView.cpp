// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "TreemapView.h"

#include "util/BackgroundThreads.h"
#include "util/HumanFormat.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QToolTip>

#include <cmath>

namespace hfcache {

TreemapView::TreemapView(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(120, 80);
    setAccessibleName(tr("Treemap"));
    setAccessibleDescription(tr("Repos, revisions and files as rectangles sized by their bytes on disk"));
    m_layoutTimer.setSingleShot(true);
    connect(&m_layoutTimer, &QTimer::timeout, this, &TreemapView::startLayout);
    connect(&m_watcher, &QFutureWatcher<TreemapLayout::Scene>::finished, this, &TreemapView::layoutFinished);
}

TreemapView::~TreemapView()
{
    m_watcher.waitForFinished();
}

QSize TreemapView::sizeHint() const
{
    return {600, 300};
}

void TreemapView::setRepos(const QList<CachedRepoPtr> &repos)
{
    m_repos = repos;
    // While a scan streams batches in, re-layout at most twice a second: a layout of 2,000
    // repos takes a worker thread the scan could use.
    scheduleLayout(m_scene.tiles.empty() ? 0 : 500);
}

void TreemapView::setSelected(const NodeRef &ref)
{
    if (ref == m_selected)
        return;
    m_selected = ref;
    update();
}

void TreemapView::setZoomRoot(const NodeRef &ref)
{
    if (ref == m_zoomRoot)
        return;
    m_zoomRoot = ref;
    m_hoverTile = -1;
    scheduleLayout(0);
    Q_EMIT zoomRootChanged(ref);
}

void TreemapView::setShading(TreemapLayout::Shading shading)
{
    if (shading == m_shading)
        return;
    m_shading = shading;
    scheduleLayout(0);
}

bool TreemapView::isUpToDate() const
{
    return m_sceneGeneration == m_generation && !m_layoutTimer.isActive() && !m_watcher.isRunning();
}

void TreemapView::scheduleLayout(int delayMs)
{
    ++m_generation;
    if (!m_layoutTimer.isActive() || delayMs < m_layoutTimer.remainingTime())
        m_layoutTimer.start(delayMs);
}

void TreemapView::startLayout()
{
    if (m_watcher.isRunning())
        return;  // layoutFinished() starts the next one
    if (!isVisible())
        return;  // showEvent() lays out

    TreemapLayout::Request request;
    request.repos = m_repos;
    request.zoomRoot = m_zoomRoot;
    request.size = size();
    request.devicePixelRatio = devicePixelRatioF();
    request.shading = m_shading;
    request.font = font();
    request.palette = palette();
    m_runningGeneration = m_generation;
    m_watcher.setFuture(runOnBackgroundThread([request] { return TreemapLayout::build(request); }));
}

void TreemapView::layoutFinished()
{
    m_scene = m_watcher.result();
    m_sceneGeneration = m_runningGeneration;
    m_hoverTile = -1;
    update();
    if (m_sceneGeneration != m_generation) {
        if (!m_layoutTimer.isActive())
            startLayout();
        return;
    }
    // The zoomed-in repo or revision was deleted meanwhile: the layout fell back to its parent.
    if (!m_scene.tiles.empty() && m_scene.zoomRoot != m_zoomRoot) {
        m_zoomRoot = m_scene.zoomRoot;
        Q_EMIT zoomRootChanged(m_zoomRoot);
    }
    Q_EMIT rendered();
}

void TreemapView::resizeEvent(QResizeEvent *)
{
    scheduleLayout(m_scene.tiles.empty() ? 0 : 120);
}

void TreemapView::showEvent(QShowEvent *event)
{
    if (!isUpToDate())
        scheduleLayout(0);
    QWidget::showEvent(event);
}

void TreemapView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        scheduleLayout(0);
    QWidget::changeEvent(event);
}

void TreemapView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    if (m_scene.image.isNull()) {
        painter.fillRect(rect(), palette().color(QPalette::Base));
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, m_repos.isEmpty() ? tr("No repos to show") : tr("Laying out…"));
        return;
    }
    // While a new layout for a new size is computed, the old one is stretched.
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(rect(), m_scene.image);
    const qreal sx = m_scene.size.width() ? qreal(width()) / m_scene.size.width() : 1.0;
    const qreal sy = m_scene.size.height() ? qreal(height()) / m_scene.size.height() : 1.0;
    const auto mapped = [&](const QRectF &r) {
        return QRectF(r.left() * sx, r.top() * sy, r.width() * sx, r.height() * sy);
    };
    const int selectedTile = m_scene.tileOf(m_selected);
    if (selectedTile >= 0) {
        const QRectF r = mapped(m_scene.tiles[size_t(selectedTile)].rect).adjusted(1, 1, -1, -1);
        QColor fill = palette().color(QPalette::Highlight);
        fill.setAlpha(70);
        painter.fillRect(r, fill);
        painter.setPen(QPen(palette().color(QPalette::HighlightedText), 3));
        painter.drawRect(r);
        painter.setPen(QPen(palette().color(QPalette::Highlight), 1.5));
        painter.drawRect(r);
    }
    if (m_hoverTile >= 0 && m_hoverTile != selectedTile) {
        painter.setPen(QPen(QColor(255, 255, 255, 200), 1.5));
        painter.drawRect(mapped(m_scene.tiles[size_t(m_hoverTile)].rect).adjusted(1, 1, -1, -1));
    }
    if (hasFocus()) {
        painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
        painter.drawRect(rect().adjusted(1, 1, -1, -1));
    }
}

NodeRef TreemapView::refAt(const QPoint &pos) const
{
    if (m_scene.size.isEmpty())
        return {};
    const QPointF scenePos(pos.x() * qreal(m_scene.size.width()) / width(),
                           pos.y() * qreal(m_scene.size.height()) / height());
    return m_scene.ref(m_scene.tileAt(scenePos));
}

void TreemapView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_scene.size.isEmpty())
        return;
    const QPointF scenePos(event->position().x() * m_scene.size.width() / width(),
                           event->position().y() * m_scene.size.height() / height());
    const int tile = m_scene.tileAt(scenePos);
    if (tile != m_hoverTile) {
        m_hoverTile = tile;
        update();
    }
}

void TreemapView::leaveEvent(QEvent *)
{
    m_hoverTile = -1;
    update();
}

bool TreemapView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const NodeRef ref = refAt(help->pos());
        const int tile = m_scene.tileOf(ref);
        if (tile >= 0) {
            const auto &t = m_scene.tiles[size_t(tile)];
            QToolTip::showText(help->globalPos(),
                               QStringLiteral("<b>%1</b><br>%2").arg(m_scene.name(tile).toHtmlEscaped(),
                                                                     tr("%1 on disk").arg(HumanFormat::size(t.size))),
                               this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

void TreemapView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    const NodeRef ref = refAt(event->position().toPoint());
    if (!ref.isValid())
        return;
    setSelected(ref);
    Q_EMIT clicked(ref);
}

void TreemapView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() == Qt::RightButton)
        return zoomOut();
    if (event->button() == Qt::LeftButton)
        zoomTowards(refAt(event->position().toPoint()));
}

void TreemapView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Backspace:
        zoomOut();
        return;
    case Qt::Key_Escape:
        resetZoom();
        return;
    case Qt::Key_Plus:
        zoomIn();
        return;
    case Qt::Key_Minus:
        zoomOut();
        return;
    case Qt::Key_Left:
        selectByKey(-1, 0);
        return;
    case Qt::Key_Right:
        selectByKey(1, 0);
        return;
    case Qt::Key_Up:
        selectByKey(0, -1);
        return;
    case Qt::Key_Down:
        selectByKey(0, 1);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_selected.isValid())
            Q_EMIT activated(m_selected);
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

int TreemapView::neighbour(int from, int dx, int dy) const
{
    const auto &tiles = m_scene.tiles;
    const TreemapLayout::Tile &origin = tiles[size_t(from)];
    const QPointF center = origin.rect.center();
    // Siblings first (the same repo's revisions, the same folder's files), then any tile of the
    // same kind: the walk stays on one level and leaves a repo only at its edge.
    for (const bool siblingsOnly : {true, false}) {
        int best = -1;
        qreal bestScore = 0;
        for (int i = 1; i < int(tiles.size()); ++i) {
            const TreemapLayout::Tile &tile = tiles[size_t(i)];
            if (i == from || (siblingsOnly ? tile.parent != origin.parent : tile.kind != origin.kind))
                continue;
            const QPointF d = tile.rect.center() - center;
            const qreal along = d.x() * dx + d.y() * dy;         // distance in the key's direction
            const qreal across = std::abs(d.x() * dy) + std::abs(d.y() * dx);
            // In that direction: the tile's far edge is past the origin's.
            const bool ahead = dx > 0 ? tile.rect.left() >= origin.rect.right() - 0.5
                             : dx < 0 ? tile.rect.right() <= origin.rect.left() + 0.5
                             : dy > 0 ? tile.rect.top() >= origin.rect.bottom() - 0.5
                                      : tile.rect.bottom() <= origin.rect.top() + 0.5;
            if (!ahead || along <= 0)
                continue;
            const qreal score = along + 2 * across;
            if (best < 0 || score < bestScore) {
                best = i;
                bestScore = score;
            }
        }
        if (best >= 0)
            return best;
    }
    return -1;
}

void TreemapView::selectByKey(int dx, int dy)
{
    if (m_scene.tiles.empty())
        return;
    int tile = m_scene.tileOf(m_selected);
    if (tile <= 0) {
        // Nothing shown is selected: start at the biggest tile below the zoom root.
        tile = m_scene.tiles.front().childCount > 0 ? m_scene.tiles.front().firstChild : 0;
    } else {
        tile = neighbour(tile, dx, dy);
        if (tile < 0)
            return;
    }
    const NodeRef ref = m_scene.ref(tile);
    setSelected(ref);
    Q_EMIT clicked(ref);
}

void TreemapView::zoomIn()
{
    zoomTowards(m_selected);
}

void TreemapView::zoomTowards(const NodeRef &target)
{
    // One level below the current root, on the way to `target`; files are not zoomable.
    if (!target.isValid())
        return;
    NodeRef next;
    next.folderName = target.folderName;
    if (m_zoomRoot.kind == NodeRef::Kind::None) {
        next.kind = NodeRef::Kind::Repo;
    } else if (m_zoomRoot.kind == NodeRef::Kind::Repo && target.kind != NodeRef::Kind::Repo
               && target.folderName == m_zoomRoot.folderName) {
        next.kind = NodeRef::Kind::Revision;
        next.commit = target.commit;
    } else {
        return;
    }
    setZoomRoot(next);
}

void TreemapView::zoomOut()
{
    NodeRef up;
    if (m_zoomRoot.kind == NodeRef::Kind::Revision) {
        up.kind = NodeRef::Kind::Repo;
        up.folderName = m_zoomRoot.folderName;
    }
    setZoomRoot(up);
}

void TreemapView::resetZoom()
{
    setZoomRoot({});
}

} // namespace hfcache
