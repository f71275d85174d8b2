// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "TreemapLayout.h"

#include "Squarify.h"

#include "common/ItemIcons.h"

#include "util/HumanFormat.h"
#include "util/PathText.h"
#include "util/PathPrefix.h"

#include <QFontMetricsF>
#include <QHash>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace hfcache {

namespace {

constexpr double CushionHeight = 0.32;
constexpr double CushionFalloff = 0.75;
constexpr double AmbientLight = 0.36;
constexpr double DirectLight = 0.72;
// Light from the upper left, mostly from the front: (-1, -2, 10) normalised.
constexpr double LightX = -0.09759;
constexpr double LightY = -0.19518;
constexpr double LightZ = 0.9759;

// Quadratic cushion surface z = x2*x^2 + x1*x + y2*y^2 + y1*y; each level adds one ridge.
struct Surface
{
    double x1 = 0, x2 = 0, y1 = 0, y2 = 0;

    void addRidge(const QRectF &rect, double height)
    {
        if (rect.width() > 0) {
            x1 += 4 * height * (rect.right() + rect.left()) / rect.width();
            x2 -= 4 * height / rect.width();
        }
        if (rect.height() > 0) {
            y1 += 4 * height * (rect.bottom() + rect.top()) / rect.height();
            y2 -= 4 * height / rect.height();
        }
    }
};

struct Child
{
    quint64 size;
    NodeRef::Kind kind;
    int revision;
    int entry;
};

quint64 entrySize(const CachedRepo &repo, const SnapshotEntry &entry)
{
    if (entry.kind == SnapshotEntry::Kind::Directory)
        return 0;
    const EntryStat *content = repo.contentStat(entry);
    return content ? content->diskSize : 0;
}

class Builder
{
public:
    Builder(const TreemapLayout::Request &request, TreemapLayout::Scene &scene)
        : m_request(request)
        , m_scene(scene)
        , m_labelFont(request.font)
        , m_metrics(request.font)
    {
        m_labelHeight = std::ceil(m_metrics.height()) + 4;
    }

    void run();

private:
    std::vector<Child> childrenOf(const TreemapLayout::Tile &tile) const;
    void layOut(int tileIndex, const Surface &parentSurface, int depth);
    QColor colorOf(const TreemapLayout::Tile &tile) const;
    void paintLeaf(const TreemapLayout::Tile &tile, const Surface &surface);
    void paintFrame(const TreemapLayout::Tile &tile, const QRectF &label);

