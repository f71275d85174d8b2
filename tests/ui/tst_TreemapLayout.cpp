// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "support/TestSupport.h"

#include "browser/TreemapLayout.h"

#include "cache/CacheScan.h"

#include <QFile>
#include <QTest>

using namespace hfcache;

// The treemap layout on a real synthetic cache: tiles tile their parent without overlap,
// areas follow bytes on disk, hit-testing and NodeRef lookup agree.
class tst_TreemapLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tilesPartitionTheirParent();
    void areasFollowSizes();
    void hitTestAndLookupAgree();
    void zoomedRootShowsOneRepo();
    void flatAndEmpty();

private:
    TreemapLayout::Scene build(const NodeRef &zoom = {}, TreemapLayout::Shading shading = TreemapLayout::Shading::Cushion);

    QTemporaryDir m_tmp;
    CacheSnapshotPtr m_snapshot;
};

void tst_TreemapLayout::initTestCase()
{
    const QString dir = m_tmp.filePath(QStringLiteral("synthetic"));
    QVERIFY(!TestSupport::generateSyntheticCache(dir, {QStringLiteral("--repos"), QStringLiteral("25"),
                                                       QStringLiteral("--revisions"), QStringLiteral("2"),
                                                       QStringLiteral("--files"), QStringLiteral("8")})
                 .isEmpty());
    m_snapshot = CacheScan::run(QFile::encodeName(dir));
    QVERIFY(m_snapshot);
}

TreemapLayout::Scene tst_TreemapLayout::build(const NodeRef &zoom, TreemapLayout::Shading shading)
{
    TreemapLayout::Request request;
    request.repos = m_snapshot->repos;
    request.zoomRoot = zoom;
    request.size = QSize(800, 500);
    request.shading = shading;
    return TreemapLayout::build(request);
}

void tst_TreemapLayout::tilesPartitionTheirParent()
{
    const TreemapLayout::Scene scene = build();
    QVERIFY(qsizetype(scene.tiles.size()) > m_snapshot->repos.size());
    QCOMPARE(scene.image.size(), QSize(800, 500));
    for (const TreemapLayout::Tile &tile : scene.tiles) {
        for (int i = tile.firstChild; i >= 0 && i < tile.firstChild + tile.childCount; ++i) {
            const QRectF child = scene.tiles[size_t(i)].rect;
            QVERIFY(tile.rect.adjusted(-0.01, -0.01, 0.01, 0.01).contains(child));
            QVERIFY(child.width() >= TreemapLayout::MinTileSize && child.height() >= TreemapLayout::MinTileSize);
            for (int j = i + 1; j < tile.firstChild + tile.childCount; ++j) {
                const QRectF overlap = child.intersected(scene.tiles[size_t(j)].rect);
                QVERIFY(overlap.width() * overlap.height() < 0.01);
            }
        }
    }
}

void tst_TreemapLayout::areasFollowSizes()
{
    const TreemapLayout::Scene scene = build();
    const TreemapLayout::Tile &root = scene.tiles.front();
    double areaSum = 0;
    quint64 sizeSum = 0;
    for (int i = root.firstChild; i < root.firstChild + root.childCount; ++i) {
        areaSum += scene.tiles[size_t(i)].rect.width() * scene.tiles[size_t(i)].rect.height();
        sizeSum += scene.tiles[size_t(i)].size;
    }
    for (int i = root.firstChild; i < root.firstChild + root.childCount; ++i) {
        const auto &tile = scene.tiles[size_t(i)];
        const double areaShare = tile.rect.width() * tile.rect.height() / areaSum;
        const double sizeShare = double(tile.size) / double(sizeSum);
        QVERIFY2(qAbs(areaShare - sizeShare) < 1e-6, qPrintable(scene.name(i)));
        QCOMPARE(tile.kind, NodeRef::Kind::Repo);
    }
}

void tst_TreemapLayout::hitTestAndLookupAgree()
{
    const TreemapLayout::Scene scene = build();
    int files = 0;
    for (int i = 1; i < int(scene.tiles.size()); ++i) {
        const TreemapLayout::Tile &tile = scene.tiles[size_t(i)];
        if (tile.childCount > 0)
            continue;
        const NodeRef ref = scene.ref(i);
        QCOMPARE(scene.tileAt(tile.rect.center()), i);
        QCOMPARE(scene.tileOf(ref), i);
        if (ref.kind == NodeRef::Kind::File) {
            ++files;
            // A folder selected in the tree lights up its revision's tile.
            NodeRef folder = ref;
            folder.kind = NodeRef::Kind::Folder;
            folder.path = "no-such-folder";
            QCOMPARE(scene.tileOf(folder), tile.parent);
        }
    }
    QVERIFY(files > 0);
    QCOMPARE(scene.tileAt(QPointF(-5, -5)), -1);
    QCOMPARE(scene.tileOf({NodeRef::Kind::Repo, "models--nobody--nothing", {}, {}}), -1);
}

void tst_TreemapLayout::zoomedRootShowsOneRepo()
{
    const CachedRepoPtr repo = m_snapshot->repos.at(3);
    const TreemapLayout::Scene scene = build({NodeRef::Kind::Repo, repo->folderName, {}, {}});
    QCOMPARE(scene.zoomRoot.folderName, repo->folderName);
    QCOMPARE(scene.tiles.front().kind, NodeRef::Kind::Repo);
    for (const TreemapLayout::Tile &tile : scene.tiles)
        QCOMPARE(scene.repos.at(tile.repo)->folderName, repo->folderName);
    const QByteArray commit = repo->revisions.first().commit;
    const TreemapLayout::Scene revisionScene = build({NodeRef::Kind::Revision, repo->folderName, commit, {}});
    QCOMPARE(revisionScene.tiles.front().kind, NodeRef::Kind::Revision);
    QCOMPARE(revisionScene.zoomRoot.commit, commit);
}

void tst_TreemapLayout::flatAndEmpty()
{
    const TreemapLayout::Scene flat = build({}, TreemapLayout::Shading::Flat);
    QCOMPARE(flat.tiles.size(), build().tiles.size());
    TreemapLayout::Request empty;
    empty.size = QSize(100, 100);
    const TreemapLayout::Scene nothing = TreemapLayout::build(empty);
    QCOMPARE(nothing.tiles.size(), size_t(1));
    QCOMPARE(nothing.tileOf({NodeRef::Kind::Repo, "x", {}, {}}), -1);
}

QTEST_MAIN(tst_TreemapLayout)
#include "tst_TreemapLayout.moc"
