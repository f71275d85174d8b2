// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "support/TestSupport.h"
#include "WindowFixture.h"

#include "maintain/DeleteConfirmDialog.h"
#include "export/ExportDialog.h"
#include "maintain/PruneDialog.h"
#include "maintain/VerifyResultsDialog.h"
#include "export/GzipEncoder.h"
#include "common/AppSettings.h"
#include "browser/CacheFilterModel.h"
#include "browser/CacheTreeModel.h"
#include "maintain/DeleteFeature.h"
#include "export/ExportFeature.h"
#include "app/MainWindow.h"
#include "maintain/PruneFeature.h"
#include "maintain/VerifyFeature.h"
#include "common/TaskProgressDialog.h"

#include "cache/DemoCache.h"
#include "util/HumanFormat.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QLineEdit>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>
#include <QTest>
#include <QThreadPool>

#include <utility>
#include <QToolBar>
#include <QTreeView>
#include <QTreeWidget>

using namespace hfcache;

namespace {

// The export dialog's fields, filled in as a user would.
void chooseFormat(ExportDialog &dialog, ExportJob::Format format)
{
    auto *combo = dialog.findChild<QComboBox *>(QStringLiteral("exportFormat"));
    combo->setCurrentIndex(combo->findData(int(format)));
}

void typeDestination(ExportDialog &dialog, const QString &path)
{
    dialog.findChild<QLineEdit *>(QStringLiteral("exportDestination"))->setText(path);
}

} // namespace

// Export, Delete and Verify in the window, on a fresh demo cache per test, driven through
// the features' dialogs without exec().
class tst_WindowFeatures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void actionsFollowSelection();
    void exportRevisionThroughDialog();
    void exportDialogStartsFromSettings();
    void exportCancelKeepsProgressUntilWorkerStops();
    void taskProgressDialogReportsAcrossThreads();
    void deleteRevisionAfterConfirmation();
    void deleteRefusedWhileDownloadHoldsLock();
    void verifyFindsFlippedByte();
    void pruneDetachedWithPreview();
    void pruneKeepNewestNeverQueuesRefs();

private:
    static CachedRepoPtr repoWithRevisions(const MainWindow &window, int atLeast);
    ExportFeature *exportFeatureOnRevision(MainWindow &window, const QString &demo);

    WindowFixture m_fixture;
};

void tst_WindowFeatures::initTestCase()
{
    m_fixture.setUp(QStringLiteral("tst_WindowFeatures"));
}

CachedRepoPtr tst_WindowFeatures::repoWithRevisions(const MainWindow &window, int atLeast)
{
    for (const CachedRepoPtr &repo : WindowFixture::model(window)->repos()) {
        if (repo->revisions.size() >= atLeast)
            return repo;
    }
    return {};
}

// The window on a fresh demo cache with the first revision of a repo selected: what Export acts on.
ExportFeature *tst_WindowFeatures::exportFeatureOnRevision(MainWindow &window, const QString &demo)
{
    WindowFixture::open(window, m_fixture.freshDemo(demo));
    const CachedRepoPtr repo = repoWithRevisions(window, 1);
    if (!repo)
        return nullptr;
    WindowFixture::selectRefs(window, {{NodeRef::Kind::Revision, repo->folderName, repo->revisions.first().commit, {}}});
    return window.findChild<ExportFeature *>();
}

void tst_WindowFeatures::actionsFollowSelection()
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

    const CachedRepoPtr repo = repoWithRevisions(window, 2);
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

