// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "support/TestSupport.h"
#include "WindowFixture.h"

#include "browser/CacheFilterModel.h"
#include "browser/CacheTreeModel.h"
#include "browser/CacheWatcher.h"
#include "browser/CacheStatusBar.h"
#include "browser/DetailsPane.h"
#include "app/MainWindow.h"
#include "browser/TreemapView.h"

#include "cache/DemoCache.h"
#include "cache/FixText.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace hfcache;

// The window on real caches, offscreen: filter, sort, tree <-> treemap selection, details,
// actions, settings, the missing-cache path, and a live update written by another process.
class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void filterByTextAndType();
    void sortByHeader();
    void selectionSyncBothWays();
    void detailsOfFileAndFindings();
    void itemActions();
    void enterOpensDetails();
    void columnsPersist();
    void missingRootOffersDemo();
    void cancelKeepsWhatWasFound();
    void accessibleNames();
    void statusBarProgress();
    void liveUpdateFromAnotherProcess();

private:
    static NodeRef firstFile(const MainWindow &window, const QByteArray &folderName);

    WindowFixture m_fixture;
    QString m_fixtures;
    QString m_demo;
};

void tst_MainWindow::initTestCase()
{
    m_fixture.setUp(QStringLiteral("tst_MainWindow"));
    QDir(QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + QStringLiteral("/hfcache")).removeRecursively();
    QFile::remove(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral(".conf"));
    m_fixtures = TestSupport::extractFixtures(m_fixture.tmp());
    QVERIFY(!m_fixtures.isEmpty());
    m_demo = m_fixture.tmp().filePath(QStringLiteral("demo"));
    QString error;
    QVERIFY2(DemoCache::write(QFile::encodeName(m_demo), &error), qPrintable(error));
}

NodeRef tst_MainWindow::firstFile(const MainWindow &window, const QByteArray &folderName)
{
    const CacheTreeModel *model = WindowFixture::model(window);
    QModelIndex index = model->indexOf({NodeRef::Kind::Repo, folderName, {}, {}});
    while (index.isValid() && model->nodeRef(index).kind != NodeRef::Kind::File)
        index = model->index(0, 0, index);
    return model->nodeRef(index);
}

void tst_MainWindow::filterByTextAndType()
{
    MainWindow window;
    WindowFixture::open(window, m_fixtures + QStringLiteral("/fixture-cache"));
    const int all = WindowFixture::proxy(window)->rowCount();
    QVERIFY(all >= 5);

    // Ctrl+F reaches the filter box from anywhere in the window.
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    WindowFixture::tree(window)->setFocus();
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(WindowFixture::filterEdit(window)->hasFocus());
    QTest::keyClicks(WindowFixture::filterEdit(window), QStringLiteral("gpt2"));
    QTRY_COMPARE(WindowFixture::proxy(window)->rowCount(), 1);
    QCOMPARE(WindowFixture::proxy(window)->index(0, 0).data().toString(), QStringLiteral("gpt2"));
    WindowFixture::filterEdit(window)->clear();
    QTRY_COMPARE(WindowFixture::proxy(window)->rowCount(), all);

    WindowFixture::typeFilter(window)->setCurrentIndex(WindowFixture::typeFilter(window)->findData(int(RepoType::Dataset)));
    QVERIFY(WindowFixture::proxy(window)->rowCount() >= 1);
    QVERIFY(WindowFixture::proxy(window)->rowCount() < all);
    for (int row = 0; row < WindowFixture::proxy(window)->rowCount(); ++row)
        QCOMPARE(WindowFixture::proxy(window)->index(row, 0).data(CacheTreeModel::RepoTypeRole).toInt(), int(RepoType::Dataset));
    WindowFixture::typeFilter(window)->setCurrentIndex(0);
    QCOMPARE(WindowFixture::proxy(window)->rowCount(), all);
}

