// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "NodeRef.h"

#include "cache/CachedRepo.h"

#include <QFont>
#include <QImage>
#include <QList>
#include <QPalette>
#include <QRectF>

#include <vector>

namespace hfcache {

// The treemap as a pure function of immutable repos: squarified layout (Bruls, Huizing,
// van Wijk) of repo -> revision -> file by bytes on disk, rendered with cushion shading
// (van Wijk, van de Wetering) or flat into an image. Runs on a worker thread; the widget
// only blits the image and hit-tests the tiles.
class TreemapLayout
{
public:
    enum class Shading { Cushion, Flat };

    struct Request
    {
        QList<CachedRepoPtr> repos;
        NodeRef zoomRoot;        // None: the whole cache
        QSize size;              // logical pixels
        qreal devicePixelRatio = 1.0;
        Shading shading = Shading::Cushion;
        QFont font;
        QPalette palette;
    };

    struct Tile
    {
        QRectF rect;
        int parent = -1;
        int firstChild = -1;      // children are contiguous
        int childCount = 0;
        NodeRef::Kind kind = NodeRef::Kind::None;
        int repo = -1;            // index into Scene::repos
        int revision = -1;
        int entry = -1;
        quint64 size = 0;
    };

    struct Scene
    {
        QList<CachedRepoPtr> repos;
        std::vector<Tile> tiles;  // tiles[0] is the zoom root when not empty
        QImage image;
        NodeRef zoomRoot;
        QSize size;

        int tileAt(const QPointF &point) const;  // deepest tile, -1 outside
        int tileOf(const NodeRef &ref) const;    // the tile showing ref, or its nearest shown ancestor
        NodeRef ref(int tile) const;
        QString name(int tile) const;
    };

    static Scene build(const Request &request);

    static constexpr qreal MinTileSize = 3.0;
};

} // namespace hfcache
