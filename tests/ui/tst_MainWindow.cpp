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
#include "common/ActionRegistry.h"
#include "maintain/DeleteConfirmDialog.h"
#include "maintain/DeleteFeature.h"
#include "permissions/LocksPane.h"
#include "permissions/OwnershipPane.h"
#include "permissions/RepairDialog.h"

#include "cache/DemoCache.h"
#include "cache/FixText.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QStyle>
#include <QStyleOptionComboBox>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

using namespace hfcache;

// The window on real caches, offscreen: filter, sort, tree <-> treemap selection, details,
// actions, settings, the missing-cache path, and a live update written by another process;
// what a switch of caches leaves behind, what the context menu acts on, an 800x600 screen,
// the selection kept over a rescan, the tab order.
class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
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
    void actionsFollowSelection();
    void rootChangeResetsSelectionAndPanes();
    void rootChangeClosesPlanDialogs();
    void contextMenuActsOnClickedOrNothing();
    void fitsAnSmallScreen();
    void firstClickOnSizeSortsLargestFirst();
    void detailsFollowTheSelection();
    void tabOrderAndTypeFilter();

private:
    // Runs `inspect` on the popup menu `trigger` opens, then closes it.
    static void withPopupMenu(const std::function<void()> &trigger, const std::function<void(QMenu *)> &inspect);
    static QAction *action(const MainWindow &window, const char *objectName);

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

void tst_MainWindow::init()
{
    // Every test starts as a first run: no window geometry, header state or settings.
    WindowFixture::forgetSettings();
}

void tst_MainWindow::withPopupMenu(const std::function<void()> &trigger, const std::function<void(QMenu *)> &inspect)
{
    bool seen = false;
    QTimer::singleShot(200, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (menu) {
            seen = true;
            inspect(menu);
            menu->close();
        }
    });
    trigger();
    QVERIFY(seen);
}