    const TreemapLayout::Request &m_request;
    TreemapLayout::Scene &m_scene;
    QFont m_labelFont;
    QFontMetricsF m_metrics;
    double m_labelHeight = 16;
    std::unique_ptr<QPainter> m_painter;
};

std::vector<Child> Builder::childrenOf(const TreemapLayout::Tile &tile) const
{
    std::vector<Child> children;
    if (tile.kind == NodeRef::Kind::None) {
        for (int i = 0; i < m_scene.repos.size(); ++i) {
            if (m_scene.repos.at(i)->sizeOnDisk > 0)
                children.push_back({m_scene.repos.at(i)->sizeOnDisk, NodeRef::Kind::Repo, i, -1});
        }
    } else if (tile.kind == NodeRef::Kind::Repo) {
        const CachedRepo &repo = *m_scene.repos.at(tile.repo);
        for (int i = 0; i < repo.revisions.size(); ++i) {
            if (repo.revisions.at(i).sizeOnDisk > 0)
                children.push_back({repo.revisions.at(i).sizeOnDisk, NodeRef::Kind::Revision, i, -1});
        }
    } else if (tile.kind == NodeRef::Kind::Revision) {
        const CachedRepo &repo = *m_scene.repos.at(tile.repo);
        const CachedRevision &revision = repo.revisions.at(tile.revision);
        for (int i = 0; i < revision.entries.size(); ++i) {
            const quint64 size = entrySize(repo, revision.entries.at(i));
            if (size > 0)
                children.push_back({size, NodeRef::Kind::File, tile.revision, i});
        }
    }
    std::sort(children.begin(), children.end(), [](const Child &a, const Child &b) { return a.size > b.size; });
    return children;
}

void Builder::run()
{
    TreemapLayout::Tile root;
    root.rect = QRectF(QPointF(0, 0), QSizeF(m_request.size));
    const NodeRef &zoom = m_request.zoomRoot;
    if (zoom.isValid()) {
        for (int i = 0; i < m_scene.repos.size() && root.repo < 0; ++i) {
            if (m_scene.repos.at(i)->folderName == zoom.folderName)
                root.repo = i;
        }
        if (root.repo >= 0) {
            root.kind = NodeRef::Kind::Repo;
            const CachedRepo &repo = *m_scene.repos.at(root.repo);
            root.size = repo.sizeOnDisk;
            if (zoom.kind != NodeRef::Kind::Repo) {
                if (const CachedRevision *revision = repo.revision(zoom.commit)) {
                    root.kind = NodeRef::Kind::Revision;
                    root.revision = int(revision - repo.revisions.constData());
                    root.size = revision->sizeOnDisk;
                }
            }
        }
    }
    if (root.kind == NodeRef::Kind::None) {
        for (const CachedRepoPtr &repo : m_scene.repos)
            root.size += repo->sizeOnDisk;
    }
    m_scene.tiles.push_back(root);
    m_scene.zoomRoot = m_scene.ref(0);

    const qreal dpr = m_request.devicePixelRatio;
    m_scene.image = QImage((QSizeF(m_request.size) * dpr).toSize(), QImage::Format_RGB32);
    m_scene.image.setDevicePixelRatio(dpr);
    m_scene.image.fill(m_request.palette.color(QPalette::Base));
    m_painter = std::make_unique<QPainter>(&m_scene.image);
    m_painter->setFont(m_labelFont);
    layOut(0, Surface{}, 0);
    m_painter.reset();
}

void Builder::layOut(int tileIndex, const Surface &parentSurface, int depth)
{
    TreemapLayout::Tile tile = m_scene.tiles[size_t(tileIndex)];
    Surface surface = parentSurface;
    // The whole-cache level gets no ridge: one dome over the window would darken its edges.
    if (tile.kind != NodeRef::Kind::None)
        surface.addRidge(tile.rect, CushionHeight * std::pow(CushionFalloff, depth - 1));
    const bool tooSmall = tile.rect.width() < TreemapLayout::MinTileSize * 2 + 2
                          || tile.rect.height() < TreemapLayout::MinTileSize * 2 + 2;
    std::vector<Child> children = tooSmall ? std::vector<Child>() : childrenOf(tile);
    if (children.empty()) {
        if (tile.kind != NodeRef::Kind::None)
            paintLeaf(tile, surface);
        return;
    }
    // Repos and revisions get a frame and, when there is room, a label strip on top.
    QRectF inner = tile.rect;
    QRectF label;
    if (tile.kind != NodeRef::Kind::None) {
        inner.adjust(1, 1, -1, -1);
        if (inner.height() > 3 * m_labelHeight && inner.width() > 70) {
            label = QRectF(inner.left(), inner.top(), inner.width(), m_labelHeight);
            inner.setTop(inner.top() + m_labelHeight);
        }
        paintFrame(tile, label);
    }
    const std::vector<QRectF> rects = squarify(children, inner, [](const Child &child) { return child.size; });
    const int first = int(m_scene.tiles.size());
    m_scene.tiles[size_t(tileIndex)].firstChild = first;
    int count = 0;
    for (size_t i = 0; i < children.size(); ++i) {
        if (rects[i].width() < TreemapLayout::MinTileSize || rects[i].height() < TreemapLayout::MinTileSize) {
            // Smaller tiles than this read as noise; the parent's frame color shows through.
            continue;
        }
        TreemapLayout::Tile child;
        child.rect = rects[i];
        child.parent = tileIndex;
        child.kind = children[i].kind;
        child.repo = tile.kind == NodeRef::Kind::None ? children[i].revision : tile.repo;
        child.revision = tile.kind == NodeRef::Kind::None ? -1 : children[i].revision;
        child.entry = children[i].entry;
        child.size = children[i].size;
        m_scene.tiles.push_back(child);
        ++count;
    }
    m_scene.tiles[size_t(tileIndex)].childCount = count;
    for (int i = 0; i < count; ++i)
        layOut(first + i, surface, depth + 1);
}

QColor Builder::colorOf(const TreemapLayout::Tile &tile) const
{
    const CachedRepo &repo = *m_scene.repos.at(tile.repo);
    QColor base = ItemIcons::repoTypeColor(repo.type);
    if (tile.kind != NodeRef::Kind::File)
        return base;
    // Files of one kind share a shade, so weights, configs and tokenizers are told apart.
    const QByteArray &path = repo.revisions.at(tile.revision).entries.at(tile.entry).path;
    const qsizetype dot = path.lastIndexOf('.');
    const QByteArray extension = dot > path.lastIndexOf('/') ? path.mid(dot + 1) : QByteArray();
    const int shade = int(qHash(extension) % 7) - 3;
    float h, s, l;
    base.getHslF(&h, &s, &l);
    h = std::fmod(h + shade * 0.018f + 1.0f, 1.0f);
    l = std::clamp(l + shade * 0.035f, 0.2f, 0.8f);
    return QColor::fromHslF(h, s, l);
}

void Builder::paintFrame(const TreemapLayout::Tile &tile, const QRectF &label)
{
    const QColor base = colorOf(tile);
    m_painter->fillRect(tile.rect, base.darker(tile.kind == NodeRef::Kind::Repo ? 190 : 145));
    if (label.isEmpty())
        return;
    const CachedRepo &repo = *m_scene.repos.at(tile.repo);
    // The first candidate that fits: a repo's full id, then its name without the owner; a
    // revision's short commit with its refs, then the commit alone. Never a stub like "q…5".
    QStringList candidates;
    if (tile.kind == NodeRef::Kind::Repo) {
        candidates << repo.repoId << repo.repoId.section(QLatin1Char('/'), -1);
    } else {
        const CachedRevision &revision = repo.revisions.at(tile.revision);
        const QString commit = QString::fromLatin1(revision.commit.left(7));
        if (!revision.refs.isEmpty())
            candidates << QStringLiteral("%1 (%2)").arg(commit, revision.refs.join(QStringLiteral(", ")));
        candidates << commit;
    }
    const QString size = HumanFormat::size(tile.size);
    const QRectF textRect = label.adjusted(4, 0, -4, 0);
    const auto fits = [this](const QString &text, double room) { return m_metrics.horizontalAdvance(text) <= room; };
    const double roomBesideSize = textRect.width() - m_metrics.horizontalAdvance(size) - 8;
    QString chosen;
    bool showSize = false;
    for (const QString &candidate : candidates) {
        if (fits(candidate, roomBesideSize)) {
            chosen = candidate;
            showSize = true;
            break;
        }
    }
    for (qsizetype i = 0; chosen.isEmpty() && i < candidates.size(); ++i) {
        if (fits(candidates.at(i), textRect.width()))
            chosen = candidates.at(i);
    }
    if (chosen.isEmpty()) {
        const QString elided = m_metrics.elidedText(candidates.last(), Qt::ElideRight, textRect.width());
        if (elided.size() >= 8)
            chosen = elided;
        else
            showSize = fits(size, textRect.width());
    }
    m_painter->setPen(QColor(255, 255, 255, 235));
    if (showSize)
        m_painter->drawText(textRect, Qt::AlignRight | Qt::AlignVCenter, size);
    if (!chosen.isEmpty())
        m_painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, chosen);
}

