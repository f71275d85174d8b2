// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
//
// Clean and delete in the window's view of every cache under HF_HOME (HomeCleanDialog,
// HomeCleanController), driven by object name on a tree from tests/support/gen_hf_home.py: the
// actions apply to the rows they should, the dialog's sizes are those of `hfcache clean
// --dry-run`, and what a real process uses stays: a lock held by the real filelock (a running
// download_and_prepare, an evaluate process), a file kept open. The executor runs on the pool:
// the GUI thread stays responsive meanwhile (ResponsivenessProbe, as tst_HomeView).
#include "WindowFixture.h"
#include "support/PythonPeer.h"
#include "support/TestSupport.h"

#include "app/MainWindow.h"
#include "app/ResponsivenessProbe.h"
#include "common/TaskProgressDialog.h"
#include "common/WindowHost.h"
#include "home/HomeCleanDialog.h"
#include "home/HomeTreeModel.h"
#include "home/HomeView.h"
#include "maintain/DeleteConfirmDialog.h"

#include "cache/DemoCache.h"
#include "util/HumanFormat.h"

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

#include <sys/stat.h>
#include <sys/time.h>

using namespace hfcache;

namespace {

const QString Filelock = QStringLiteral("3.32.3");
constexpr double BusyBoundMs = 50;  // the GUI thread's longest busy stretch (tst_HomeView's bound)
constexpr int BigDownloads = 20000;

// Keeps argv[1] open (read-only), as a reader between two reads.
const char *const OpenHolder = "import sys\nf = open(sys.argv[1], 'rb')\nprint('open', flush=True)\nsys.stdin.readline()\n";

// Every variable a kind's library reads its root from: unset, so XDG_CACHE_HOME alone decides.
const char *const RootVariables[] = {
    "HF_HOME", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_XET_CACHE", "HF_DATASETS_CACHE", "HF_METRICS_CACHE",
    "HF_EVALUATE_CACHE", "HF_MODULES_CACHE", "HF_ASSETS_CACHE", "HUGGINGFACE_ASSETS_CACHE", "HF_TOKEN_PATH",
    "SENTENCE_TRANSFORMERS_HOME", "TORCH_HOME", "TRANSFORMERS_CACHE", "PYTORCH_TRANSFORMERS_CACHE",
    "PYTORCH_PRETRAINED_BERT_CACHE",
};

bool exists(const QString &path)
{
    struct stat st;
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0;
}

QTreeView *homeTree(const MainWindow &window)
{
    return window.findChild<QTreeView *>(QStringLiteral("homeTree"));
}

HomeTreeModel *homeModel(const MainWindow &window)
{
    return qobject_cast<HomeTreeModel *>(homeTree(window)->model());
}

QAction *action(const MainWindow &window, const QString &name)
{
    return window.findChild<QAction *>(name);
}

// The row of the cache named `name` (as `home` names it).
QModelIndex kindRow(const MainWindow &window, const QString &name)
{
    HomeTreeModel *model = homeModel(window);
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, HomeTreeModel::NameColumn);
        if (index.data().toString() == name)
            return index;
    }
    return {};
}

// Selects `rows` (the first current), as clicks with Ctrl would.
void selectRows(const MainWindow &window, const QModelIndexList &rows)
{
    QItemSelectionModel *selection = homeTree(window)->selectionModel();
    selection->clearSelection();
    for (const QModelIndex &row : rows)
        selection->select(row, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    selection->setCurrentIndex(rows.first(), QItemSelectionModel::NoUpdate);
}

// The item rows of a cache, expanded.
// The item rows of `kind`, once the expand's first batch (made off the GUI thread) is in.
QModelIndexList itemRows(const MainWindow &window, const QModelIndex &kind)
{
    homeTree(window)->expand(kind);
    QModelIndexList rows;
    static_cast<void>(QTest::qWaitFor([&] {  // on a timeout the callers see the rows there are
        rows.clear();
        for (int row = 0; row < homeModel(window)->rowCount(kind); ++row) {
            const QModelIndex index = homeModel(window)->index(row, 0, kind);
            if (index.siblingAtColumn(HomeTreeModel::TypeColumn).data().toString() != QString())
                rows << index;
        }
        return !rows.isEmpty();
    }, 20000));
    return rows;
}

} // namespace

