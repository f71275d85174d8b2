// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// Delete in the real window, offscreen: a revision deleted after the confirmation, and a
// delete refused while a download holds a lock of the repo.
#include "WindowFixture.h"

#include "app/MainWindow.h"
#include "browser/CacheTreeModel.h"
#include "common/ActionRegistry.h"
#include "maintain/DeleteConfirmDialog.h"
#include "maintain/DeleteFeature.h"
#include "maintain/PruneDialog.h"
#include "maintain/PruneFeature.h"

#include "util/HumanFormat.h"

#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace hfcache;

class tst_DeleteFeature : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void deleteRevisionAfterConfirmation();
    void deleteRefusedWhileDownloadHoldsLock();

private:
    WindowFixture m_fixture;
};

void tst_DeleteFeature::initTestCase()
{
    m_fixture.setUp(QStringLiteral("tst_DeleteFeature"));
}

void tst_DeleteFeature::init()
{
    WindowFixture::forgetSettings();
}

void tst_DeleteFeature::deleteRevisionAfterConfirmation()
{
    MainWindow window;
    const QString root = m_fixture.freshDemo(QStringLiteral("delete"));
    WindowFixture::open(window, root);
    auto *feature = window.findChild<DeleteFeature *>();
    QVERIFY(feature);
    const CachedRepoPtr repo = WindowFixture::repoWithRevisions(window, 2);
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

void tst_DeleteFeature::deleteRefusedWhileDownloadHoldsLock()
{
    MainWindow window;
    WindowFixture::open(window, m_fixture.freshDemo(QStringLiteral("locked")));
    auto *feature = window.findChild<DeleteFeature *>();
    const CachedRepoPtr repo = WindowFixture::repoWithRevisions(window, 2);
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

QTEST_MAIN(tst_DeleteFeature)
#include "tst_DeleteFeature.moc"
