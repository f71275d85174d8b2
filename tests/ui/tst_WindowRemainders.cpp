// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
//
// What the second look at the window (issue 15, D30, D32, D36) still found, driven through the
// real window offscreen: an unreadable cache root, Verify's cancel and its mark on the tree,
// the treemap from the keyboard, the Repair and Delete dialogs.
#include "support/CacheBuilder.h"
#include "support/TestSupport.h"
#include "WindowFixture.h"

#include "maintain/VerifyResultsDialog.h"
#include "maintain/VerifyFeature.h"
#include "common/TaskProgressDialog.h"
#include "browser/CacheFilterModel.h"
#include "browser/CacheTreeModel.h"
#include "common/ActionRegistry.h"
#include "browser/DetailsPane.h"
#include "app/MainWindow.h"
#include "common/WindowHost.h"
#include "permissions/OwnershipPane.h"
#include "permissions/RepairDialog.h"
#include "browser/TreemapView.h"

#include "audit/UserIdentity.h"
#include "cache/DemoCache.h"
#include "repair/RepairRecipe.h"
#include "util/HumanFormat.h"

#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QStyle>
#include <QStyleOptionComboBox>
#include <QTableWidget>
#include <QDir>
#include <QApplication>
#include <QElapsedTimer>
#include <QSet>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include <unistd.h>

using namespace hfcache;

class tst_WindowRemainders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void unreadableRootExplainedWithRepair();
    void verifyCancelStopsInsideABlob();
    void verifyMarksBrokenFilesInTheTree();
    void treemapFromTheKeyboard();
    void tabOrderAndTypeFilter();
    void repairPlanOneRowPerFolderAndGroup();

private:

    WindowFixture m_fixture;
};

void tst_WindowRemainders::initTestCase()
{
    m_fixture.setUp(QStringLiteral("tst_WindowRemainders"));
}

void tst_WindowRemainders::init()
{
    WindowFixture::forgetSettings();
}