void Builder::paintLeaf(const TreemapLayout::Tile &tile, const Surface &surface)
{
    const QColor base = colorOf(tile);
    const qreal dpr = m_request.devicePixelRatio;
    QImage &image = m_scene.image;
    const int x0 = std::max(0, int(std::lround(tile.rect.left() * dpr)));
    const int x1 = std::min(image.width(), int(std::lround(tile.rect.right() * dpr)));
    const int y0 = std::max(0, int(std::lround(tile.rect.top() * dpr)));
    const int y1 = std::min(image.height(), int(std::lround(tile.rect.bottom() * dpr)));
    if (m_request.shading == TreemapLayout::Shading::Flat) {
        m_painter->fillRect(tile.rect, base);
        m_painter->setPen(base.darker(150));
        m_painter->drawRect(tile.rect.adjusted(0, 0, -1.0 / dpr, -1.0 / dpr));
    } else {
        const double r = base.redF(), g = base.greenF(), b = base.blueF();
        for (int y = y0; y < y1; ++y) {
            QRgb *line = reinterpret_cast<QRgb *>(image.scanLine(y));
            const double ly = (y + 0.5) / dpr;
            const double ny = -(2 * surface.y2 * ly + surface.y1);
            for (int x = x0; x < x1; ++x) {
                const double lx = (x + 0.5) / dpr;
                const double nx = -(2 * surface.x2 * lx + surface.x1);
                const double cosa = (nx * LightX + ny * LightY + LightZ) / std::sqrt(nx * nx + ny * ny + 1.0);
                const double intensity = std::min(1.0, AmbientLight + DirectLight * std::max(0.0, cosa));
                line[x] = qRgb(int(255 * r * intensity), int(255 * g * intensity), int(255 * b * intensity));
            }
        }
    }
    // A label only where it fits without hiding the shape.
    if (tile.kind == NodeRef::Kind::File && tile.rect.width() > 64 && tile.rect.height() > m_labelHeight + 6) {
        const CachedRepo &repo = *m_scene.repos.at(tile.repo);
        const QByteArray &path = repo.revisions.at(tile.revision).entries.at(tile.entry).path;
        const QString name = PathText::display(path.mid(path.lastIndexOf('/') + 1));
        const QRectF textRect = tile.rect.adjusted(4, 2, -4, -2);
        QString text = m_metrics.elidedText(name, Qt::ElideMiddle, textRect.width());
        if (text.size() < std::min<qsizetype>(name.size(), 10))
            return;  // a stub of a name says nothing
        if (tile.rect.height() > 2 * m_labelHeight + 6)
            text += QLatin1Char('\n') + HumanFormat::size(tile.size);
        m_painter->setPen(QColor(0, 0, 0, 110));
        m_painter->drawText(textRect.translated(1, 1), Qt::AlignCenter, text);
        m_painter->setPen(QColor(255, 255, 255, 240));
        m_painter->drawText(textRect, Qt::AlignCenter, text);
    }
}

} // namespace