class tst_HomeCleanDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void actionsApplyToTheirRows();
    void sizesAreTheCliDryRuns();
    void cleanKeepsHeldLockAndOpenFile();
    void deleteKeyKeepsTheHeldExperiment();
    void screenshots();
    void bigCleanWithoutStall();

private:
    // Selects the cache `name`, Clean…, and waits for the dialog's dry runs.
    HomeCleanDialog *openClean(MainWindow &window, const QString &name);
    // Clean in the dialog, Delete in its confirmation; waits for the summary and the rescan.
    // With `cancel`, Cancel in the progress dialog right away.
    void cleanAndConfirm(MainWindow &window, HomeCleanDialog *dialog, bool cancel = false);
    QString path(const QString &manifestKey, int index = 0) const;

    WindowFixture m_fixture;
    QString m_home;
    QJsonObject m_manifest;
    int m_round = 0;
};

void tst_HomeCleanDialog::initTestCase()
{
    m_fixture.setUp(QStringLiteral("tst_HomeCleanDialog"));
}

// A new tree for every test: they delete from it.
void tst_HomeCleanDialog::init()
{
    WindowFixture::forgetSettings();
    const QString dir = m_fixture.tmp().filePath(QStringLiteral("home%1").arg(++m_round));
    m_home = dir + QStringLiteral("/cache/huggingface");
    const QString manifest = dir + QStringLiteral("/manifest.json");
    QByteArray err;
    // The leftovers of killed processes two hours old, as a cache found the morning after.
    QCOMPARE(TestSupport::runProgram(QStringLiteral("/usr/bin/python3"),
                                     {TestSupport::sourceDir() + QStringLiteral("/tests/support/gen_hf_home.py"),
                                      QStringLiteral("generate"), m_home, QStringLiteral("--filelock"), Filelock,
                                      QStringLiteral("--temporaries-age"), QStringLiteral("7200"),
                                      QStringLiteral("--manifest"), manifest},
                                     nullptr, &err),
             0);
    QFile file(manifest);
    QVERIFY(file.open(QIODevice::ReadOnly));
    m_manifest = QJsonDocument::fromJson(file.readAll()).object();
    QString error;
    QVERIFY2(DemoCache::write(QFile::encodeName(m_home + QStringLiteral("/hub")), &error), qPrintable(error));
    for (const char *name : RootVariables)
        qunsetenv(name);
    qputenv("XDG_CACHE_HOME", QFile::encodeName(dir + QStringLiteral("/cache")));
}

QString tst_HomeCleanDialog::path(const QString &manifestKey, int index) const
{
    return QDir::cleanPath(m_home + QLatin1Char('/') + m_manifest.value(manifestKey).toArray().at(index).toString());
}

HomeCleanDialog *tst_HomeCleanDialog::openClean(MainWindow &window, const QString &name)
{
    const QModelIndex row = kindRow(window, name);
    if (!row.isValid())
        return nullptr;
    homeTree(window)->setCurrentIndex(row);
    QAction *clean = action(window, QStringLiteral("homeCleanAction"));
    if (!clean->isEnabled())
        return nullptr;
    clean->trigger();
    auto *dialog = WindowFixture::shown<HomeCleanDialog>(window, QStringLiteral("homeCleanDialog"));
    if (dialog && !QTest::qWaitFor([dialog] { return dialog->isSurveyed() && dialog->isPlanned(); }, 30000))
        return nullptr;
    return dialog;
}