void tst_WindowFeatures::exportRevisionThroughDialog()
{
    MainWindow window;
    ExportFeature *feature = exportFeatureOnRevision(window, QStringLiteral("export"));
    QVERIFY(feature);

    for (ExportJob::Format format : {ExportJob::Format::Folder, ExportJob::Format::TarZst}) {
        feature->action()->trigger();
        ExportDialog *dialog = WindowFixture::shown<ExportDialog>(window, QStringLiteral("exportDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        chooseFormat(*dialog, format);
        const QString target = m_fixture.tmp().filePath(format == ExportJob::Format::Folder ? QStringLiteral("out")
                                                                                  : QStringLiteral("out.tar.zst"));
        typeDestination(*dialog, target);
        dialog->findChild<QCheckBox *>(QStringLiteral("exportVerify"))->setChecked(true);
        QVERIFY2(dialog->problem().isEmpty(), qPrintable(dialog->problem()));
        if (format == ExportJob::Format::Folder)
            WindowFixture::saveDialogShot(dialog, QStringLiteral("export-dialog.png"));

        QSignalSpy finished(feature, &ExportFeature::finished);
        dialog->accept();
        QVERIFY(feature->isRunning());
        QVERIFY(finished.wait(30000));
        const auto result = finished.first().first().value<ExportJob::Result>();
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY(result.files > 0);
        QMessageBox *summary = WindowFixture::shown<QMessageBox>(window, QStringLiteral("exportSummary"));
        QVERIFY(summary);
        QVERIFY(summary->text().contains(QStringLiteral("Exported")));
        QCOMPARE(summary->informativeText(), target);
        if (format == ExportJob::Format::Folder) {
            WindowFixture::saveDialogShot(summary, QStringLiteral("export-summary.png"));
            int files = 0;
            for (QDirIterator it(target, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories); it.hasNext(); it.next())
                ++files;
            QCOMPARE(files, result.files + 1);  // and the export's .hfcache-export marker
            QVERIFY(QFileInfo(target + QStringLiteral("/.hfcache-export")).isFile());
            QVERIFY(!QFileInfo(target).isSymLink());
        } else {
            QVERIFY(QFileInfo(target).size() > 0);
        }
        summary->close();
    }

    // An existing destination is refused before anything runs.
    feature->action()->trigger();
    ExportDialog *refused = WindowFixture::shown<ExportDialog>(window, QStringLiteral("exportDialog"));
    QVERIFY(refused);
    typeDestination(*refused, m_fixture.tmp().filePath(QStringLiteral("out")));
    QVERIFY(!refused->problem().isEmpty());
    refused->accept();
    QVERIFY(!feature->isRunning());
    refused->reject();
}

// The Export dialog opens with the export defaults of the Settings dialog (AppSettings).
void tst_WindowFeatures::exportDialogStartsFromSettings()
{
    MainWindow window;
    ExportFeature *feature = exportFeatureOnRevision(window, QStringLiteral("export-defaults"));
    QVERIFY(feature);
    const auto openDialog = [&](const AppSettings &settings) {
        settings.save();
        QSettings().sync();
        feature->action()->trigger();
        return WindowFixture::shown<ExportDialog>(window, QStringLiteral("exportDialog"));
    };

    AppSettings gzip;
    gzip.exportCompression = QStringLiteral("gzip");
    gzip.exportLevel = 2;
    gzip.exportVerify = true;
    ExportDialog *dialog = openDialog(gzip);
    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(dialog->format(), ExportJob::Format::TarGz);
    QVERIFY(dialog->target().endsWith(QLatin1String(".tar.gz")));
    QCOMPARE(dialog->options().level, 2);
    QVERIFY(dialog->options().verify);
    dialog->reject();

    // zstd's level 19 is kept; gzip (ISA-L) tops out at 3, so the same setting is clamped there.
    AppSettings zstd;
    zstd.exportLevel = 19;
    dialog = openDialog(zstd);
    QCOMPARE(dialog->format(), ExportJob::Format::TarZst);
    QCOMPARE(dialog->options().level, 19);
    QVERIFY(!dialog->options().verify);
    chooseFormat(*dialog, ExportJob::Format::TarGz);
    QCOMPARE(dialog->options().level, GzipEncoder::StrongestLevel);
    dialog->reject();

    AppSettings none;
    none.exportCompression = QStringLiteral("none");
    dialog = openDialog(none);
    QCOMPARE(dialog->format(), ExportJob::Format::Tar);
    QVERIFY(!dialog->findChild<QSpinBox *>()->isEnabled());
    QCOMPARE(dialog->options().level, -1);
    dialog->reject();
    AppSettings{}.save();
}

// Cancel from the GUI: the click only asks the worker to stop, the dialog stays, says so and
// refuses to close; the export then reports the cancel and leaves nothing behind.
void tst_WindowFeatures::exportCancelKeepsProgressUntilWorkerStops()
{
    MainWindow window;
    ExportFeature *feature = exportFeatureOnRevision(window, QStringLiteral("export-cancel"));
    QVERIFY(feature);

    // The pool's only thread waits on `gate`, so the export stays queued and Cancel lands before it
    // starts, every run. Qt 6.4 paints with the same pool: no event loop until the gate opens.
    QThreadPool *pool = QThreadPool::globalInstance();
    const int threads = pool->maxThreadCount();
    pool->setMaxThreadCount(1);
    QSemaphore gate;
    QSemaphore blocking;
    QFuture<void> blocker = QtConcurrent::run([&] {
        blocking.release();
        gate.acquire();
    });
    blocking.acquire();
    bool reopened = false;
    const auto reopen = [&] {
        if (std::exchange(reopened, true))
            return;
        gate.release();
        blocker.waitForFinished();
        pool->setMaxThreadCount(threads);
    };
    // Also after a failed check: a closed gate would hang every later test.
    const auto reopenOnExit = qScopeGuard(reopen);

    feature->action()->trigger();
    ExportDialog *dialog = WindowFixture::shown<ExportDialog>(window, QStringLiteral("exportDialog"));
    QVERIFY(dialog);
    const QString target = m_fixture.tmp().filePath(QStringLiteral("cancelled-out"));
    chooseFormat(*dialog, ExportJob::Format::Folder);
    typeDestination(*dialog, target);
    QSignalSpy finished(feature, &ExportFeature::finished);
    dialog->accept();
    QVERIFY(feature->isRunning());
    // Not shown yet (that waits for the event loop, which the gate holds): found by name alone.
    QPointer<TaskProgressDialog> progress = window.findChild<TaskProgressDialog *>(QStringLiteral("taskProgressDialog"));
    QVERIFY(progress);
    QVERIFY(progress->labelText().startsWith(QStringLiteral("Preparing the export of ")));
    auto *cancel = progress->findChild<QPushButton *>();
    QVERIFY(cancel && cancel->isEnabled());

    cancel->click();
    QVERIFY(progress->cancelFlag()->load());
    QCOMPARE(progress->labelText(), QStringLiteral("Cancelling…"));
    QVERIFY(!cancel->isEnabled());
    // QProgressDialog's own cancel() (which hides and resets) did not run.
    QVERIFY(!progress->wasCanceled());
    QTest::keyClick(progress, Qt::Key_Escape);
    QVERIFY(!progress->close());
    QVERIFY(progress);
    QCOMPARE(progress->labelText(), QStringLiteral("Cancelling…"));
    // Another Export while this one winds down opens no dialog (the accepted one awaits deletion).
    feature->action()->trigger();
    QVERIFY(!WindowFixture::shown<ExportDialog>(window, QStringLiteral("exportDialog")));

    reopen();
    QVERIFY(finished.wait(30000));
    const auto result = finished.first().first().value<ExportJob::Result>();
    QVERIFY(result.cancelled);
    QVERIFY(!result.ok);
    QVERIFY(!feature->isRunning());
    QTRY_VERIFY(progress.isNull());
    QMessageBox *summary = WindowFixture::shown<QMessageBox>(window, QStringLiteral("exportSummary"));
    QVERIFY(summary);
    QVERIFY2(summary->text().contains(QStringLiteral("cancelled")), qPrintable(summary->text()));
    QVERIFY(!QFileInfo::exists(target));
    QCOMPARE(QDir(m_fixture.tmp().path()).entryList({QStringLiteral("*cancelled-out*")}, QDir::AllEntries | QDir::Hidden), QStringList());
    summary->close();
}

// TaskProgressDialog on its own: reports from a worker thread arrive through the event loop and
// are dropped once the dialog is gone; Cancel, Escape and the close button leave it on screen;
// finish() is no cancel, but a dialog deleted with its window while running is.
void tst_WindowFeatures::taskProgressDialogReportsAcrossThreads()
{
    QWidget window;
    window.resize(640, 400);
    window.show();
    auto *dialog = new TaskProgressDialog(QStringLiteral("Verifying"), QStringLiteral("Hashing…"), &window);
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Verifying"));
    QCOMPARE(dialog->windowModality(), Qt::WindowModal);
    QTRY_VERIFY(dialog->isVisible());
    const TaskProgressDialog::Reporter report = dialog->reporter();
    const QString text = QStringLiteral("Hashed %1 of %2").arg(HumanFormat::size(1300000000), HumanFormat::size(3400000000));
    QtConcurrent::run([report, text] { report(0.38, text); }).waitForFinished();
    QTRY_COMPARE(dialog->labelText(), text);
    QCOMPARE(dialog->value(), 380);
    QVERIFY(!dialog->isCancelling());
    WindowFixture::saveDialogShot(dialog, QStringLiteral("verify-progress.png"));

    const std::shared_ptr<std::atomic_bool> finishedFlag = dialog->cancelFlag();
    QPointer<TaskProgressDialog> guard(dialog);
    dialog->finish();
    QVERIFY(!dialog->isVisible());
    QTRY_VERIFY(guard.isNull());
    QVERIFY(!finishedFlag->load());
    QtConcurrent::run([report] { report(1.0, QStringLiteral("after the end")); }).waitForFinished();
    QTest::qWait(20);

    auto *cancelled = new TaskProgressDialog(QStringLiteral("Exporting"), QStringLiteral("Preparing…"), &window);
    QTRY_VERIFY(cancelled->isVisible());
    cancelled->report(0.25, QStringLiteral("256 MB of 1.0 GB (3 of 12 files)\n120 MB/s, 7 s left"));
    WindowFixture::saveDialogShot(cancelled, QStringLiteral("export-progress.png"));
    auto *cancel = cancelled->findChild<QPushButton *>();
    QVERIFY(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTest::keyClick(cancelled, Qt::Key_Escape);
    QVERIFY(!cancelled->close());
    QTest::qWait(20);
    QVERIFY(cancelled->isVisible());
    QVERIFY(cancelled->isCancelling());
    QVERIFY(!cancel->isEnabled());
    QCOMPARE(cancelled->labelText(), QStringLiteral("Cancelling…"));
    QCOMPARE(cancelled->value(), 250);
    WindowFixture::saveDialogShot(cancelled, QStringLiteral("export-cancelling.png"));
    cancelled->finish();

    // The window goes away while a task runs: the worker is told to stop.
    std::shared_ptr<std::atomic_bool> orphanFlag;
    {
        QWidget other;
        orphanFlag = (new TaskProgressDialog(QStringLiteral("Exporting"), QStringLiteral("…"), &other))->cancelFlag();
        QVERIFY(!orphanFlag->load());
    }
    QVERIFY(orphanFlag->load());
}

void tst_WindowFeatures::deleteRevisionAfterConfirmation()
{
    MainWindow window;
    const QString root = m_fixture.freshDemo(QStringLiteral("delete"));
    WindowFixture::open(window, root);
    auto *feature = window.findChild<DeleteFeature *>();
    QVERIFY(feature);
    const CachedRepoPtr repo = repoWithRevisions(window, 2);
    QVERIFY(repo);
    const QByteArray commit = repo->revisions.first().commit;
    WindowFixture::selectRefs(window, {{NodeRef::Kind::Revision, repo->folderName, commit, {}}});

    QSignalSpy shown(feature, &DeleteFeature::confirmationShown);
    QTest::keyClick(WindowFixture::tree(window), Qt::Key_Delete);
    QVERIFY(shown.wait(10000));
    DeleteConfirmDialog *dialog = WindowFixture::shown<DeleteConfirmDialog>(window, QStringLiteral("deleteConfirmDialog"));
    QVERIFY(dialog);
    const DeletePlan plan = DeleteFeature::planFor(window.snapshot(), WindowFixture::actions(window)->selection());
    QCOMPARE(plan.items.size(), 1);
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("deleteHeadline"))->text().contains(QString::fromLatin1(commit.left(7))));
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("deleteHeadline"))->text().contains(repo->cacheId()));
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("deleteHeadline"))->text().contains(HumanFormat::size(plan.bytesFreed())));
    QVERIFY(dialog->findChild<QPushButton *>(QStringLiteral("deleteButton"))->isEnabled());
    WindowFixture::saveDialogShot(dialog, QStringLiteral("delete-dialog.png"));

    QSignalSpy finished(feature, &DeleteFeature::finished);
    QSignalSpy rescanned(&window, &MainWindow::scanFinished);
    dialog->accept();
    QVERIFY(finished.wait(10000));
    QVERIFY(finished.first().first().value<DeleteResult>().ok());
    QVERIFY(!QFileInfo::exists(QFile::decodeName(repo->path) + QStringLiteral("/snapshots/") + QString::fromLatin1(commit)));
    QVERIFY(rescanned.wait(20000));
    CachedRepoPtr after;
    for (const CachedRepoPtr &candidate : WindowFixture::model(window)->repos()) {
        if (candidate->folderName == repo->folderName)
            after = candidate;
    }
    QVERIFY(after);
    QCOMPARE(after->revisions.size(), repo->revisions.size() - 1);
    QVERIFY(!after->revision(commit));
}