TreemapLayout::Scene TreemapLayout::build(const Request &request)
{
    Scene scene;
    scene.repos = request.repos;
    scene.size = request.size;
    if (request.size.isEmpty())
        return scene;
    Builder(request, scene).run();
    return scene;
}

int TreemapLayout::Scene::tileAt(const QPointF &point) const
{
    if (tiles.empty() || !tiles[0].rect.contains(point))
        return -1;
    int current = 0;
    while (true) {
        const Tile &tile = tiles[size_t(current)];
        int next = -1;
        for (int i = tile.firstChild; i >= 0 && i < tile.firstChild + tile.childCount; ++i) {
            if (tiles[size_t(i)].rect.contains(point)) {
                next = i;
                break;
            }
        }
        if (next < 0)
            return current;
        current = next;
    }
}

int TreemapLayout::Scene::tileOf(const NodeRef &ref) const
{
    if (!ref.isValid() || tiles.empty())
        return -1;
    // Whether `outer` is ref itself or one of its ancestors.
    const auto leadsTo = [&ref](const NodeRef &outer) {
        if (outer.folderName != ref.folderName)
            return false;
        switch (outer.kind) {
        case NodeRef::Kind::Repo: return true;
        case NodeRef::Kind::Revision: return ref.kind != NodeRef::Kind::Repo && outer.commit == ref.commit;
        case NodeRef::Kind::None: return false;
        default:
            return outer.commit == ref.commit
                   && PathPrefix::isSameOrUnder(ref.path, outer.path);
        }
    };
    if (tiles[0].kind != NodeRef::Kind::None && !leadsTo(this->ref(0)))
        return -1;
    int current = 0;
    for (bool descended = true; descended;) {
        descended = false;
        const Tile &tile = tiles[size_t(current)];
        for (int i = tile.firstChild; i >= 0 && i < tile.firstChild + tile.childCount; ++i) {
            if (leadsTo(this->ref(i))) {
                current = i;
                descended = true;
                break;
            }
        }
    }
    return current == 0 && tiles[0].kind == NodeRef::Kind::None ? -1 : current;
}

NodeRef TreemapLayout::Scene::ref(int tileIndex) const
{
    NodeRef ref;
    if (tileIndex < 0 || tileIndex >= int(tiles.size()))
        return ref;
    const Tile &tile = tiles[size_t(tileIndex)];
    if (tile.repo < 0)
        return ref;
    const CachedRepo &repo = *repos.at(tile.repo);
    ref.kind = tile.kind;
    ref.folderName = repo.folderName;
    if (tile.revision >= 0)
        ref.commit = repo.revisions.at(tile.revision).commit;
    if (tile.entry >= 0)
        ref.path = repo.revisions.at(tile.revision).entries.at(tile.entry).path;
    return ref;
}

QString TreemapLayout::Scene::name(int tileIndex) const
{
    if (tileIndex < 0 || tileIndex >= int(tiles.size()))
        return {};
    const Tile &tile = tiles[size_t(tileIndex)];
    if (tile.repo < 0)
        return QStringLiteral("cache");
    const CachedRepo &repo = *repos.at(tile.repo);
    switch (tile.kind) {
    case NodeRef::Kind::Repo: return repo.cacheId();
    case NodeRef::Kind::Revision: return repo.repoId + QLatin1Char('@') + QString::fromLatin1(repo.revisions.at(tile.revision).commit.left(12));
    default: return PathText::display(repo.revisions.at(tile.revision).entries.at(tile.entry).path);
    }
}

} // namespace hfcache