QAction *tst_MainWindow::action(const MainWindow &window, const char *objectName)
{
    return window.findChild<QAction *>(QLatin1String(objectName));
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
    const NodeRef file = WindowFixture::firstFile(window, repos.at(1)->folderName);
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
    const NodeRef file = WindowFixture::firstFile(window, "models--fixture-org--tiny-model");
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
    const NodeRef file = WindowFixture::firstFile(window, repo->folderName);
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

void tst_MainWindow::actionsFollowSelection()
{
    MainWindow window;
    WindowFixture::open(window, m_fixture.freshDemo(QStringLiteral("actions")));
    auto *exportAction = window.findChild<QAction *>(QStringLiteral("exportAction"));
    auto *deleteAction = window.findChild<QAction *>(QStringLiteral("deleteAction"));
    auto *verifyAction = window.findChild<QAction *>(QStringLiteral("verifyAction"));
    QVERIFY(exportAction && deleteAction && verifyAction);
    QCOMPARE(deleteAction->shortcut(), QKeySequence(QKeySequence::Delete));
    const QList<QAction *> manage = WindowFixture::actions(window)->actions(ActionRegistry::Group::Manage);
    for (QAction *action : {exportAction, deleteAction, verifyAction})
        QVERIFY(manage.contains(action));

    WindowFixture::selectRefs(window, {});
    for (QAction *action : {exportAction, deleteAction, verifyAction})
        QVERIFY(!action->isEnabled());

    const CachedRepoPtr repo = WindowFixture::repoWithRevisions(window, 2);
    QVERIFY(repo);
    WindowFixture::selectRefs(window, {{NodeRef::Kind::Repo, repo->folderName, {}, {}}});
    for (QAction *action : {exportAction, deleteAction, verifyAction})
        QVERIFY(action->isEnabled());
    // The context menu and the Repo menu are filled by the registry; Export… is on the toolbar too.
    QMenu menu;
    WindowFixture::actions(window)->populate(&menu);
    for (QAction *action : {exportAction, deleteAction, verifyAction})
        QVERIFY(menu.actions().contains(action));
    QVERIFY(window.findChild<QToolBar *>(QStringLiteral("mainToolBar"))->actions().contains(exportAction));

    // Two revisions: delete and verify take both, an export names one.
    WindowFixture::selectRefs(window, {{NodeRef::Kind::Revision, repo->folderName, repo->revisions[0].commit, {}},
                        {NodeRef::Kind::Revision, repo->folderName, repo->revisions[1].commit, {}}});
    QCOMPARE(WindowFixture::actions(window)->selection().size(), 2);
    QVERIFY(deleteAction->isEnabled());
    QVERIFY(verifyAction->isEnabled());
    QVERIFY(!exportAction->isEnabled());

    // A file inside a snapshot is none of these.
    QModelIndex index = WindowFixture::model(window)->indexOf({NodeRef::Kind::Revision, repo->folderName, repo->revisions[0].commit, {}});
    while (index.isValid() && WindowFixture::model(window)->nodeRef(index).kind != NodeRef::Kind::File)
        index = WindowFixture::model(window)->index(0, 0, index);
    QVERIFY(index.isValid());
    WindowFixture::selectRefs(window, {WindowFixture::model(window)->nodeRef(index)});
    for (QAction *action : {exportAction, deleteAction, verifyAction})
        QVERIFY(!action->isEnabled());
}

// A6: Delete offered a repo of the new cache and Export exported one of the old cache after
// Open Cache Folder / Open Recent / a second launch: all three end in openRoot().
void tst_MainWindow::rootChangeResetsSelectionAndPanes()
{
    MainWindow window;
    WindowFixture::open(window, m_fixture.freshDemo(QStringLiteral("first")));
    const CachedRepoPtr old = WindowFixture::model(window)->repos().first();
    QVERIFY(window.select({NodeRef::Kind::Repo, old->folderName, {}, {}}));
    QAction *deleteAction = action(window, "deleteAction");
    QAction *exportAction = action(window, "exportAction");
    QVERIFY(deleteAction && exportAction);
    QVERIFY(deleteAction->isEnabled() && exportAction->isEnabled());
    QVERIFY(WindowFixture::detailsText(window).contains(old->repoId));

    // The same folder names in the second cache: nothing may carry over by name either.
    QSignalSpy rootChanged(&window, &MainWindow::rootChanged);
    QSignalSpy finished(&window, &MainWindow::scanFinished);
    const QString second = m_fixture.freshDemo(QStringLiteral("second"));
    window.openRoot(QFile::encodeName(second));
    QCOMPARE(rootChanged.count(), 1);
    // At once, before the new scan has anything.
    QVERIFY(WindowFixture::actions(window)->selection().isEmpty());
    QVERIFY(!deleteAction->isEnabled());
    QVERIFY(!exportAction->isEnabled());
    QVERIFY(!window.currentRef().isValid());
    QVERIFY(!WindowFixture::treemapSelection(*WindowFixture::treemap(window)).isValid());
    QVERIFY(!window.snapshot());
    QVERIFY2(!WindowFixture::detailsText(window).contains(old->repoId), qPrintable(WindowFixture::detailsText(window)));
    auto *ownership = window.findChild<OwnershipPane *>();
    QVERIFY(ownership);
    auto *ownershipTree = window.findChild<QTreeWidget *>(QStringLiteral("ownershipTree"));
    QVERIFY(ownershipTree);
    QCOMPARE(ownershipTree->topLevelItemCount(), 0);
    auto *locks = window.findChild<LocksPane *>();
    QVERIFY(locks);
    QCOMPARE(window.findChild<QTreeWidget *>(QStringLiteral("locksTree"))->topLevelItem(0)->childCount(), 0);  // the lock files

    QVERIFY(finished.wait(20000));
    QVERIFY(WindowFixture::actions(window)->selection().isEmpty());
    QVERIFY(!deleteAction->isEnabled());
    QVERIFY(WindowFixture::detailsText(window).contains(second));
    QTRY_VERIFY_WITH_TIMEOUT(WindowFixture::ownershipAudited(window), 20000);
    QCOMPARE(ownershipTree->topLevelItem(0)->data(OwnershipPane::PathColumn, Qt::UserRole).toByteArray(), QFile::encodeName(second));

    // Open Recent goes the same way.
    QVERIFY(window.select({NodeRef::Kind::Repo, WindowFixture::model(window)->repos().first()->folderName, {}, {}}));
    QVERIFY(deleteAction->isEnabled());
    WindowFixture::recentMenu(window)->aboutToShow();
    QAction *firstRoot = nullptr;
    for (QAction *recent : WindowFixture::recentMenu(window)->actions()) {
        if (recent->text().endsWith(QStringLiteral("/first")))
            firstRoot = recent;
    }
    QVERIFY(firstRoot);
    firstRoot->trigger();
    QVERIFY(WindowFixture::actions(window)->selection().isEmpty());
    QVERIFY(!deleteAction->isEnabled());
    QVERIFY(finished.wait(20000));
}

void tst_MainWindow::rootChangeClosesPlanDialogs()
{
    MainWindow window;
    WindowFixture::open(window, m_fixture.freshDemo(QStringLiteral("dialogs")));
    auto *deleter = window.findChild<DeleteFeature *>();
    QVERIFY(deleter);
    QVERIFY(window.select({NodeRef::Kind::Repo, WindowFixture::model(window)->repos().first()->folderName, {}, {}}));
    QSignalSpy shown(deleter, &DeleteFeature::confirmationShown);
    deleter->action()->trigger();
    QVERIFY(shown.wait(10000));
    QPointer<DeleteConfirmDialog> dialog = WindowFixture::shown<DeleteConfirmDialog>(window, QStringLiteral("deleteConfirmDialog"));
    QVERIFY(dialog && dialog->isVisible());
    QSignalSpy finished(&window, &MainWindow::scanFinished);
    window.openRoot(QFile::encodeName(m_fixtures + QStringLiteral("/fixture-cache")));
    QTRY_VERIFY(!dialog || !dialog->isVisible());  // its plan is about the cache no longer shown
    QVERIFY(finished.wait(20000));
}

void tst_MainWindow::contextMenuActsOnClickedOrNothing()
{
    MainWindow window;
    WindowFixture::open(window, m_fixture.freshDemo(QStringLiteral("menu")));
    QAction *deleteAction = action(window, "deleteAction");
    const QList<CachedRepoPtr> repos = WindowFixture::model(window)->repos();
    // A repo selected in the tree, then a file tile of another repo whose row the filter hides.
    const CachedRepoPtr selected = repos.at(0);
    const CachedRepoPtr other = repos.at(1);
    const NodeRef hiddenFile = WindowFixture::firstFile(window, other->folderName);
    QVERIFY(hiddenFile.isValid());
    const QString needle = QFile::decodeName(other->folderName).section(QStringLiteral("--"), -1);
    WindowFixture::filterEdit(window)->setText(needle);  // matches the repo by name: all its files stay below
    QTRY_VERIFY(WindowFixture::proxy(window)->rowCount() >= 1);
    QTRY_VERIFY(WindowFixture::treemap(window)->isUpToDate());
    WindowFixture::filterEdit(window)->clear();
    QTRY_COMPARE(WindowFixture::proxy(window)->rowCount(), repos.size());
    QTRY_VERIFY(WindowFixture::treemap(window)->isUpToDate());

    // Hide the file's row only: a filter on the name of another file of that revision.
    QString otherFile;
    const CachedRevision *revision = other->revision(hiddenFile.commit);
    QVERIFY(revision);
    for (const SnapshotEntry &entry : revision->entries) {
        if (entry.kind != SnapshotEntry::Kind::Directory && entry.path != hiddenFile.path)
            otherFile = QFile::decodeName(entry.path);
    }
    QVERIFY(!otherFile.isEmpty());
    QVERIFY(window.select({NodeRef::Kind::Repo, selected->folderName, {}, {}}));
    QVERIFY(deleteAction->isEnabled());
    WindowFixture::filterEdit(window)->setText(otherFile);
    QTRY_VERIFY(!WindowFixture::proxy(window)->mapFromSource(WindowFixture::model(window)->indexOf(hiddenFile)).isValid());
    QTRY_VERIFY(WindowFixture::treemap(window)->isUpToDate());
    const QPoint tile = WindowFixture::tileCenter(*WindowFixture::treemap(window), hiddenFile);
    if (tile.x() >= 0) {  // shown as a tile: clicking it must not act on the old selection
        withPopupMenu([&] { Q_EMIT WindowFixture::treemap(window)->customContextMenuRequested(tile); },
                      [&](QMenu *menu) { QVERIFY(!menu->actions().contains(deleteAction)); });
        QVERIFY(WindowFixture::actions(window)->selection().isEmpty());
        QVERIFY(!deleteAction->isEnabled());
    }

    // A right-click on a shown tile acts on that tile.
    WindowFixture::filterEdit(window)->clear();
    QTRY_COMPARE(WindowFixture::proxy(window)->rowCount(), repos.size());
    QTRY_VERIFY(WindowFixture::treemap(window)->isUpToDate());
    const NodeRef shownFile = WindowFixture::firstFile(window, other->folderName);
    const QPoint shownTile = WindowFixture::tileCenter(*WindowFixture::treemap(window), shownFile);
    QVERIFY(shownTile.x() >= 0);
    withPopupMenu([&] { Q_EMIT WindowFixture::treemap(window)->customContextMenuRequested(shownTile); }, [](QMenu *) {});
    QCOMPARE(window.currentRef().folderName, other->folderName);

    // A right-click on the empty part of the tree acts on nothing.
    QVERIFY(window.select({NodeRef::Kind::Repo, selected->folderName, {}, {}}));
    const QPoint empty(10, WindowFixture::tree(window)->viewport()->height() - 5);
    QVERIFY(!WindowFixture::tree(window)->indexAt(empty).isValid());
    withPopupMenu([&] { Q_EMIT WindowFixture::tree(window)->customContextMenuRequested(empty); },
                  [&](QMenu *menu) { QVERIFY(!menu->actions().contains(deleteAction)); });
    QVERIFY(WindowFixture::actions(window)->selection().isEmpty());
}

// D29: the first-run window did not fit 800x600, Export hid behind the chevron, the Repair
// dialog opened 900 px wide.
void tst_MainWindow::fitsAnSmallScreen()
{
    MainWindow window;
    QVERIFY2(window.minimumSizeHint().width() <= 800, qPrintable(QString::number(window.minimumSizeHint().width())));
    QVERIFY(window.minimumSizeHint().height() <= 600);
    WindowFixture::open(window, m_fixture.freshDemo(QStringLiteral("small")), {800, 600});
    QCOMPARE(window.width(), 800);
    QVERIFY(window.select({NodeRef::Kind::Repo, WindowFixture::model(window)->repos().first()->folderName, {}, {}}));
    auto *bar = window.findChild<QToolBar *>(QStringLiteral("mainToolBar"));
    QVERIFY(bar);
    QAction *exportAction = action(window, "exportAction");
    QWidget *exportButton = bar->widgetForAction(exportAction);
    QVERIFY(exportButton);
    QVERIFY(exportButton->isVisible());
    QVERIFY(bar->rect().contains(exportButton->geometry()));

    // What says whether a repo is well comes right after its size: on screen at 800 px.
    QHeaderView *header = WindowFixture::tree(window)->header();
    for (int column : {int(CacheTreeModel::NameColumn), int(CacheTreeModel::SizeOnDiskColumn), int(CacheTreeModel::StatusColumn)}) {
        QVERIFY(!header->isSectionHidden(column));
        QVERIFY2(header->sectionViewportPosition(column) + header->sectionSize(column) <= WindowFixture::tree(window)->viewport()->width(),
                 qPrintable(QString::number(column)));
    }
    // "a few seconds ago" is not cut.
    QVERIFY(header->sectionSize(CacheTreeModel::LastAccessedColumn)
            > WindowFixture::tree(window)->fontMetrics().horizontalAdvance(QStringLiteral("a few seconds ago")));
    WindowFixture::saveShot(&window, QStringLiteral("window-800x600.png"));

    action(window, "repairAction")->trigger();
    RepairDialog *repair = nullptr;
    QTRY_VERIFY((repair = window.findChild<RepairDialog *>()) && repair->isVisible());
    QVERIFY2(repair->width() <= 800, qPrintable(QString::number(repair->width())));
    repair->close();
}

// D36: QDirStat and Filelight start with the largest; so does a first click on a size column.
void tst_MainWindow::firstClickOnSizeSortsLargestFirst()
{
    MainWindow window;
    WindowFixture::open(window, m_fixtures + QStringLiteral("/fixture-cache"));
    QHeaderView *header = WindowFixture::tree(window)->header();
    const auto click = [&](int column) {
        const int x = header->sectionViewportPosition(column) + header->sectionSize(column) / 2;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    };
    for (int column : {int(CacheTreeModel::SizeOnDiskColumn), int(CacheTreeModel::ApparentSizeColumn)}) {
        click(CacheTreeModel::NameColumn);  // names go A to Z first
        QCOMPARE(header->sortIndicatorSection(), int(CacheTreeModel::NameColumn));
        QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
        click(column);
        QCOMPARE(header->sortIndicatorSection(), column);
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        const quint64 first = WindowFixture::proxy(window)->index(0, column).data(CacheTreeModel::SortRole).toULongLong();
        for (int row = 1; row < WindowFixture::proxy(window)->rowCount(); ++row)
            QVERIFY(first >= WindowFixture::proxy(window)->index(row, column).data(CacheTreeModel::SortRole).toULongLong());
    }
}

// D36: details of a row nobody selected at start-up; F5, a fetch and a repair (all rescans of
// the same root) dropped the selection.
void tst_MainWindow::detailsFollowTheSelection()
{
    MainWindow window;
    const QString root = m_fixture.freshDemo(QStringLiteral("follow"));
    WindowFixture::open(window, root);
    // Focus makes the first row current without selecting it: the details stay on the cache.
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    WindowFixture::tree(window)->setFocus();
    WindowFixture::tree(window)->setCurrentIndex(WindowFixture::proxy(window)->index(0, 0));
    WindowFixture::tree(window)->selectionModel()->clearSelection();
    QVERIFY(WindowFixture::tree(window)->currentIndex().isValid());
    QVERIFY(WindowFixture::actions(window)->selection().isEmpty());
    QVERIFY2(WindowFixture::detailsText(window).contains(QStringLiteral("Hugging Face cache")), qPrintable(WindowFixture::detailsText(window)));
    QVERIFY(!window.currentRef().isValid());

    const CachedRepoPtr repo = WindowFixture::model(window)->repos().last();
    const NodeRef revision{NodeRef::Kind::Revision, repo->folderName, repo->revisions.first().commit, {}};
    QVERIFY(window.select(revision));
    QSignalSpy finished(&window, &MainWindow::scanFinished);
    QTest::keyClick(WindowFixture::tree(window), Qt::Key_F5);
    QVERIFY(finished.wait(20000));
    QCOMPARE(window.currentRef(), revision);
    QCOMPARE(WindowFixture::actions(window)->selection().size(), 1);
    QCOMPARE(WindowFixture::actions(window)->selection().first().ref, revision);
    QVERIFY(WindowFixture::detailsText(window).contains(QString::fromLatin1(revision.commit)));
}

// D36: Tab went from the tree to the treemap, the panes, and only then to the filters above the
// tree; the type filter showed "Dat…ets".
void tst_MainWindow::tabOrderAndTypeFilter()
{
    for (const QSize size : {QSize(800, 600), QSize(1600, 1000)}) {
        MainWindow window;
        WindowFixture::open(window, m_fixture.freshDemo(QStringLiteral("tab-%1").arg(size.width())), size);
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *filter = window.findChild<QLineEdit *>(QStringLiteral("filter"));
        auto *types = window.findChild<QComboBox *>(QStringLiteral("typeFilter"));
        QVERIFY(filter && types);

        // Every entry fits: the combo is as wide as it asks to be, and visible (not behind the
        // toolbar's chevron).
        QVERIFY(types->isVisible());
        QVERIFY2(types->width() >= types->sizeHint().width(),
                 qPrintable(QStringLiteral("%1 < %2").arg(types->width()).arg(types->sizeHint().width())));
        const int datasets = types->findText(QStringLiteral("Datasets"));
        QVERIFY(datasets >= 0);
        types->setCurrentIndex(datasets);
        QStyleOptionComboBox option;
        option.initFrom(types);
        option.editable = false;
        const QRect text = types->style()->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, types);
        QVERIFY2(text.width() >= types->fontMetrics().horizontalAdvance(QStringLiteral("Datasets")) + types->iconSize().width(),
                 qPrintable(QStringLiteral("%1 px for the text").arg(text.width())));
        types->setCurrentIndex(0);

        // Tab from the filter: the type filter, the tree, the details, the treemap, then the panes.
        filter->setFocus(Qt::TabFocusReason);
        QList<QWidget *> stops{QApplication::focusWidget()};
        for (int i = 0; i < 4; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            stops << QApplication::focusWidget();
        }
        const QList<QWidget *> expected{filter, types, WindowFixture::tree(window), WindowFixture::details(window), WindowFixture::treemap(window)};
        for (int i = 0; i < expected.size(); ++i)
            QVERIFY2(stops.at(i) == expected.at(i),
                     qPrintable(QStringLiteral("stop %1 is %2").arg(i).arg(stops.at(i) ? stops.at(i)->metaObject()->className() : "none")));
        WindowFixture::saveShot(&window, QStringLiteral("type-filter-%1x%2.png").arg(size.width()).arg(size.height()));
    }
}

QTEST_MAIN(tst_MainWindow)
#include "tst_MainWindow.moc"