void tst_WindowFeatures::deleteRefusedWhileDownloadHoldsLock()
{
    MainWindow window;
    WindowFixture::open(window, m_fixture.freshDemo(QStringLiteral("locked")));
    auto *feature = window.findChild<DeleteFeature *>();
    const CachedRepoPtr repo = repoWithRevisions(window, 2);
    QVERIFY(repo);
    const QByteArray commit = repo->revisions.first().commit;
    WindowFixture::selectRefs(window, {{NodeRef::Kind::Revision, repo->folderName, commit, {}}});
    const DeletePlan plan = DeleteFeature::planFor(window.snapshot(), WindowFixture::actions(window)->selection());
    QByteArray lockPath;
    for (const DeleteOperation &op : plan.items.first().operations) {
        if (op.kind == DeleteOperation::Kind::Blob)
            lockPath = plan.root + '/' + op.lockPath;
    }
    QVERIFY(!lockPath.isEmpty());

    // A real huggingface_hub-style download (python3-filelock) holds that blob's lock.
    QProcess peer;
    peer.start(QStringLiteral("/usr/bin/python3"),
               {QStringLiteral("-c"), QStringLiteral("import sys\nfrom filelock import FileLock\nl = FileLock(sys.argv[1])\n"
                                                     "l.acquire()\nprint('ready', flush=True)\nsys.stdin.read()\n"),
                QFile::decodeName(lockPath)});
    QVERIFY(peer.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(peer.canReadLine(), 10000);
    QCOMPARE(peer.readLine().trimmed(), QByteArray("ready"));

    QSignalSpy shown(feature, &DeleteFeature::confirmationShown);
    feature->action()->trigger();
    QVERIFY(shown.wait(10000));
    DeleteConfirmDialog *dialog = WindowFixture::shown<DeleteConfirmDialog>(window, QStringLiteral("deleteConfirmDialog"));
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("deleteButton"))->isEnabled());
    QVERIFY2(dialog->findChild<QLabel *>(QStringLiteral("deleteRefusals"))->text().contains(QFile::decodeName(lockPath.mid(lockPath.lastIndexOf('/') + 1).chopped(5))),
             qPrintable(dialog->findChild<QLabel *>(QStringLiteral("deleteRefusals"))->text()));
    WindowFixture::saveDialogShot(dialog, QStringLiteral("delete-refused.png"));
    dialog->reject();

    // Prune, even told to take every revision, keeps the repo the download works in whole.
    auto *prune = window.findChild<PruneFeature *>();
    QVERIFY(prune);
    prune->action()->trigger();
    PruneDialog *pruneDialog = WindowFixture::shown<PruneDialog>(window, QStringLiteral("pruneDialog"));
    QVERIFY(pruneDialog);
    QTRY_VERIFY(pruneDialog->isPreviewCurrent());
    PruneOptions options;
    options.keepLatest = 0;
    options.includeRefs = true;
    options.orphans = true;
    QSignalSpy preview(pruneDialog, &PruneDialog::previewReady);
    WindowFixture::choosePruneOptions(*pruneDialog, options);
    QVERIFY(preview.wait(10000));
    for (const DeleteItem &item : pruneDialog->plan().items)
        QVERIFY2(item.repoFolder != repo->folderName, qPrintable(item.label()));
    QVERIFY2(pruneDialog->findChild<QPlainTextEdit *>(QStringLiteral("prunePreview"))->toPlainText().contains(QStringLiteral("a download in progress works in this repo")),
             qPrintable(pruneDialog->findChild<QPlainTextEdit *>(QStringLiteral("prunePreview"))->toPlainText()));
    pruneDialog->reject();
    peer.closeWriteChannel();
    QVERIFY(peer.waitForFinished(10000));
    QVERIFY(QFileInfo::exists(QFile::decodeName(repo->path) + QStringLiteral("/snapshots/") + QString::fromLatin1(commit)));
}