// D30: a cache root the user may not open said "No Hugging Face cache here ... Permission
// denied" and the Ownership pane "No cache scanned yet". The window must say why, as doctor does
// (the path to the root), and offer the repair. Run as root, the test makes the root 0700 of one
// user and runs itself as another to look at the window.
void tst_WindowRemainders::unreadableRootExplainedWithRepair()
{
    const QByteArray deniedRoot = qgetenv("HFC_GUI_DENIED_ROOT");
    if (deniedRoot.isEmpty()) {
        if (::getuid() != 0)
            QSKIP("needs root to make the other users");
        const auto owner = TestSupport::ensureUser(QStringLiteral("hfc_gui_owner"));
        const auto viewer = TestSupport::ensureUser(QStringLiteral("hfc_gui_viewer"));
        QVERIFY(owner && viewer);
        QVERIFY(QFile::setPermissions(m_fixture.tmp().path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                        | QFileDevice::ReadGroup | QFileDevice::ExeGroup
                                                        | QFileDevice::ReadOther | QFileDevice::ExeOther));
        const QString root = m_fixture.freshDemo(QStringLiteral("denied"));
        QCOMPARE(TestSupport::runProgram(QStringLiteral("chown"), {QStringLiteral("-R"), owner->name, root}), 0);
        QCOMPARE(TestSupport::runProgram(QStringLiteral("chmod"), {QStringLiteral("0700"), root}), 0);
        QStringList args{QStringLiteral("QT_QPA_PLATFORM=offscreen"), QStringLiteral("LC_ALL=C.UTF-8"),
                         QStringLiteral("HFC_GUI_DENIED_ROOT=") + root};
        if (const QString shots = qEnvironmentVariable("HFCACHE_SCREENSHOT_DIR"); !shots.isEmpty())
            args << QStringLiteral("HFCACHE_SCREENSHOT_DIR=") + shots;
        args << QCoreApplication::applicationFilePath() << QStringLiteral("unreadableRootExplainedWithRepair");
        QByteArray out, err;
        const int code = TestSupport::runAsUser(*viewer, QStringLiteral("env"), args, &out, &err);
        QVERIFY2(code == 0, (out + err).constData());
        QVERIFY2(out.contains("PASS   : tst_WindowRemainders::unreadableRootExplainedWithRepair"), out.constData());
        return;
    }

    // As hfc_gui_viewer:
    for (const QSize size : {QSize(800, 600), QSize(1600, 1000)}) {
        MainWindow window;
        WindowFixture::open(window, QFile::decodeName(deniedRoot), size);
        const QString banner = WindowFixture::bannerText(window);
        QVERIFY2(!banner.contains(QStringLiteral("No Hugging Face cache here")), qPrintable(banner));
        QVERIFY2(banner.contains(QStringLiteral("hfc_gui_viewer cannot open the cache")), qPrintable(banner));
        // The why-path: every folder from / down to the root, the root's line with its owner and
        // the reason doctor gives.
        QVERIFY2(banner.contains(QStringLiteral("drwx------ hfc_gui_owner")), qPrintable(banner));
        QVERIFY2(banner.contains(QStringLiteral("&lt;- ")), qPrintable(banner));
        QVERIFY2(banner.contains(QStringLiteral("hfc_gui_viewer is neither the owner")), qPrintable(banner));
        // The why-path wraps: it does not widen an 800 px window.
        QCOMPARE(window.width(), size.width());
        auto *repair = window.findChild<QPushButton *>(QStringLiteral("bannerRepair"));
        QVERIFY(repair && repair->isVisible());

        auto *pane = window.findChild<OwnershipPane *>();
        QVERIFY(pane);
        QTRY_VERIFY(WindowFixture::ownershipAudited(window));
        auto *ownershipTree = pane->findChild<QTreeWidget *>(QStringLiteral("ownershipTree"));
        QTreeWidgetItem *rootRow = ownershipTree->topLevelItem(0);
        QVERIFY(rootRow);
        QVERIFY2(rootRow->text(OwnershipPane::StatusColumn).contains(QStringLiteral("neither the owner")),
                 qPrintable(rootRow->text(OwnershipPane::StatusColumn)));
        // The audit found reading denied: the root's why-path says so.
        QSignalSpy why(pane, &OwnershipPane::whyPathShown);
        ownershipTree->setCurrentItem(rootRow);
        QVERIFY(why.wait(10000));
        const QString whyText = pane->findChild<QPlainTextEdit *>(QStringLiteral("whyPath"))->toPlainText();
        QVERIFY2(whyText.contains(QStringLiteral("Read: denied for hfc_gui_viewer")), qPrintable(whyText));
        WindowFixture::saveShot(&window, QStringLiteral("unreadable-root-%1x%2.png").arg(size.width()).arg(size.height()));

        // Repair… opens the Repair flow for that root, with a plan for it (not "No cache scanned yet").
        repair->click();
        auto *dialog = window.findChild<RepairDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(!dialog->findChild<QLabel *>(QStringLiteral("repairSummary"))->text().contains(QStringLiteral("Planning")));
        const QString summary = dialog->findChild<QLabel *>(QStringLiteral("repairSummary"))->text();
        QVERIFY2(!summary.contains(QStringLiteral("No cache scanned yet")), qPrintable(summary));
        QVERIFY2(summary.contains(QString::fromUtf8(deniedRoot)), qPrintable(summary));
        QVERIFY2(dialog->findChild<QTableWidget *>(QStringLiteral("repairPlan"))->rowCount() > 0, qPrintable(summary));
        dialog->close();
    }
}

