// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
//
// The window's defects an outside audit found (issue 15: A6, D29-D36), each driven through the
// real window offscreen: what a switch of caches leaves behind, what the treemap and the context
// menu act on, an 800x600 screen, a missing file manager, Settings' shortcut, Prune's summary.
#include "support/TestSupport.h"
#include "WindowFixture.h"

#include "maintain/DeleteFeature.h"
#include "preferences/PreferencesFeature.h"
#include "maintain/PruneFeature.h"
#include "maintain/VerifyFeature.h"
#include "maintain/VerifyResultsDialog.h"
#include "maintain/DeleteConfirmDialog.h"
#include "maintain/PruneDialog.h"
#include "preferences/SettingsDialog.h"
#include "common/AppSettings.h"
#include "browser/CacheFilterModel.h"
#include "browser/CacheTreeModel.h"
#include "browser/DetailsPane.h"
#include "permissions/LocksPane.h"
#include "app/MainWindow.h"
#include "permissions/OwnershipPane.h"
#include "permissions/RepairDialog.h"
#include "browser/TreemapView.h"

#include "cache/DemoCache.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTextBlock>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>

using namespace hfcache;

class tst_MainWindowBehaviour : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void rootChangeResetsSelectionAndPanes();
    void rootChangeClosesPlanDialogs();
    void treemapShowsOnlyWhatTheTreeShows();
    void contextMenuActsOnClickedOrNothing();
    void fitsAnSmallScreen();
    void detailsElideInsteadOfBreakingWords();
    void openFolderWithoutFileManagerSaysSo();
    void settingsShortcutAndConfiguredCaches();
    void pruneShowsSummary();
    void firstClickOnSizeSortsLargestFirst();
    void detailsFollowTheSelection();
    void verifyProgressAndResultsReadable();

private:
    static NodeRef firstFile(const MainWindow &window, const QByteArray &folderName);
    // Runs `inspect` on the popup menu `trigger` opens, then closes it.
    static void withPopupMenu(const std::function<void()> &trigger, const std::function<void(QMenu *)> &inspect);
    static QAction *action(const MainWindow &window, const char *objectName);

    WindowFixture m_fixture;
    QString m_fixtures;
};

void tst_MainWindowBehaviour::initTestCase()
{
    m_fixture.setUp(QStringLiteral("tst_MainWindowBehaviour"));
    m_fixtures = TestSupport::extractFixtures(m_fixture.tmp());
    QVERIFY(!m_fixtures.isEmpty());
}

void tst_MainWindowBehaviour::init()
{
    // Every test starts as a first run: no window geometry, header state or settings.
    WindowFixture::forgetSettings();
}

NodeRef tst_MainWindowBehaviour::firstFile(const MainWindow &window, const QByteArray &folderName)
{
    const CacheTreeModel *model = WindowFixture::model(window);
    QModelIndex index = model->indexOf({NodeRef::Kind::Repo, folderName, {}, {}});
    while (index.isValid() && model->nodeRef(index).kind != NodeRef::Kind::File)
        index = model->index(0, 0, index);
    return model->nodeRef(index);
}

void tst_MainWindowBehaviour::withPopupMenu(const std::function<void()> &trigger, const std::function<void(QMenu *)> &inspect)
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

QAction *tst_MainWindowBehaviour::action(const MainWindow &window, const char *objectName)
{
    return window.findChild<QAction *>(QLatin1String(objectName));
}

// A6: Delete offered a repo of the new cache and Export exported one of the old cache after
// Open Cache Folder / Open Recent / a second launch: all three end in openRoot().
void tst_MainWindowBehaviour::rootChangeResetsSelectionAndPanes()
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

void tst_MainWindowBehaviour::rootChangeClosesPlanDialogs()
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

// A6: right-clicking a tile whose row the filter hides kept the old selection for Delete….
void tst_MainWindowBehaviour::treemapShowsOnlyWhatTheTreeShows()
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