void tst_WindowFeatures::verifyFindsFlippedByte()
{
    MainWindow window;
    WindowFixture::open(window, m_fixture.freshDemo(QStringLiteral("verify")));
    auto *feature = window.findChild<VerifyFeature *>();
    QVERIFY(feature);
    const CachedRepoPtr repo = repoWithRevisions(window, 1);
    WindowFixture::selectRefs(window, {{NodeRef::Kind::Repo, repo->folderName, {}, {}}});

    QSignalSpy finished(feature, &VerifyFeature::finished);
    feature->action()->trigger();
    QVERIFY(finished.wait(30000));
    VerifyReport report = finished.takeFirst().first().value<VerifyReport>();
    QVERIFY(report.corrupt.isEmpty());
    QVERIFY(report.blobsChecked > 0);
    VerifyResultsDialog *results = WindowFixture::shown<VerifyResultsDialog>(window, QStringLiteral("verifyResults"));
    QVERIFY(results);
    results->close();

    // Flip one byte of the biggest blob.
    const CachedBlob *biggest = nullptr;
    for (const CachedBlob &blob : repo->blobs) {
        if (blob.snapshotLinks > 0 && (!biggest || blob.stat.size > biggest->stat.size))
            biggest = &blob;
    }
    QVERIFY(biggest && biggest->stat.size > 0);
    QFile file(QFile::decodeName(repo->blobPath(*biggest)));
    QVERIFY(file.open(QIODevice::ReadWrite));
    file.seek(qint64(biggest->stat.size / 2));
    char byte = 0;
    QVERIFY(file.getChar(&byte));
    file.seek(qint64(biggest->stat.size / 2));
    QVERIFY(file.putChar(char(byte ^ 0x01)));
    file.close();

    feature->action()->trigger();
    QVERIFY(finished.wait(30000));
    report = finished.takeFirst().first().value<VerifyReport>();
    QCOMPARE(report.corrupt.size(), 1);
    QCOMPARE(report.corrupt.first().path, repo->blobPath(*biggest));
    results = WindowFixture::shown<VerifyResultsDialog>(window, QStringLiteral("verifyResults"));
    QVERIFY(results);
    QVERIFY(results->findChild<QLabel *>(QStringLiteral("verifySummary"))->text().contains(QStringLiteral("1 problem")));
    QVERIFY(results->findChild<QTreeWidget *>(QStringLiteral("verifyProblems"))->topLevelItemCount() >= 1);
    WindowFixture::saveDialogShot(results, QStringLiteral("verify-results.png"));
}