void tst_MainWindow::sortByHeader()
{
    MainWindow window;
    WindowFixture::open(window, m_fixtures + QStringLiteral("/fixture-cache"));
    QHeaderView *header = WindowFixture::tree(window)->header();
    const auto column = [&](int c) {
        QList<QVariant> values;
        for (int row = 0; row < WindowFixture::proxy(window)->rowCount(); ++row)
            values << WindowFixture::proxy(window)->index(row, c).data(CacheTreeModel::SortRole);
        return values;
    };
    // A click on the Name header sorts by name; a second click reverses it.
    const int x = header->sectionViewportPosition(CacheTreeModel::NameColumn) + 20;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    const Qt::SortOrder first = header->sortIndicatorOrder();
    QCOMPARE(header->sortIndicatorSection(), int(CacheTreeModel::NameColumn));
    QList<QVariant> names = column(CacheTreeModel::NameColumn);
    for (int i = 1; i < names.size(); ++i) {
        const bool ordered = first == Qt::AscendingOrder ? names[i - 1].toString() <= names[i].toString()
                                                         : names[i - 1].toString() >= names[i].toString();
        QVERIFY(ordered);
    }
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    QVERIFY(header->sortIndicatorOrder() != first);

    WindowFixture::tree(window)->sortByColumn(CacheTreeModel::SizeOnDiskColumn, Qt::DescendingOrder);
    const QList<QVariant> sizes = column(CacheTreeModel::SizeOnDiskColumn);
    for (int i = 1; i < sizes.size(); ++i)
        QVERIFY(sizes[i - 1].toULongLong() >= sizes[i].toULongLong());
}

void tst_MainWindow::selectionSyncBothWays()
{
    MainWindow window;
    WindowFixture::open(window, m_demo);
    const QList<CachedRepoPtr> repos = WindowFixture::model(window)->repos();
    QCOMPARE(repos.size(), 3);

    // Tree -> treemap.
    const NodeRef repo{NodeRef::Kind::Repo, repos.at(0)->folderName, {}, {}};
    window.select(repo);
    QCOMPARE(window.currentRef(), repo);
    QCOMPARE(WindowFixture::treemapSelection(*WindowFixture::treemap(window)), repo);

    // Treemap -> tree: a click on a file tile of another repo selects that file row.
    const NodeRef file = firstFile(window, repos.at(1)->folderName);
    QVERIFY(file.isValid());
    const QPoint center = WindowFixture::tileCenter(*WindowFixture::treemap(window), file);
    QVERIFY(center.x() >= 0);
    const NodeRef clicked = WindowFixture::treemap(window)->refAt(center);
    QCOMPARE(clicked.folderName, file.folderName);
    QTest::mouseClick(WindowFixture::treemap(window), Qt::LeftButton, {}, center);
    QCOMPARE(window.currentRef(), clicked);
    QCOMPARE(WindowFixture::treemapSelection(*WindowFixture::treemap(window)), clicked);
    QVERIFY(WindowFixture::tree(window)->isExpanded(WindowFixture::tree(window)->currentIndex().parent()));

    // Double-click zooms in to the repo; Backspace zooms out again.
    QSignalSpy zoomed(WindowFixture::treemap(window), &TreemapView::zoomRootChanged);
    QTest::mouseDClick(WindowFixture::treemap(window), Qt::LeftButton, {}, center);
    QCOMPARE(zoomed.count(), 1);
    QCOMPARE(WindowFixture::treemap(window)->zoomRoot().kind, NodeRef::Kind::Repo);
    QCOMPARE(WindowFixture::treemap(window)->zoomRoot().folderName, file.folderName);
    QTRY_VERIFY(WindowFixture::treemap(window)->isUpToDate());
    QTest::keyClick(WindowFixture::treemap(window), Qt::Key_Backspace);
    QCOMPARE(WindowFixture::treemap(window)->zoomRoot().kind, NodeRef::Kind::None);
}