void tst_HomeCleanDialog::cleanAndConfirm(MainWindow &window, HomeCleanDialog *dialog, bool cancel)
{
    auto *clean = dialog->findChild<QPushButton *>(QStringLiteral("homeCleanButton"));
    QVERIFY(clean->isEnabled());
    clean->click();
    QMessageBox *confirm = nullptr;
    QTRY_VERIFY((confirm = WindowFixture::shown<QMessageBox>(*dialog, QStringLiteral("homeCleanConfirm"))));
    QSignalSpy rescanned(WindowFixture::homeView(window), &HomeView::scanFinished);
    confirm->button(QMessageBox::Yes)->click();
    if (cancel) {
        auto *progress = WindowFixture::shown<TaskProgressDialog>(window, QStringLiteral("taskProgressDialog"));
        QVERIFY(progress);
        progress->findChild<QPushButton *>()->click();
    }
    QTRY_VERIFY_WITH_TIMEOUT(WindowFixture::shown<QMessageBox>(window, QStringLiteral("homeCleanSummary")), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(!rescanned.isEmpty(), 30000);  // the rescan may end before the summary shows
}

void tst_HomeCleanDialog::actionsApplyToTheirRows()
{
    MainWindow window;
    WindowFixture::openHomeView(window);
    QAction *clean = action(window, QStringLiteral("homeCleanAction"));
    QAction *del = action(window, QStringLiteral("homeDeleteAction"));
    QVERIFY(clean && del);
    QTreeView *tree = homeTree(window);
    const QModelIndex xet = kindRow(window, QStringLiteral("xet cache"));
    tree->setCurrentIndex(xet);
    QVERIFY(clean->isEnabled());
    QVERIFY(!del->isEnabled());  // a whole cache is Clean's, not Delete's
    // The hub cache is the hub browser's; the token is never deleted.
    tree->setCurrentIndex(kindRow(window, QStringLiteral("hub cache")));
    QVERIFY(!clean->isEnabled());
    QVERIFY2(clean->toolTip().contains(QStringLiteral("hub browser")), qPrintable(clean->toolTip()));
    selectRows(window, itemRows(window, kindRow(window, QStringLiteral("hub cache"))).mid(0, 1));
    QVERIFY(!del->isEnabled());
    tree->setCurrentIndex(kindRow(window, QStringLiteral("token (file)")));
    QVERIFY(!clean->isEnabled());
    // Items: of one cache, several at once; not across caches.
    const QModelIndexList experiments = itemRows(window, kindRow(window, QStringLiteral("evaluate metrics")));
    QCOMPARE(experiments.size(), 2);
    selectRows(window, experiments);
    QVERIFY(del->isEnabled());
    QVERIFY(!clean->isEnabled());
    selectRows(window, {experiments.first(), itemRows(window, xet).first()});
    QVERIFY(!del->isEnabled());
    QVERIFY2(del->toolTip().contains(QStringLiteral("one cache")), qPrintable(del->toolTip()));
    // In the Edit menu and the view's header; off while the hub browser is in front.
    QVERIFY(window.host()->menu(WindowHost::Menu::Edit)->actions().contains(clean));
    selectRows(window, experiments);
    window.host()->showBrowser();
    QVERIFY(!del->isEnabled());
    window.host()->showView(WindowFixture::homeView(window));
    QVERIFY(del->isEnabled());
    // The categories each kind offers: those of `hfcache clean`, the legacy caches whole.
    const auto keys = [](const QString &kind) {
        QStringList list;
        for (const HomeCleanDialog::Category &category : HomeCleanDialog::categoriesOf(kind))
            list << category.key;
        return list;
    };
    QCOMPARE(keys(QStringLiteral("xet")), (QStringList{QStringLiteral("xet-chunk-cache"), QStringLiteral("xet-logs"),
                                                       QStringLiteral("xet-staging"), QStringLiteral("xet-shards"),
                                                       QStringLiteral("whole")}));
    QCOMPARE(keys(QStringLiteral("sentence_transformers")), QStringList{QStringLiteral("legacy")});
    QCOMPARE(keys(QStringLiteral("torch_hub")), (QStringList{QStringLiteral("legacy"), QStringLiteral("whole")}));
    QVERIFY(keys(QStringLiteral("hub")).isEmpty());
    QVERIFY(keys(QStringLiteral("token")).isEmpty());
}

void tst_HomeCleanDialog::sizesAreTheCliDryRuns()
{
    MainWindow window;
    WindowFixture::openHomeView(window);
    HomeCleanDialog *dialog = openClean(window, QStringLiteral("xet cache"));
    QVERIFY(dialog);
    for (const QString &target : {QStringLiteral("xet-chunk-cache"), QStringLiteral("xet-staging"), QStringLiteral("xet-logs")}) {
        const TestSupport::CliResult cli = TestSupport::runCli({QStringLiteral("clean"), QStringLiteral("--dry-run"),
                                                                QStringLiteral("--json"), target});
        QCOMPARE(cli.exitCode, 0);
        const QJsonObject plan = QJsonDocument::fromJson(cli.out).object().value(QStringLiteral("caches")).toArray()
                                     .at(0).toObject().value(QStringLiteral("plan")).toObject();
        const quint64 bytes = quint64(plan.value(QStringLiteral("bytes_freed")).toDouble());
        QVERIFY(bytes > 0);
        const QString size = dialog->findChild<QLabel *>(QStringLiteral("homeCleanSize_") + target)->text();
        QVERIFY2(size.startsWith(HumanFormat::size(bytes) + QLatin1Char(' ')), qPrintable(target + QStringLiteral(": ") + size));
    }
    // The shard cache trimmed to 0 GiB: every shard; the ticked ones' total follows.
    auto *total = dialog->findChild<QLabel *>(QStringLiteral("homeCleanTotal"));
    const QString before = total->text();
    QSignalSpy planned(dialog, &HomeCleanDialog::planned);
    dialog->findChild<QDoubleSpinBox *>(QStringLiteral("homeCleanShardLimit"))->setValue(0);
    QVERIFY(planned.wait(10000));
    QVERIFY2(total->text() != before, qPrintable(total->text()));
    QVERIFY(dialog->findChild<QPlainTextEdit *>(QStringLiteral("homeCleanDetails"))->toPlainText().contains(QStringLiteral("oldest shard(s)")));
    // Nothing ticked: nothing to clean.
    for (QCheckBox *box : dialog->findChildren<QCheckBox *>())
        box->setChecked(false);
    QTRY_VERIFY(dialog->isPlanned());
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("homeCleanButton"))->isEnabled());
    dialog->reject();
}