void tst_MainWindowBehaviour::contextMenuActsOnClickedOrNothing()
{
    MainWindow window;
    WindowFixture::open(window, m_fixture.freshDemo(QStringLiteral("menu")));
    QAction *deleteAction = action(window, "deleteAction");
    const QList<CachedRepoPtr> repos = WindowFixture::model(window)->repos();
    // A repo selected in the tree, then a file tile of another repo whose row the filter hides.
    const CachedRepoPtr selected = repos.at(0);
    const CachedRepoPtr other = repos.at(1);
    const NodeRef hiddenFile = firstFile(window, other->folderName);
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
    const NodeRef shownFile = firstFile(window, other->folderName);
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
void tst_MainWindowBehaviour::fitsAnSmallScreen()
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

// D29: "model.safetenso rs", ".ca/che/": the details pane broke inside words.
void tst_MainWindowBehaviour::detailsElideInsteadOfBreakingWords()
{
    MainWindow window;
    WindowFixture::open(window, m_fixtures + QStringLiteral("/fixture-cache"), {800, 600});
    const NodeRef file = firstFile(window, "models--fixture-org--tiny-model");
    QVERIFY(window.select(file));
    DetailsPane *details = WindowFixture::details(window);
    const QByteArray fullPath = WindowFixture::model(window)->absolutePath(WindowFixture::model(window)->indexOf(file));
    QVERIFY(WindowFixture::detailsText(window).contains(QFile::decodeName(fullPath)));
    QCOMPARE(details->wordWrapMode(), QTextOption::WordWrap);
    // Nothing wider than the pane (an unbreakable path would be), and the elided path has the
    // whole one as its tooltip.
    QTRY_VERIFY(details->horizontalScrollBar()->maximum() == 0);
    QVERIFY(!details->toPlainText().contains(QFile::decodeName(fullPath)));
    bool tooltip = false;
    for (QTextBlock block = details->document()->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            if (it.fragment().charFormat().toolTip() == QFile::decodeName(fullPath))
                tooltip = it.fragment().text().contains(QChar(0x2026));
        }
    }
    QVERIFY(tooltip);
    // Every word of the plain text is one of the full text's: none was cut in two.
    details->resize(details->width() + 1, details->height());
    for (QTextBlock block = details->document()->begin(); block.isValid(); block = block.next()) {
        const QTextLayout *layout = block.layout();
        const QString text = block.text();
        for (int i = 0; i < layout->lineCount(); ++i) {
            const QTextLine line = layout->lineAt(i);
            const int end = line.textStart() + line.textLength();
            if (end > 0 && end < text.size())
                QVERIFY2(text.at(end - 1).isSpace() || text.at(end).isSpace() || text.at(end - 1) == QLatin1Char('-'),
                         qPrintable(text));
        }
    }
    WindowFixture::saveShot(&window, QStringLiteral("details-800x600.png"));
}

// D33: Open in File Manager did nothing without a launcher.
void tst_MainWindowBehaviour::openFolderWithoutFileManagerSaysSo()
{
    MainWindow window;
    WindowFixture::open(window, m_fixture.freshDemo(QStringLiteral("files")));
    const CachedRepoPtr repo = WindowFixture::model(window)->repos().first();
    QVERIFY(window.select({NodeRef::Kind::Repo, repo->folderName, {}, {}}));
    QAction *openAction = nullptr;
    for (QAction *candidate : WindowFixture::actions(window)->actions(ActionRegistry::Group::Open)) {
        if (candidate->text().contains(QStringLiteral("File Manager")))
            openAction = candidate;
    }
    QVERIFY(openAction);
    // The offscreen platform has no file manager to start, as a desktop without xdg-open.
    openAction->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window.findChild<QMessageBox *>(QStringLiteral("openFolderFailed"))) != nullptr);
    QVERIFY(box->isVisible());
    QVERIFY(box->informativeText().contains(QFile::decodeName(repo->path)));
    QAbstractButton *copy = box->defaultButton();
    QVERIFY(copy && copy->text().contains(QStringLiteral("Copy")));
    QApplication::clipboard()->clear();
    copy->click();
    QCOMPARE(QApplication::clipboard()->text(), QFile::decodeName(repo->path));
}

// D34: Ctrl+, did nothing; Open Configured Cache stayed disabled until a restart.
void tst_MainWindowBehaviour::settingsShortcutAndConfiguredCaches()
{
    MainWindow window;
    WindowFixture::open(window, m_fixture.freshDemo(QStringLiteral("settings")));
    auto *feature = window.findChild<PreferencesFeature *>();
    QVERIFY(feature);
    QMenu *caches = nullptr;
    for (QMenu *menu : WindowFixture::fileMenu(window)->findChildren<QMenu *>()) {
        if (menu->title().contains(QStringLiteral("Configured")))
            caches = menu;
    }
    QVERIFY(caches);
    QVERIFY(!caches->isEnabled());

    const QString added = m_fixture.freshDemo(QStringLiteral("configured"));
    bool dialogSeen = false;
    QTimer::singleShot(200, [&] {
        auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        dialogSeen = true;
        dialog->findChild<QListWidget *>()->addItem(added);
        dialog->accept();
    });
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(WindowFixture::tree(window), Qt::Key_Comma, Qt::ControlModifier);
    QVERIFY(dialogSeen);
    QVERIFY(caches->isEnabled());
    QCOMPARE(caches->actions().size(), 1);
    QCOMPARE(caches->actions().first()->text(), added);
    AppSettings{}.save();
}

