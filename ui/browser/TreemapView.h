// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "TreemapLayout.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

namespace hfcache {

// Shows TreemapLayout scenes: layouts are computed on the thread pool (debounced while repos
// stream in and while the widget is resized), the GUI thread only paints the finished image
// plus the hover and selection outlines. Click or the arrow keys select (the arrows walk to the
// nearest tile of the same level in their direction), double-click or + zooms in one level,
// Backspace / - / right double-click zooms out one level, Escape back to the whole cache. A
// frame shows that it has the keyboard focus.
class TreemapView : public QWidget
{
    Q_OBJECT
public:
    explicit TreemapView(QWidget *parent = nullptr);
    ~TreemapView() override;

    void setRepos(const QList<CachedRepoPtr> &repos);
    void setSelected(const NodeRef &ref);
    void setZoomRoot(const NodeRef &ref);
    NodeRef zoomRoot() const { return m_zoomRoot; }
    void setShading(TreemapLayout::Shading shading);
    // True once the scene on screen shows the repos last given at the current size.
    bool isUpToDate() const;
    NodeRef refAt(const QPoint &pos) const;

    QSize sizeHint() const override;

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void resetZoom();

Q_SIGNALS:
    void clicked(const hfcache::NodeRef &ref);
    void activated(const hfcache::NodeRef &ref);  // Enter on the selection
    void zoomRootChanged(const hfcache::NodeRef &ref);
    void rendered();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void scheduleLayout(int delayMs);
    void startLayout();
    void layoutFinished();
    void zoomTowards(const NodeRef &target);
    // The tile an arrow key moves to from `from` (dx, dy: the direction), or -1.
    int neighbour(int from, int dx, int dy) const;
    void selectByKey(int dx, int dy);

    QList<CachedRepoPtr> m_repos;
    NodeRef m_selected;
    NodeRef m_zoomRoot;
    TreemapLayout::Shading m_shading = TreemapLayout::Shading::Cushion;
    TreemapLayout::Scene m_scene;
    int m_hoverTile = -1;
    quint64 m_generation = 0;          // bumped by every change that needs a new layout
    quint64 m_sceneGeneration = 0;
    quint64 m_runningGeneration = 0;
    QTimer m_layoutTimer;
    QFutureWatcher<TreemapLayout::Scene> m_watcher;
};

} // namespace hfcache