void tst_HomeCleanDialog::cleanKeepsHeldLockAndOpenFile()
{
    // download_and_prepare runs: it holds <fp>_builder.lock (the real filelock) beside its .incomplete.
    const QString incompleteFile = path(QStringLiteral("datasets.incomplete"), 0);
    const QString incomplete = QFileInfo(incompleteFile).path();
    QVERIFY(incomplete.endsWith(QStringLiteral(".incomplete")));
    PythonPeer preparer(PythonPeer::FileLockHolder, QFile::encodeName(incomplete.chopped(11) + QStringLiteral("_builder.lock")),
                        Filelock);
    QVERIFY(preparer.waitFor("locked"));
    // A reader has one map cache open; the other map caches and the dead download go.
    const QString openCache = path(QStringLiteral("datasets.map_cache"), 0);
    PythonPeer reader(OpenHolder, QFile::encodeName(openCache));
    QVERIFY(reader.waitFor("open"));
    const QString otherCache = path(QStringLiteral("datasets.map_cache"), 1);
    const QString deadDownload = path(QStringLiteral("datasets.incomplete"), 1);

    MainWindow window;
    WindowFixture::openHomeView(window);
    const int entriesBefore = kindRow(window, QStringLiteral("datasets cache")).siblingAtColumn(HomeTreeModel::EntriesColumn).data().toInt();
    HomeCleanDialog *dialog = openClean(window, QStringLiteral("datasets cache"));
    QVERIFY(dialog);
    for (const QString &key : {QStringLiteral("datasets-map-caches"), QStringLiteral("datasets-orphans"), QStringLiteral("datasets-incomplete")})
        QVERIFY(dialog->findChild<QCheckBox *>(QStringLiteral("homeClean_") + key)->isChecked());
    QVERIFY(!dialog->findChild<QCheckBox *>(QStringLiteral("homeClean_whole"))->isChecked());
    // What stays and why, as the CLI's dry run says it.
    const QString dryRun = dialog->findChild<QPlainTextEdit *>(QStringLiteral("homeCleanDetails"))->toPlainText();
    QVERIFY2(dryRun.contains(QStringLiteral("Kept %1: running: a process holds its lock").arg(incomplete)), qPrintable(dryRun));
    QVERIFY2(dryRun.contains(QStringLiteral("Kept %1: in use by pid %2").arg(openCache).arg(reader.pid())), qPrintable(dryRun));
    QVERIFY2(dryRun.contains(QFileInfo(otherCache).fileName()), qPrintable(dryRun));
    const QString kept = dialog->findChild<QLabel *>(QStringLiteral("homeCleanKept"))->text();
    QVERIFY2(kept.contains(QStringLiteral("running: a process holds its lock")) && kept.contains(QStringLiteral("in use by pid %1").arg(reader.pid())),
             qPrintable(kept));

    ResponsivenessProbe probe;
    probe.start();
    cleanAndConfirm(window, dialog);
    probe.stop();
    qInfo("clean from the window: the GUI thread busy at most %.1f ms in one go, longest without answer %.1f ms, %d ticks",
          probe.maxBusyMs(), probe.maxStallMs(), probe.ticks());
    QVERIFY2(probe.maxBusyMs() < BusyBoundMs,
             qPrintable(QStringLiteral("the GUI thread was busy %1 ms in one go").arg(probe.maxBusyMs())));
    QVERIFY(exists(incompleteFile));
    QVERIFY(exists(openCache));
    QVERIFY(!exists(otherCache));
    QVERIFY(!exists(deadDownload));
    auto *summary = WindowFixture::shown<QMessageBox>(window, QStringLiteral("homeCleanSummary"));
    QVERIFY2(summary->text().startsWith(QStringLiteral("Deleted ")) && summary->text().contains(QStringLiteral("freed")),
             qPrintable(summary->text()));
    // The rows are the new scan's.
    const int entriesAfter = kindRow(window, QStringLiteral("datasets cache")).siblingAtColumn(HomeTreeModel::EntriesColumn).data().toInt();
    QVERIFY2(entriesAfter < entriesBefore, qPrintable(QStringLiteral("%1 -> %2").arg(entriesBefore).arg(entriesAfter)));
}