void tst_MainWindow::detailsOfFileAndFindings()
{
    MainWindow window;
    WindowFixture::open(window, m_fixtures + QStringLiteral("/fixture-cache"));
    const CacheTreeModel *model = WindowFixture::model(window);
    const NodeRef file = firstFile(window, "models--fixture-org--tiny-model");
    QVERIFY(file.isValid());
    window.select(file);
    const QModelIndex index = model->indexOf(file);
    const CachedRepoPtr repo = model->repoAt(index);
    const SnapshotEntry *entry = model->entryAt(index);
    QVERIFY(entry);
    const QString text = WindowFixture::detailsText(window);
    QVERIFY2(text.contains(QString::fromUtf8(model->absolutePath(index))), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Link target")));
    QVERIFY(text.contains(QString::fromUtf8(repo->linkTarget(*entry))));
    QVERIFY(text.contains(QString::fromLatin1(repo->blobs.at(entry->blobIndex).name)));
    QVERIFY(text.contains(QString::fromLatin1(file.commit)));

    // A repo with findings lists each with its explanation and the fix.
    CachedRepoPtr withFindings;
    for (const CachedRepoPtr &r : model->repos()) {
        if (!r->findings.isEmpty())
            withFindings = r;
    }
    QVERIFY(withFindings);
    window.select({NodeRef::Kind::Repo, withFindings->folderName, {}, {}});
    const QString repoText = WindowFixture::detailsText(window);
    QVERIFY(repoText.contains(withFindings->repoId));
    for (const Finding &finding : withFindings->findings) {
        QVERIFY2(repoText.contains(findingCodeName(finding.code)), qPrintable(findingCodeName(finding.code)));
        QVERIFY(repoText.contains(finding.message));
        if (!finding.fix.isEmpty())
            QVERIFY(repoText.contains(FixText::prose(finding.fix)));
    }
    QVERIFY(repoText.contains(QStringLiteral("Refs")));
}

void tst_MainWindow::itemActions()
{
    MainWindow window;
    WindowFixture::open(window, m_demo);
    ActionRegistry *actions = WindowFixture::actions(window);
    WindowFixture::tree(window)->clearSelection();
    WindowFixture::tree(window)->setCurrentIndex({});
    QAction *copyPath = nullptr;
    QAction *copyId = nullptr;
    for (QAction *action : actions->actions(ActionRegistry::Group::Copy)) {
        if (action->text().contains(QStringLiteral("Path")))
            copyPath = action;
        else
            copyId = action;
    }
    QVERIFY(copyPath && copyId);
    QVERIFY(!copyPath->isEnabled());  // nothing selected
    for (QAction *action : actions->actions(ActionRegistry::Group::View))
        QVERIFY(action->isEnabled());  // Refresh

    const CachedRepoPtr repo = WindowFixture::model(window)->repos().first();
    const NodeRef file = firstFile(window, repo->folderName);
    window.select(file);
    QVERIFY(copyPath->isEnabled());
    copyPath->trigger();
    QCOMPARE(QApplication::clipboard()->text(),
             QFile::decodeName(repo->snapshotPath(*repo->revision(file.commit)) + '/' + file.path));
    copyId->trigger();
    QCOMPARE(QApplication::clipboard()->text(), repo->repoId + QLatin1Char('@') + QString::fromLatin1(file.commit));

    // Later features register their actions for a kind of item; they show up in the menu.
    QAction exportAction(QStringLiteral("Export…"));
    actions->add(&exportAction, ActionRegistry::Revision, ActionRegistry::Group::Manage);
    QVERIFY(!exportAction.isEnabled());
    window.select({NodeRef::Kind::Revision, file.folderName, file.commit, {}});
    QVERIFY(exportAction.isEnabled());
    QCOMPARE(actions->selection().size(), 1);
    QCOMPARE(actions->selection().first().ref.commit, file.commit);
}

void tst_MainWindow::enterOpensDetails()
{
    MainWindow window;
    WindowFixture::open(window, m_demo);
    WindowFixture::details(window)->hide();
    window.select({NodeRef::Kind::Repo, WindowFixture::model(window)->repos().first()->folderName, {}, {}});
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    WindowFixture::tree(window)->setFocus();
    QTest::keyClick(WindowFixture::tree(window), Qt::Key_Return);
    QTRY_VERIFY(WindowFixture::details(window)->isVisible());
    QVERIFY(WindowFixture::detailsText(window).contains(WindowFixture::model(window)->repos().first()->repoId));
}

void tst_MainWindow::columnsPersist()
{
    {
        MainWindow window;
        WindowFixture::open(window, m_demo);
        WindowFixture::tree(window)->header()->setSectionHidden(CacheTreeModel::OwnerColumn, true);
        WindowFixture::tree(window)->header()->moveSection(WindowFixture::tree(window)->header()->visualIndex(CacheTreeModel::StatusColumn), 1);
        window.close();
    }
    MainWindow again;
    QVERIFY(WindowFixture::tree(again)->header()->isSectionHidden(CacheTreeModel::OwnerColumn));
    QCOMPARE(WindowFixture::tree(again)->header()->visualIndex(CacheTreeModel::StatusColumn), 1);
    WindowFixture::tree(again)->header()->setSectionHidden(CacheTreeModel::OwnerColumn, false);
    WindowFixture::tree(again)->header()->moveSection(1, WindowFixture::tree(again)->header()->count() - 1);
    again.close();
}

void tst_MainWindow::missingRootOffersDemo()
{
    MainWindow window;
    QSignalSpy finished(&window, &MainWindow::scanFinished);
    window.show();
    window.openRoot(QFile::encodeName(m_fixture.tmp().filePath(QStringLiteral("no such cache"))));
    QVERIFY(finished.wait(10000));
    QVERIFY2(WindowFixture::bannerText(window).contains(QStringLiteral("demo cache")), qPrintable(WindowFixture::bannerText(window)));
    QVERIFY(WindowFixture::bannerText(window).contains(QStringLiteral("no such cache")));
    QCOMPARE(WindowFixture::model(window)->repoCount(), 0);

    // An empty folder says the same.
    QVERIFY(QDir(m_fixture.tmp().path()).mkpath(QStringLiteral("empty")));
    window.openRoot(QFile::encodeName(m_fixture.tmp().filePath(QStringLiteral("empty"))));
    QVERIFY(finished.wait(10000));
    QVERIFY(WindowFixture::bannerText(window).contains(QStringLiteral("demo cache")));

    window.openDemoCache();
    QVERIFY(finished.wait(20000));
    QCOMPARE(window.root(), MainWindow::demoCacheDir());
    QCOMPARE(WindowFixture::model(window)->repoCount(), 3);
    QVERIFY2(WindowFixture::bannerText(window).contains(QStringLiteral("This is the demo cache")), qPrintable(WindowFixture::bannerText(window)));
}

void tst_MainWindow::cancelKeepsWhatWasFound()
{
    MainWindow window;
    QSignalSpy finished(&window, &MainWindow::scanFinished);
    window.show();
    window.openRoot(QFile::encodeName(m_fixtures + QStringLiteral("/fixture-cache")));
    auto *cancel = WindowFixture::cacheStatusBar(window)->findChild<QToolButton *>(QStringLiteral("cancelScan"));
    QVERIFY(cancel && cancel->isVisibleTo(&window));  // scanning
    // Cancel before the first batch: nothing arrives afterwards, the window says what happened.
    QMetaObject::invokeMethod(WindowFixture::cacheStatusBar(window), &CacheStatusBar::cancelRequested);
    QVERIFY(!cancel->isVisibleTo(&window));
    QVERIFY2(WindowFixture::cacheStatusBar(window)->findChild<QLabel *>(QStringLiteral("scanState"))->text().contains(QStringLiteral("cancelled")),
             qPrintable(WindowFixture::cacheStatusBar(window)->findChild<QLabel *>(QStringLiteral("scanState"))->text()));
    QVERIFY(!finished.wait(500));
    QCOMPARE(WindowFixture::model(window)->repoCount(), 0);
    // F5 scans again.
    window.refresh();
    QVERIFY(finished.wait(20000));
    QVERIFY(WindowFixture::model(window)->repoCount() > 0);
}

void tst_MainWindow::accessibleNames()
{
    MainWindow window;
    const QList<QWidget *> widgets{WindowFixture::tree(window), WindowFixture::treemap(window), WindowFixture::details(window), WindowFixture::filterEdit(window),
                                   WindowFixture::typeFilter(window), WindowFixture::cacheStatusBar(window)};
    for (QWidget *widget : widgets)
        QVERIFY2(!widget->accessibleName().isEmpty(), widget->metaObject()->className());
    // Every action can be reached by keyboard or menu and has a name a screen reader can say.
    for (QAction *action : window.findChildren<QAction *>(Qt::FindDirectChildrenOnly)) {
        if (!action->isSeparator() && !action->menu())
            QVERIFY(!action->text().isEmpty());
    }
}

void tst_MainWindow::statusBarProgress()
{
    CacheStatusBar bar;
    bar.setScanning(5);
    QCOMPARE(bar.findChild<QLabel *>(QStringLiteral("scanState"))->text(), QStringLiteral("Scanning… 5 repo(s) so far"));
    bar.setExpectedRepos(2000);
    bar.setScanning(120);
    QCOMPARE(bar.findChild<QLabel *>(QStringLiteral("scanState"))->text(), QStringLiteral("Scanning… 120 of 2,000 repo(s)"));
    bar.setTotals(1, 4600000);
    bar.setIdle(QStringLiteral("Ready"));
    QCOMPARE(bar.findChild<QLabel *>(QStringLiteral("scanState"))->text(), QStringLiteral("Ready"));
}

void tst_MainWindow::liveUpdateFromAnotherProcess()
{
    const QString root = m_fixture.tmp().filePath(QStringLiteral("live"));
    QString error;
    QVERIFY2(DemoCache::write(QFile::encodeName(root), &error), qPrintable(error));
    MainWindow window;
    WindowFixture::open(window, root);
    const CachedRepoPtr repo = WindowFixture::model(window)->repos().first();
    const QByteArray commit = repo->revisions.first().commit;
    const QModelIndex repoIndex = WindowFixture::model(window)->indexOf({NodeRef::Kind::Repo, repo->folderName, {}, {}});
    WindowFixture::tree(window)->expand(WindowFixture::proxy(window)->mapFromSource(repoIndex));  // rows below must follow too

    // What huggingface_hub does when a download finishes: blob, then the snapshot link and
    // refs; plus a second repo appearing from nothing.
    const QString script = QStringLiteral(
        "set -e\n"
        "cd \"$1\"\n"
        "printf 'hello from another process' > \"$2/blobs/$3.incomplete\"\n"
        "mv \"$2/blobs/$3.incomplete\" \"$2/blobs/$3\"\n"
        "ln -s ../../blobs/$3 \"$2/snapshots/$4/added.txt\"\n"
        "mkdir -p models--live--fresh/blobs models--live--fresh/refs models--live--fresh/snapshots/$4\n"
        "printf 'x' > models--live--fresh/blobs/$3\n"
        "ln -s ../../blobs/$3 models--live--fresh/snapshots/$4/weights.bin\n"
        "printf '%s' $4 > models--live--fresh/refs/main\n");
    const QString blob = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
    QByteArray out, err;
    QCOMPARE(TestSupport::runProgram(QStringLiteral("/bin/sh"),
                                     {QStringLiteral("-c"), script, QStringLiteral("sh"), root,
                                      QFile::decodeName(repo->folderName), blob, QString::fromLatin1(commit)},
                                     &out, &err),
             0);
    const NodeRef added{NodeRef::Kind::File, repo->folderName, commit, "added.txt"};
    QTRY_VERIFY_WITH_TIMEOUT(WindowFixture::model(window)->indexOf(added).isValid(), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(WindowFixture::model(window)->indexOf({NodeRef::Kind::Repo, "models--live--fresh", {}, {}}).isValid(), 15000);
    QCOMPARE(WindowFixture::model(window)->repoCount(), 4);
    QVERIFY(WindowFixture::cacheStatusBar(window)->findChild<QLabel *>(QStringLiteral("scanState"))->text().startsWith(QStringLiteral("Scanned")));
    QTRY_VERIFY(WindowFixture::cacheStatusBar(window)->findChild<QLabel *>(QStringLiteral("freeSpace"))->text().contains(QStringLiteral(" free of ")));
    QTRY_VERIFY(!WindowFixture::cacheStatusBar(window)->findChild<QLabel *>(QStringLiteral("filesystem"))->text().isEmpty());  // the cache's filesystem type, e.g. ext4
    QVERIFY(WindowFixture::cacheStatusBar(window)->findChild<QLabel *>(QStringLiteral("filesystem"))->toolTip().contains(QStringLiteral("lock")));

    // And a repo deleted by another process goes away.
    QCOMPARE(TestSupport::runProgram(QStringLiteral("/bin/rm"), {QStringLiteral("-rf"), root + QStringLiteral("/models--live--fresh")}), 0);
    QTRY_COMPARE_WITH_TIMEOUT(WindowFixture::model(window)->repoCount(), 3, 15000);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_MainWindow.moc"
