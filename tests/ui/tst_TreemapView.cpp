// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// The treemap in the real window, offscreen: it shows only what the tree's filters show, and
// it works from the keyboard (arrows, zoom, breadcrumb, a visible focus).
#include "WindowFixture.h"
#include "support/TestSupport.h"

#include "app/MainWindow.h"
#include "browser/CacheFilterModel.h"
#include "browser/CacheTreeModel.h"
#include "browser/TreemapView.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace hfcache;

class tst_TreemapView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void treemapShowsOnlyWhatTheTreeShows();
    void treemapFromTheKeyboard();

private:
    WindowFixture m_fixture;
    QString m_fixtures;
};

void tst_TreemapView::initTestCase()
{
    m_fixture.setUp(QStringLiteral("tst_TreemapView"));
    m_fixtures = TestSupport::extractFixtures(m_fixture.tmp());
    QVERIFY(!m_fixtures.isEmpty());
}

void tst_TreemapView::init()
{
    WindowFixture::forgetSettings();
}

// A6: right-clicking a tile whose row the filter hides kept the old selection for Delete….
void tst_TreemapView::treemapShowsOnlyWhatTheTreeShows()
{
    MainWindow window;
    WindowFixture::open(window, m_fixtures + QStringLiteral("/fixture-cache"));
    const auto shownRepos = [&] { return WindowFixture::treemapRepos(*WindowFixture::treemap(window)); };
    QVERIFY(shownRepos().size() >= 5);

    WindowFixture::typeFilter(window)->setCurrentIndex(WindowFixture::typeFilter(window)->findData(int(RepoType::Dataset)));
    QTRY_VERIFY(WindowFixture::treemap(window)->isUpToDate());
    const QSet<QByteArray> datasets = shownRepos();
    QVERIFY(!datasets.isEmpty());
    for (const QByteArray &folder : datasets)
        QVERIFY2(folder.startsWith("datasets--"), folder.constData());
    WindowFixture::typeFilter(window)->setCurrentIndex(0);

    WindowFixture::filterEdit(window)->setText(QStringLiteral("gpt2"));
    QTRY_COMPARE(WindowFixture::proxy(window)->rowCount(), 1);
    QTRY_VERIFY(WindowFixture::treemap(window)->isUpToDate());
    QTRY_COMPARE(shownRepos(), QSet<QByteArray>{"models--gpt2"});
}

// D36: the treemap's keys needed a focus nobody could see, the arrows did nothing and nothing
// said how deep the zoom was.
void tst_TreemapView::treemapFromTheKeyboard()
{
    for (const QSize size : {QSize(800, 600), QSize(1600, 1000)}) {
        MainWindow window;
        WindowFixture::open(window, m_fixture.freshDemo(QStringLiteral("keys-%1").arg(size.width())), size);
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        TreemapView *treemap = WindowFixture::treemap(window);
        auto *breadcrumb = window.findChild<QLabel *>(QStringLiteral("treemapBreadcrumb"));
        QVERIFY(breadcrumb && breadcrumb->isVisible());
        QVERIFY2(breadcrumb->text().contains(QStringLiteral("Whole cache")), qPrintable(breadcrumb->text()));
        treemap->setFocus(Qt::TabFocusReason);
        QVERIFY(treemap->hasFocus());

        // What the treemap selects it says with clicked(), as it does for a click.
        QSignalSpy picked(treemap, &TreemapView::clicked);
        NodeRef selected;
        const auto press = [&](Qt::Key key) {
            picked.clear();
            QTest::keyClick(treemap, key);
            if (!picked.isEmpty())
                selected = picked.last().first().value<NodeRef>();
        };
        // The first arrow selects the biggest repo; the tree follows.
        press(Qt::Key_Right);
        const NodeRef first = selected;
        QCOMPARE(first.kind, NodeRef::Kind::Repo);
        QCOMPARE(window.currentRef(), first);
        // Every repo is reachable: walking right and down from the first one visits them all.
        QSet<QByteArray> visited{first.folderName};
        for (Qt::Key key : {Qt::Key_Right, Qt::Key_Down, Qt::Key_Right, Qt::Key_Down, Qt::Key_Left, Qt::Key_Up, Qt::Key_Right}) {
            press(key);
            visited.insert(selected.folderName);
        }
        QVERIFY2(visited.size() >= 2, qPrintable(QString::number(visited.size())));
        QCOMPARE(window.currentRef(), selected);
        // A move stays on the level: from a repo to a repo, to the side the key says.
        const NodeRef from = selected;
        const QPoint before = WindowFixture::tileCenter(*treemap, from);
        for (Qt::Key key : {Qt::Key_Left, Qt::Key_Right, Qt::Key_Up, Qt::Key_Down}) {
            treemap->setSelected(from);
            selected = from;
            press(key);
            const NodeRef to = selected;
            QCOMPARE(to.kind, NodeRef::Kind::Repo);
            if (to == from)
                continue;  // nothing on that side
            const QPoint after = WindowFixture::tileCenter(*treemap, to);
            if (key == Qt::Key_Left)
                QVERIFY(after.x() < before.x());
            else if (key == Qt::Key_Right)
                QVERIFY(after.x() > before.x());
            else if (key == Qt::Key_Up)
                QVERIFY(after.y() < before.y());
            else
                QVERIFY(after.y() > before.y());
        }

        // + zooms into the selected repo, the breadcrumb says where, Backspace goes back up.
        const NodeRef repo = selected;
        QTest::keyClick(treemap, Qt::Key_Plus);
        QTRY_VERIFY(treemap->isUpToDate());
        QCOMPARE(treemap->zoomRoot(), repo);
        const CachedRepoPtr shown = WindowFixture::model(window)->repoAt(WindowFixture::model(window)->indexOf(repo));
        QVERIFY(shown);
        QVERIFY2(breadcrumb->text().contains(shown->cacheId()), qPrintable(breadcrumb->text()));
        QVERIFY2(breadcrumb->text().contains(QStringLiteral("href=\"cache\"")), qPrintable(breadcrumb->text()));
        // Inside the repo the arrows walk its revisions.
        press(Qt::Key_Down);
        QVERIFY(selected.folderName == repo.folderName);
        QVERIFY(selected.kind != NodeRef::Kind::Repo);
        WindowFixture::saveShot(&window, QStringLiteral("treemap-keyboard-%1x%2.png").arg(size.width()).arg(size.height()));
        QTest::keyClick(treemap, Qt::Key_Backspace);
        QTRY_VERIFY(treemap->isUpToDate());
        QVERIFY(!treemap->zoomRoot().isValid());
        QVERIFY2(breadcrumb->text().contains(QStringLiteral("Whole cache")), qPrintable(breadcrumb->text()));
        QTest::keyClick(treemap, Qt::Key_Plus);
        QTRY_VERIFY(treemap->zoomRoot().isValid());
        QTest::keyClick(treemap, Qt::Key_Escape);
        QVERIFY(!treemap->zoomRoot().isValid());

        // The focus shows: a frame around the treemap that is not there without focus.
        QTRY_VERIFY(treemap->isUpToDate());
        const QImage focused = treemap->grab().toImage();
        WindowFixture::tree(window)->setFocus();
        QVERIFY(!treemap->hasFocus());
        const QImage unfocused = treemap->grab().toImage();
        QVERIFY(focused.pixel(1, treemap->height() / 2) != unfocused.pixel(1, treemap->height() / 2));
    }
}

QTEST_MAIN(tst_TreemapView)
#include "tst_TreemapView.moc"