void tst_WindowFeatures::pruneDetachedWithPreview()
{
    MainWindow window;
    WindowFixture::open(window, m_fixture.freshDemo(QStringLiteral("prune")));
    auto *feature = window.findChild<PruneFeature *>();
    auto *deleter = window.findChild<DeleteFeature *>();
    QVERIFY(feature && deleter);
    WindowFixture::selectRefs(window, {});
    QVERIFY(feature->action()->isEnabled());  // cache-wide: needs no selection

    feature->action()->trigger();
    PruneDialog *dialog = WindowFixture::shown<PruneDialog>(window, QStringLiteral("pruneDialog"));
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isPreviewCurrent());
    PruneOptions options;
    options.detached = true;
    QSignalSpy preview(dialog, &PruneDialog::previewReady);
    WindowFixture::choosePruneOptions(*dialog, options);
    QVERIFY(preview.wait(10000));
    const DeletePlan plan = dialog->plan();
    QCOMPARE(plan.render(), dialog->findChild<QPlainTextEdit *>(QStringLiteral("prunePreview"))->toPlainText());
    // The demo cache has detached revisions to show what prune does.
    QVERIFY(!plan.isEmpty());
    QList<QByteArray> gone;
    for (const DeleteItem &item : plan.items) {
        QCOMPARE(item.kind, DeleteItem::Kind::Revision);
        QVERIFY(dialog->findChild<QPlainTextEdit *>(QStringLiteral("prunePreview"))->toPlainText().contains(item.label()));
        gone << plan.root + '/' + item.repoFolder + "/snapshots/" + item.commit;
        QVERIFY(QFileInfo::exists(QFile::decodeName(gone.last())));
    }
    WindowFixture::saveDialogShot(dialog, QStringLiteral("prune-dialog.png"));

    QSignalSpy finished(deleter, &DeleteFeature::finished);
    dialog->accept();
    QVERIFY(finished.wait(10000));
    QVERIFY(finished.first().first().value<DeleteResult>().ok());
    for (const QByteArray &path : gone)
        QVERIFY(!QFileInfo::exists(QFile::decodeName(path)));
}

