// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// Export in the real window, offscreen, on a fresh demo cache per test, driven through the
// dialog without exec(): a revision exported, the dialog's defaults from the settings, Cancel.
#include "WindowFixture.h"

#include "app/MainWindow.h"
#include "common/AppSettings.h"
#include "common/TaskProgressDialog.h"
#include "export/ExportDialog.h"
#include "export/ExportFeature.h"

#include "export/GzipEncoder.h"
#include "util/BackgroundThreads.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QThreadPool>

#include <utility>

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

class tst_ExportFeature : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void exportRevisionThroughDialog();
    void exportDialogStartsFromSettings();
    void exportCancelKeepsProgressUntilWorkerStops();

private:
    ExportFeature *exportFeatureOnRevision(MainWindow &window, const QString &demo);

    WindowFixture m_fixture;
};

void tst_ExportFeature::initTestCase()
{
    m_fixture.setUp(QStringLiteral("tst_ExportFeature"));
}

void tst_ExportFeature::init()
{
    WindowFixture::forgetSettings();
}

// The window on a fresh demo cache with the first revision of a repo selected: what Export acts on.
ExportFeature *tst_ExportFeature::exportFeatureOnRevision(MainWindow &window, const QString &demo)
{
    WindowFixture::open(window, m_fixture.freshDemo(demo));
    const CachedRepoPtr repo = WindowFixture::repoWithRevisions(window, 1);
    if (!repo)
        return nullptr;
    WindowFixture::selectRefs(window, {{NodeRef::Kind::Revision, repo->folderName, repo->revisions.first().commit, {}}});
    return window.findChild<ExportFeature *>();
}

void tst_ExportFeature::exportRevisionThroughDialog()
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
void tst_ExportFeature::exportDialogStartsFromSettings()
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
void tst_ExportFeature::exportCancelKeepsProgressUntilWorkerStops()
{
    MainWindow window;
    ExportFeature *feature = exportFeatureOnRevision(window, QStringLiteral("export-cancel"));
    QVERIFY(feature);

    // The background pool's only thread waits on `gate`, so the export stays queued and Cancel lands
    // before it starts, every run.
    QThreadPool *pool = backgroundThreadPool();
    const int threads = pool->maxThreadCount();
    pool->setMaxThreadCount(1);
    QSemaphore gate;
    QSemaphore blocking;
    QFuture<void> blocker = runOnBackgroundThread([&] {
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

QTEST_MAIN(tst_ExportFeature)
#include "tst_ExportFeature.moc"