// D32: Cancel waited for the end of the blob being hashed (2.5 s on a big one; the flag was
// read between files) and the report then said the whole size had been hashed.
void tst_WindowRemainders::verifyCancelStopsInsideABlob()
{
    const QByteArray root = QFile::encodeName(m_fixture.tmp().filePath(QStringLiteral("verify-cancel")));
    CacheBuilder cache(root);
    const QByteArray folder = "models--org--big";
    const QByteArray commit = CacheBuilder::commit("big");
    const QByteArray blob = cache.addBlob(folder, "seed", true);
    cache.linkBlob(folder, commit, "model.safetensors", blob);
    cache.writeRef(folder, "main", commit);
    // 8 GiB of holes: reading is cheap, hashing it whole takes seconds on any machine.
    const quint64 size = 8ull << 30;
    QCOMPARE(::truncate((root + "/" + folder + "/blobs/" + blob).constData(), off_t(size)), 0);

    MainWindow window;
    WindowFixture::open(window, QFile::decodeName(root));
    auto *feature = window.findChild<VerifyFeature *>();
    QVERIFY(feature);
    WindowFixture::selectRefs(window, {{NodeRef::Kind::Repo, folder, {}, {}}});
    QSignalSpy finished(feature, &VerifyFeature::finished);
    feature->action()->trigger();
    auto *progress = window.findChild<TaskProgressDialog *>(QStringLiteral("taskProgressDialog"));
    QVERIFY(progress);
    // Running: the label says the rate and the time left.
    QTRY_VERIFY_WITH_TIMEOUT(progress->labelText().contains(QStringLiteral("left")), 5000);
    auto *cancel = progress->findChild<QPushButton *>();
    QVERIFY(cancel);
    QElapsedTimer clock;
    clock.start();
    cancel->click();
    QVERIFY(finished.wait(20000));
    const qint64 took = clock.elapsed();
    // ~100 ms on an idle machine; the margin is for a loaded CI.
    QVERIFY2(took < 1000, qPrintable(QStringLiteral("Cancel took %1 ms").arg(took)));
    const VerifyReport report = finished.takeFirst().first().value<VerifyReport>();
    QVERIFY(report.cancelled);
    QCOMPARE(report.bytesToHash, size);
    QVERIFY2(report.bytesHashed > 0 && report.bytesHashed < size, qPrintable(QString::number(report.bytesHashed)));
    QVERIFY(report.corrupt.isEmpty());  // a blob stopped half-way is neither good nor corrupt
    auto *results = WindowFixture::shown<VerifyResultsDialog>(window, QStringLiteral("verifyResults"));
    QVERIFY(results);
    const QString summary = results->findChild<QLabel *>(QStringLiteral("verifySummary"))->text();
    QVERIFY2(summary.contains(QStringLiteral("Cancelled after hashing %1 of %2")
                                  .arg(HumanFormat::size(report.bytesHashed), HumanFormat::size(size))),
             qPrintable(summary));
    results->close();
}

// D32: the tree kept a green status on a file whose blob verify had just found corrupt.
void tst_WindowRemainders::verifyMarksBrokenFilesInTheTree()
{
    const QString root = m_fixture.freshDemo(QStringLiteral("verify-mark"));
    MainWindow window;
    WindowFixture::open(window, root, {1600, 1000});
    CachedRepoPtr repo;
    const CachedBlob *victim = nullptr;
    for (const CachedRepoPtr &candidate : WindowFixture::model(window)->repos()) {
        for (const CachedBlob &blob : candidate->blobs) {
            if (!victim && blob.snapshotLinks > 0 && blob.stat.size > 0) {
                repo = candidate;
                victim = &blob;
            }
        }
    }
    QVERIFY(victim);
    QFile file(QFile::decodeName(repo->blobPath(*victim)));
    QVERIFY(file.open(QIODevice::ReadWrite));
    char byte = 0;
    QVERIFY(file.getChar(&byte));
    QVERIFY(file.seek(0));
    QVERIFY(file.putChar(char(byte ^ 0x20)));
    file.close();

    auto *feature = window.findChild<VerifyFeature *>();
    const NodeRef repoRef{NodeRef::Kind::Repo, repo->folderName, {}, {}};
    WindowFixture::selectRefs(window, {repoRef});
    QSignalSpy finished(feature, &VerifyFeature::finished);
    feature->action()->trigger();
    QVERIFY(finished.wait(30000));
    const VerifyReport report = finished.takeFirst().first().value<VerifyReport>();
    QCOMPARE(report.corrupt.size(), 1);
    QVERIFY(!report.corrupt.first().breaks.isEmpty());
    // The Details column is not cut below a row: one line, elided in the middle, whole text as tooltip.
    auto *results = WindowFixture::shown<VerifyResultsDialog>(window, QStringLiteral("verifyResults"));
    QVERIFY(results);
    auto *list = results->findChild<QTreeWidget *>(QStringLiteral("verifyProblems"));
    QTreeWidgetItem *corrupt = list->topLevelItem(0);
    QVERIFY(corrupt);
    QVERIFY(!list->wordWrap());
    QCOMPARE(list->textElideMode(), Qt::ElideMiddle);
    QVERIFY(corrupt->text(VerifyResultsDialog::DetailsColumn).contains(QString::fromLatin1(report.corrupt.first().actual)));
    QCOMPARE(corrupt->toolTip(VerifyResultsDialog::DetailsColumn), corrupt->text(VerifyResultsDialog::DetailsColumn));
    for (const QSize size : {QSize(640, 320), QSize(1100, 420)}) {
        results->resize(size);
        WindowFixture::saveShot(results, QStringLiteral("verify-results-%1.png").arg(size.width()));
    }
    results->close();

    const CacheTreeModel *model = WindowFixture::model(window);
    const auto severity = [&](const NodeRef &ref) {
        const QModelIndex index = model->indexOf(ref);
        return index.isValid() ? model->index(index.row(), CacheTreeModel::StatusColumn, index.parent())
                                     .data(CacheTreeModel::SeverityRole).toInt()
                               : -2;
    };
    QCOMPARE(severity(repoRef), int(Severity::Error));
    for (const auto &[commit, path] : report.corrupt.first().breaks) {
        QCOMPARE(severity({NodeRef::Kind::Revision, repo->folderName, commit, {}}), int(Severity::Error));
        QCOMPARE(severity({NodeRef::Kind::File, repo->folderName, commit, path}), int(Severity::Error));
    }
    // The selection stays where it was, the details say why.
    QCOMPARE(window.currentRef(), repoRef);
    WindowFixture::saveShot(&window, QStringLiteral("verify-marked-1600x1000.png"));
}