// D36: Prune showed nothing after it ran.
void tst_MainWindowBehaviour::pruneShowsSummary()
{
    MainWindow window;
    WindowFixture::open(window, m_fixture.freshDemo(QStringLiteral("prune")));
    auto *feature = window.findChild<PruneFeature *>();
    auto *deleter = window.findChild<DeleteFeature *>();
    QVERIFY(feature && deleter);
    feature->action()->trigger();
    PruneDialog *dialog = WindowFixture::shown<PruneDialog>(window, QStringLiteral("pruneDialog"));
    QVERIFY(dialog);
    PruneOptions options;
    options.detached = true;
    QSignalSpy preview(dialog, &PruneDialog::previewReady);
    WindowFixture::choosePruneOptions(*dialog, options);
    QVERIFY(preview.wait(10000));
    const DeletePlan plan = dialog->plan();
    QVERIFY(!plan.isEmpty());
    QSignalSpy finished(deleter, &DeleteFeature::finished);
    dialog->accept();
    QVERIFY(finished.wait(10000));
    QMessageBox *summary = WindowFixture::shown<QMessageBox>(window, QStringLiteral("deleteSummary"));
    QVERIFY(summary);
    QVERIFY(summary->isVisible());
    const DeleteResult result = finished.first().first().value<DeleteResult>();
    QVERIFY2(summary->text().contains(QStringLiteral("Deleted %1 of %2").arg(result.itemsDone).arg(plan.items.size())),
             qPrintable(summary->text()));
    WindowFixture::saveShot(summary, QStringLiteral("prune-summary.png"));
}

// D36: QDirStat and Filelight start with the largest; so does a first click on a size column.
void tst_MainWindowBehaviour::firstClickOnSizeSortsLargestFirst()
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
void tst_MainWindowBehaviour::detailsFollowTheSelection()
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

// D32: no rate or time left while hashing; the results' Details column cut at any width.
void tst_MainWindowBehaviour::verifyProgressAndResultsReadable()
{
    const QString text = VerifyFeature::progressText(500'000'000, 2'000'000'000, 2000);
    QVERIFY2(text.contains(QStringLiteral("500.0 MB of 2.0 GB")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("250.0 MB/s")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("6 s left")) || text.contains(QStringLiteral("6.0 s left")), qPrintable(text));
    QVERIFY(VerifyFeature::progressText(0, 10, 0).contains(QStringLiteral("estimating")));

    VerifyReport report;
    CorruptBlob blob;
    blob.cacheId = QStringLiteral("model/org/name");
    blob.path = "/cache/models--org--name/blobs/" + QByteArray(64, 'a');
    blob.name = QByteArray(64, 'a');
    blob.actual = QByteArray(64, 'b');
    report.corrupt << blob;
    report.blobsChecked = 1;
    VerifyResultsDialog dialog(report);
    dialog.resize(640, 300);
    dialog.show();
    auto *list = dialog.findChild<QTreeWidget *>(QStringLiteral("verifyProblems"));
    QVERIFY(list);
    // One line per row, elided in the middle: a wrapped hash was cut off below the row.
    QVERIFY(!list->wordWrap());
    QCOMPARE(list->textElideMode(), Qt::ElideMiddle);
    QCOMPARE(list->header()->sectionResizeMode(VerifyResultsDialog::DetailsColumn), QHeaderView::Interactive);
    QTreeWidgetItem *row = list->topLevelItem(0);
    QVERIFY(row);
    QVERIFY(row->text(VerifyResultsDialog::DetailsColumn).contains(QString::fromLatin1(blob.actual)));
    QCOMPARE(row->toolTip(VerifyResultsDialog::DetailsColumn), row->text(VerifyResultsDialog::DetailsColumn));
    // The column starts within the dialog: it is not pushed off by the others.
    QVERIFY(list->header()->sectionViewportPosition(VerifyResultsDialog::DetailsColumn) < list->viewport()->width() - 100);
}

QTEST_MAIN(tst_MainWindowBehaviour)
#include "tst_MainWindowBehaviour.moc"