void tst_HomeCleanDialog::deleteKeyKeepsTheHeldExperiment()
{
    // One evaluate process of test4-3 still holds the rendezvous lock (the real filelock).
    const QString metrics = m_home + QStringLiteral("/metrics/accuracy/default/");
    PythonPeer holder(PythonPeer::FileLockHolder, QFile::encodeName(metrics + QStringLiteral("test4-3-rdv.lock")), Filelock);
    QVERIFY(holder.waitFor("locked"));

    MainWindow window;
    WindowFixture::openHomeView(window);
    const QModelIndexList experiments = itemRows(window, kindRow(window, QStringLiteral("evaluate metrics")));
    QCOMPARE(experiments.size(), 2);
    selectRows(window, experiments);
    QTreeView *tree = homeTree(window);
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_Delete);
    DeleteConfirmDialog *confirm = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((confirm = WindowFixture::shown<DeleteConfirmDialog>(window, QStringLiteral("deleteConfirmDialog"))), 30000);
    const QString shown = confirm->findChild<QPlainTextEdit *>()->toPlainText();
    QVERIFY2(shown.contains(QStringLiteral("accuracy/default/default_experiment-2")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("Kept %1test4-3: accuracy/default/test4-3-rdv.lock in use by pid %2")
                                .arg(metrics).arg(holder.pid())),
             qPrintable(shown));
    QSignalSpy rescanned(WindowFixture::homeView(window), &HomeView::scanFinished);
    confirm->findChild<QPushButton *>(QStringLiteral("deleteButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(WindowFixture::shown<QMessageBox>(window, QStringLiteral("homeCleanSummary")), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!rescanned.isEmpty(), 30000);  // the rescan may end before the summary shows
    QVERIFY(!exists(metrics + QStringLiteral("default_experiment-2-rdv.lock")));
    QVERIFY(exists(metrics + QStringLiteral("test4-3-rdv.lock")));
    QVERIFY(exists(metrics + QStringLiteral("test4-3-0.arrow")));
    // The held lock still excludes: it is the inode the holder locked.
    holder.next();
    QVERIFY(holder.waitFor("released"));
    QCOMPARE(itemRows(window, kindRow(window, QStringLiteral("evaluate metrics"))).size(), 1);
}

void tst_HomeCleanDialog::screenshots()
{
    // A download_and_prepare runs (the real filelock holds its lock): the dry run says it stays.
    const QString incomplete = QFileInfo(path(QStringLiteral("datasets.incomplete"), 0)).path();
    PythonPeer preparer(PythonPeer::FileLockHolder, QFile::encodeName(incomplete.chopped(11) + QStringLiteral("_builder.lock")),
                        Filelock);
    QVERIFY(preparer.waitFor("locked"));
    for (const QSize size : {QSize(800, 600), QSize(1600, 1000)}) {
        MainWindow window;
        WindowFixture::openHomeView(window, size);
        HomeCleanDialog *dialog = openClean(window, QStringLiteral("datasets cache"));
        QVERIFY(dialog);
        QTest::qWait(50);
        // The window with its dialog over it, where a window manager would center it.
        QPixmap shot = window.grab();
        QPainter painter(&shot);
        const QPixmap front = dialog->grab();
        const QRect frame((shot.width() - front.width()) / 2, (shot.height() - front.height()) / 2, front.width(), front.height());
        painter.drawPixmap(frame.topLeft(), front);
        painter.setPen(window.palette().color(QPalette::Shadow));  // offscreen windows have no frame of their own
        painter.drawRect(frame.adjusted(-1, -1, 0, 0));
        painter.end();
        const QString dir = qEnvironmentVariable("HFCACHE_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(shot.save(dir + QStringLiteral("/home-clean-%1x%2.png").arg(size.width()).arg(size.height())));
        dialog->reject();
    }
}

void tst_HomeCleanDialog::bigCleanWithoutStall()
{
    // A datasets cache of 20,000 downloads emptied whole (20,000 items in the dry run and the
    // executor), first cancelled midway: the GUI thread is never busy for long.
    const QString dir = m_fixture.tmp().filePath(QStringLiteral("big"));
    QCOMPARE(TestSupport::runProgram(QStringLiteral("/usr/bin/python3"),
                                     {TestSupport::sourceDir() + QStringLiteral("/tests/support/gen_hf_home.py"),
                                      QStringLiteral("generate"), dir + QStringLiteral("/cache/huggingface"), QStringLiteral("--kinds"),
                                      QStringLiteral("datasets"), QStringLiteral("--downloads"), QString::number(BigDownloads)}),
             0);
    qputenv("XDG_CACHE_HOME", QFile::encodeName(dir + QStringLiteral("/cache")));
    MainWindow window;
    window.resize(1100, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    WindowFixture::openHomeView(window);
    ResponsivenessProbe probe;
    probe.start();
    HomeCleanDialog *dialog = openClean(window, QStringLiteral("datasets cache"));
    QVERIFY(dialog);
    QSignalSpy planned(dialog, &HomeCleanDialog::planned);
    dialog->findChild<QCheckBox *>(QStringLiteral("homeClean_whole"))->setChecked(true);
    QVERIFY(planned.wait(60000));
    QVERIFY(dialog->dryRun().plan.items.size() > BigDownloads);
    const int items = int(dialog->dryRun().plan.items.size());
    // Cancel stops between items: some went, the rest is there, and the summary says so.
    cleanAndConfirm(window, dialog, true);
    const QString cancelled = WindowFixture::shown<QMessageBox>(window, QStringLiteral("homeCleanSummary"))->text();
    QVERIFY2(cancelled.startsWith(QStringLiteral("Cancelled. Deleted ")) && !cancelled.contains(QStringLiteral(" %1 of %1 ").arg(items)),
             qPrintable(cancelled));
    QVERIFY(kindRow(window, QStringLiteral("datasets cache")).siblingAtColumn(HomeTreeModel::EntriesColumn).data().toInt() > 0);
    dialog = openClean(window, QStringLiteral("datasets cache"));
    QVERIFY(dialog);
    QSignalSpy replanned(dialog, &HomeCleanDialog::planned);
    dialog->findChild<QCheckBox *>(QStringLiteral("homeClean_whole"))->setChecked(true);
    QVERIFY(replanned.wait(60000));
    cleanAndConfirm(window, dialog);
    probe.stop();
    const QModelIndex datasets = kindRow(window, QStringLiteral("datasets cache"));
    QCOMPARE(datasets.siblingAtColumn(HomeTreeModel::EntriesColumn).data().toInt(), 0);
    qInfo("clean of %d downloads from the window: GUI thread busy at most %.1f ms in one go, longest without answer "
          "%.1f ms (at %.0f ms), %d ticks", BigDownloads, probe.maxBusyMs(), probe.maxStallMs(), probe.maxStallAtMs(), probe.ticks());
    QVERIFY2(probe.maxBusyMs() < BusyBoundMs,
             qPrintable(QStringLiteral("the GUI thread was busy %1 ms in one go").arg(probe.maxBusyMs())));
}

QTEST_MAIN(tst_HomeCleanDialog)
#include "tst_HomeCleanDialog.moc"
