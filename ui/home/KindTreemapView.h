// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HomeListing.h"

#include "common/LatestResult.h"

#include <QImage>
#include <QWidget>

#include <vector>

namespace hfcache {

// The items of one cache kind as a treemap, by bytes on disk: squarified on the thread pool into
// an image (the biggest MaxTiles items; a datasets cache may hold a million), the GUI thread
// only paints it and hit-tests the tiles. Tiles are coloured by item type. A click selects.
class KindTreemapView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int MaxTiles = 4000;

    explicit KindTreemapView(QWidget *parent = nullptr);

    // kind < 0: nothing to show.
    void setKind(const HomeListingPtr &listing, int kind);
    void setSelectedGroup(qint32 group);
    // The group index shown at `pos`, or HomeListing::NoItem.
    qint32 groupAt(const QPoint &pos) const;
    bool isUpToDate() const { return m_sceneGeneration == m_generation; }

    QSize sizeHint() const override;

Q_SIGNALS:
    void groupClicked(qint32 group);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Scene
    {
        std::vector<QRectF> rects;
        std::vector<qint32> groups;
        QImage image;
        quint64 generation = 0;
    };

    void startLayout();
    static Scene build(const HomeListingPtr &listing, int kind, QSize size, qreal dpr, const QFont &font,
                       const QPalette &palette, quint64 generation);
    int tileAt(const QPoint &pos) const;

    HomeListingPtr m_listing;
    int m_kind = -1;
    qint32 m_selected = HomeListing::NoItem;
    Scene m_scene;
    quint64 m_generation = 0;
    quint64 m_sceneGeneration = 0;
    LatestResult m_layouts;
};

} // namespace hfcache