// "Keep each repo's newest" ranks by refs, not by folder times, and never queues a revision a
// branch, tag or PR points to unless the dialog's "Also revisions a branch… points to" is on;
// even then main's revision is each repo's newest.
void tst_WindowFeatures::pruneKeepNewestNeverQueuesRefs()
{
    MainWindow window;
    WindowFixture::open(window, m_fixture.freshDemo(QStringLiteral("prune-keep")));
    auto *feature = window.findChild<PruneFeature *>();
    QVERIFY(feature);
    feature->action()->trigger();
    PruneDialog *dialog = WindowFixture::shown<PruneDialog>(window, QStringLiteral("pruneDialog"));
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isPreviewCurrent());

    PruneOptions options;
    options.keepLatest = 0;  // everything matches: only the refs protect
    QSignalSpy preview(dialog, &PruneDialog::previewReady);
    WindowFixture::choosePruneOptions(*dialog, options);
    QVERIFY(preview.wait(10000));
    DeletePlan plan = dialog->plan();
    for (const DeleteItem &item : plan.items)
        QVERIFY2(item.refs.isEmpty(), qPrintable(item.label()));
    QVERIFY(!plan.kept.isEmpty());
    QVERIFY(dialog->findChild<QPlainTextEdit *>(QStringLiteral("prunePreview"))->toPlainText().contains(QStringLiteral("--include-refs")));

    options.keepLatest = 1;
    options.includeRefs = true;
    WindowFixture::choosePruneOptions(*dialog, options);
    QVERIFY(preview.wait(10000));
    plan = dialog->plan();
    QVERIFY(!plan.isEmpty());
    for (const DeleteItem &item : plan.items)
        QVERIFY2(!item.refs.contains(QStringLiteral("main")), qPrintable(item.label()));
    dialog->reject();
}

QTEST_MAIN(tst_WindowFeatures)
#include "tst_WindowFeatures.moc"
