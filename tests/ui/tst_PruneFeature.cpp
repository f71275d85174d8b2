// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// Prune in the real window, offscreen: the preview, "keep each repo's newest" and refs, the summary.
#include "WindowFixture.h"

#include "app/MainWindow.h"
#include "maintain/DeleteFeature.h"
#include "maintain/PruneDialog.h"
#include "maintain/PruneFeature.h"

#include <QFile>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>

using namespace hfcache;

class tst_PruneFeature : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void pruneDetachedWithPreview();
    void pruneKeepNewestNeverQueuesRefs();
    void pruneShowsSummary();

private:
    // Opens a fresh demo cache `name` in `window` and, with nothing selected (prune is
    // cache-wide), Prune's dialog on it; null when the action was disabled or no dialog showed.
    PruneDialog *openPruneDialog(MainWindow &window, const QString &name);
    // The plan the dialog previews for the detached revisions; empty when no preview came.
    static DeletePlan detachedPreview(PruneDialog &dialog);

    WindowFixture m_fixture;
};

PruneDialog *tst_PruneFeature::openPruneDialog(MainWindow &window, const QString &name)
{
    WindowFixture::open(window, m_fixture.freshDemo(name));
    auto *feature = window.findChild<PruneFeature *>();
    WindowFixture::selectRefs(window, {});
    if (!feature || !feature->action()->isEnabled())
        return nullptr;
    feature->action()->trigger();
    return WindowFixture::shown<PruneDialog>(window, QStringLiteral("pruneDialog"));
}

DeletePlan tst_PruneFeature::detachedPreview(PruneDialog &dialog)
{
    PruneOptions options;
    options.detached = true;
    QSignalSpy preview(&dialog, &PruneDialog::previewReady);
    WindowFixture::choosePruneOptions(dialog, options);
    return preview.wait(10000) ? dialog.plan() : DeletePlan();
}

void tst_PruneFeature::initTestCase()
{
    m_fixture.setUp(QStringLiteral("tst_PruneFeature"));
}

void tst_PruneFeature::init()
{
    WindowFixture::forgetSettings();
}

void tst_PruneFeature::pruneDetachedWithPreview()
{
    MainWindow window;
    PruneDialog *dialog = openPruneDialog(window, QStringLiteral("prune"));
    QVERIFY(dialog);
    auto *deleter = window.findChild<DeleteFeature *>();
    QVERIFY(deleter);
    QTRY_VERIFY(dialog->isPreviewCurrent());
    const DeletePlan plan = detachedPreview(*dialog);
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
void tst_PruneFeature::pruneKeepNewestNeverQueuesRefs()
{
    MainWindow window;
    PruneDialog *dialog = openPruneDialog(window, QStringLiteral("prune-keep"));
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

// D36: Prune showed nothing after it ran.
void tst_PruneFeature::pruneShowsSummary()
{
    MainWindow window;
    PruneDialog *dialog = openPruneDialog(window, QStringLiteral("prune-summary"));
    QVERIFY(dialog);
    auto *deleter = window.findChild<DeleteFeature *>();
    QVERIFY(deleter);
    const DeletePlan plan = detachedPreview(*dialog);
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

QTEST_MAIN(tst_PruneFeature)
#include "tst_PruneFeature.moc"
