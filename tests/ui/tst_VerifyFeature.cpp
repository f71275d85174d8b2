// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// Verify in the real window, offscreen: a flipped byte found, the progress and results
// readable, Cancel inside a big blob, and the broken files marked in the tree.
#include "WindowFixture.h"
#include "support/CacheBuilder.h"

#include "app/MainWindow.h"
#include "browser/CacheTreeModel.h"
#include "common/TaskProgressDialog.h"
#include "maintain/VerifyFeature.h"
#include "maintain/VerifyResultsDialog.h"

#include "util/HumanFormat.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

#include <unistd.h>

using namespace hfcache;

class tst_VerifyFeature : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void verifyFindsFlippedByte();
    void verifyProgressAndResultsReadable();
    void verifyCancelStopsInsideABlob();
    void verifyMarksBrokenFilesInTheTree();

private:
    WindowFixture m_fixture;
};

void tst_VerifyFeature::initTestCase()
{
    m_fixture.setUp(QStringLiteral("tst_VerifyFeature"));
}

void tst_VerifyFeature::init()
{
    WindowFixture::forgetSettings();
}

void tst_VerifyFeature::verifyFindsFlippedByte()
{
    MainWindow window;
    WindowFixture::open(window, m_fixture.freshDemo(QStringLiteral("verify")));
    auto *feature = window.findChild<VerifyFeature *>();
    QVERIFY(feature);
    const CachedRepoPtr repo = WindowFixture::repoWithRevisions(window, 1);
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

// D32: no rate or time left while hashing; the results' Details column cut at any width.
void tst_VerifyFeature::verifyProgressAndResultsReadable()
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

// D32: Cancel waited for the end of the blob being hashed (2.5 s on a big one; the flag was
// read between files) and the report then said the whole size had been hashed.
void tst_VerifyFeature::verifyCancelStopsInsideABlob()
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
void tst_VerifyFeature::verifyMarksBrokenFilesInTheTree()
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

QTEST_MAIN(tst_VerifyFeature)
#include "tst_VerifyFeature.moc"