// D36: the treemap's keys needed a focus nobody could see, the arrows did nothing and nothing
// said how deep the zoom was.
void tst_WindowRemainders::treemapFromTheKeyboard()
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

// D36: the Repair plan listed chmod and setgid of one folder as two rows with two different
// "After" modes; the group defaulted to root's own `root` instead of the cache's.
void tst_WindowRemainders::repairPlanOneRowPerFolderAndGroup()
{
    if (::getuid() != 0)
        QSKIP("needs root for a group to share with");
    const auto member = TestSupport::ensureUser(QStringLiteral("hfc_gui_share"));
    QVERIFY(member);
    const QString root = m_fixture.freshDemo(QStringLiteral("repair-rows"));
    QCOMPARE(TestSupport::runProgram(QStringLiteral("chgrp"), {member->name, root}), 0);
    MainWindow window;
    WindowFixture::open(window, root, {1600, 1000});
    RepairDialog dialog(*window.host());
    dialog.show();
    // The cache's group, not the first of root's groups.
    QTRY_VERIFY(dialog.findChild<QComboBox *>(QStringLiteral("repairGroup"))->count() > 0);
    QCOMPARE(dialog.findChild<QComboBox *>(QStringLiteral("repairGroup"))->currentText(), member->name);

    QSignalSpy planned(&dialog, &RepairDialog::planShown);
    dialog.findChild<QComboBox *>(QStringLiteral("repairRecipe"))->setCurrentIndex(dialog.findChild<QComboBox *>(QStringLiteral("repairRecipe"))->findData(int(RepairRecipe::Kind::ShareGroup)));
    QTRY_VERIFY_WITH_TIMEOUT(!planned.isEmpty() && dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->rowCount() > 0, 10000);
    QSet<QString> modeRows;
    int merged = 0;
    for (int row = 0; row < dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->rowCount(); ++row) {
        const QString path = dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->item(row, RepairDialog::PathColumn)->text();
        const QString change = dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->item(row, RepairDialog::ChangeColumn)->text();
        if (change == QLatin1String("chgrp") || change == QLatin1String("default-acl"))
            continue;
        QVERIFY2(!modeRows.contains(path), qPrintable(QStringLiteral("two mode rows for %1").arg(path)));
        modeRows.insert(path);
        if (change == QLatin1String("chmod + setgid")) {
            ++merged;
            const QString after = dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->item(row, RepairDialog::AfterColumn)->text();
            QVERIFY2(after.startsWith(QLatin1Char('2')) && after.endsWith(QLatin1String("775")), qPrintable(after));
        }
    }
    QVERIFY(merged > 0);
    WindowFixture::saveShot(&dialog, QStringLiteral("repair-plan-1600x1000.png"));

    // Applied, every folder ends with the mode its one row said.
    QSignalSpy rediagnosed(&dialog, &RepairDialog::rediagnosed);
    dialog.findChild<QPushButton *>(QStringLiteral("repairApply"))->click();
    QVERIFY(rediagnosed.wait(30000));
    QVERIFY2(dialog.findChild<QLabel *>(QStringLiteral("repairStatus"))->text().contains(QLatin1String("nothing left to repair")), qPrintable(dialog.findChild<QLabel *>(QStringLiteral("repairStatus"))->text()));
    for (int row = 0; row < dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->rowCount(); ++row)
        QVERIFY(!dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->item(row, RepairDialog::ResultColumn)->text().isEmpty());
}

// D36: Tab went from the tree to the treemap, the panes, and only then to the filters above the
// tree; the type filter showed "Dat…ets".
void tst_WindowRemainders::tabOrderAndTypeFilter()
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

QTEST_MAIN(tst_WindowRemainders)
#include "tst_WindowRemainders.moc"
