// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
//
// Repair… in the HF_HOME tab, driven through the window's widgets by object name: a group-shared
// HF_HOME of user A (gen_hf_home.py run as A, lock files made by the real filelock 3.20.3 under
// umask 000: 0644), a lock of user B's, and the token trap (the folder huggingface_hub >= 1.16
// leaves 0700). The window runs as root for A (SUDO_UID, as `sudo hfcache-gui` would), so B's
// lock is the real hfcache-helper's to change; afterwards B takes every lock with the real filelock.
#include "WindowFixture.h"
#include "support/TestSupport.h"

#include "app/MainWindow.h"
#include "home/HomeTreeModel.h"
#include "home/HomeView.h"
#include "permissions/RepairDialog.h"

#include "repair/RepairRun.h"

#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace hfcache;
using TestSupport::TestUser;

namespace {

const QString kGroup = QStringLiteral("hfct-hra-g");

const char *const RootVariables[] = {
    "HF_HOME", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_XET_CACHE", "HF_DATASETS_CACHE", "HF_METRICS_CACHE",
    "HF_EVALUATE_CACHE", "HF_MODULES_CACHE", "HF_ASSETS_CACHE", "HUGGINGFACE_ASSETS_CACHE", "HF_TOKEN_PATH",
    "SENTENCE_TRANSFORMERS_HOME", "TORCH_HOME", "TRANSFORMERS_CACHE", "PYTORCH_TRANSFORMERS_CACHE",
    "PYTORCH_PRETRAINED_BERT_CACHE",
};

struct stat lstatOf(const QByteArray &path)
{
    struct stat st = {};
    ::lstat(path.constData(), &st);
    return st;
}

// The real filelock's acquire of each lock as `user`: "ok <path>" per lock it could take.
QByteArray acquireAll(const TestUser &user, const QList<QByteArray> &locks)
{
    QStringList args{QStringLiteral("-c"),
                     QStringLiteral("import sys\nsys.path.insert(0, sys.argv[1])\nfrom filelock import FileLock\n"
                                    "for path in sys.argv[2:]:\n"
                                    "    try:\n"
                                    "        lock = FileLock(path, timeout=5); lock.acquire(); lock.release(); print('ok', path)\n"
                                    "    except Exception as error:\n"
                                    "        print('failed', path, type(error).__name__, error)\n"),
                     TestSupport::sharedDir() + QStringLiteral("/peers/filelock-3.20.3/src")};
    for (const QByteArray &lock : locks)
        args << QFile::decodeName(lock);
    QByteArray out, err;
    TestSupport::runAsUser(user, QStringLiteral("/usr/bin/python3"), args, &out, &err);
    return out + err;
}

} // namespace

class tst_HomeRepairActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void kindRepairSharesTheMetricsLocks();
    void homeRepairFixesTheTokenTrap();

private:
    // Selects the row of the kind named `name` in the tab.
    void selectKind(MainWindow &window, const QString &name);
    // Opens the dialog with the button `button` and plans the share-group recipe (*dialog: it).
    void openAndPlan(MainWindow &window, const QString &button, QDialog **dialog);
    void applyAndWait(MainWindow &window, QDialog *dialog);
    QList<QByteArray> locksOf(const QStringList &notes) const;

    WindowFixture m_fixture;
    std::optional<TestUser> m_a;
    std::optional<TestUser> m_b;
    uint m_group = 0;
    QByteArray m_base;
    QByteArray m_home;
    QByteArray m_bLock;
    QJsonObject m_manifest;
};

void tst_HomeRepairActions::initTestCase()
{
    m_fixture.setUp(QStringLiteral("tst_HomeRepairActions"));
    if (::geteuid() != 0)
        QSKIP("needs root to act as two users and to run the helper (CI runs as root)");
    m_a = TestSupport::ensureUser(QStringLiteral("hfct-hra-a"));
    m_b = TestSupport::ensureUser(QStringLiteral("hfct-hra-b"));
    QVERIFY(m_a && m_b);
    if (!::getgrnam(kGroup.toLatin1().constData()))
        QCOMPARE(TestSupport::runProgram(QStringLiteral("groupadd"), {kGroup}), 0);
    for (const QString &user : {m_a->name, m_b->name})
        QCOMPARE(TestSupport::runProgram(QStringLiteral("usermod"), {QStringLiteral("-aG"), kGroup, user}), 0);
    m_group = ::getgrnam(kGroup.toLatin1().constData())->gr_gid;
    qputenv("HFCACHE_HELPER", HFCACHE_BINARY_DIR "/app/hfcache-helper");
}

void tst_HomeRepairActions::init()
{
    WindowFixture::forgetSettings();
    m_base = QFile::encodeName(m_fixture.tmp().filePath(QString::fromLatin1(QTest::currentTestFunction())));
    const QByteArray xdg = m_base + "/cache";
    m_home = xdg + "/huggingface";
    QVERIFY(QDir().mkpath(QFile::decodeName(m_home)));
    QCOMPARE(::chmod(QFile::encodeName(m_fixture.tmp().path()).constData(), 0755), 0);
    QCOMPARE(::chmod(m_base.constData(), 0755), 0);
    QCOMPARE(::chown(xdg.constData(), m_a->uid, m_a->gid), 0);
    QCOMPARE(::chown(m_home.constData(), m_a->uid, m_group), 0);
    QCOMPARE(::chmod(m_home.constData(), 02775), 0);
    // A's caches: 0644 locks whatever the umask (filelock 3.10.7-3.23), and A's login's 0700 HF_HOME.
    const QString manifest = QFile::decodeName(m_base) + QStringLiteral("/manifest.json");
    QCOMPARE(TestSupport::runProgram(QStringLiteral("touch"), {manifest}), 0);
    QCOMPARE(::chown(QFile::encodeName(manifest).constData(), m_a->uid, m_a->gid), 0);
    QByteArray err;
    QVERIFY2(TestSupport::runAsUser(*m_a, QStringLiteral("/usr/bin/python3"),
                                    {TestSupport::sourceDir() + QStringLiteral("/tests/support/gen_hf_home.py"), QStringLiteral("generate"),
                                     QFile::decodeName(m_home), QStringLiteral("--kinds"), QStringLiteral("datasets,metrics,token"),
                                     QStringLiteral("--filelock"), QStringLiteral("3.20.3"), QStringLiteral("--umask"),
                                     QStringLiteral("000"), QStringLiteral("--token-chmod"), QStringLiteral("--manifest"), manifest},
                                    nullptr, &err) == 0,
             err.constData());
    QFile file(manifest);
    QVERIFY(file.open(QIODevice::ReadOnly));
    m_manifest = QJsonDocument::fromJson(file.readAll()).object();
    // B, umask 022, the first to lock one more experiment file (datasets #7900: the first user's mode).
    m_bLock = m_home + "/metrics/accuracy/default/b_experiment-1-0.arrow.lock";
    QCOMPARE(::chmod(m_home.constData(), 02775), 0);  // B reaches it for this one step
    QVERIFY2(TestSupport::runAsUser(*m_b, QStringLiteral("/usr/bin/python3"),
                                    {QStringLiteral("-c"),
                                     QStringLiteral("import os, sys\nos.umask(0o022)\nsys.path.insert(0, sys.argv[1])\n"
                                                    "from filelock import FileLock\nl = FileLock(sys.argv[2]); l.acquire(); l.release()\n"),
                                     TestSupport::sharedDir() + QStringLiteral("/peers/filelock-3.20.3/src"), QFile::decodeName(m_bLock)},
                                    nullptr, &err) == 0,
             err.constData());
    QCOMPARE(::chmod(m_home.constData(), 0700), 0);  // the token trap, as A's login left it
    QCOMPARE(lstatOf(m_bLock).st_uid, m_b->uid);
    for (const char *name : RootVariables)
        qunsetenv(name);
    qputenv("XDG_CACHE_HOME", xdg);
    qputenv("SUDO_UID", QByteArray::number(m_a->uid));  // the window repairs for A
}

void tst_HomeRepairActions::cleanup()
{
    qunsetenv("SUDO_UID");
    TestSupport::removeTree(QFile::decodeName(m_base));
}

QList<QByteArray> tst_HomeRepairActions::locksOf(const QStringList &notes) const
{
    QList<QByteArray> locks;
    for (const QString &note : notes) {
        for (const QJsonValue &path : m_manifest.value(note).toArray())
            locks << m_home + '/' + QFile::encodeName(path.toString());
    }
    return locks;
}

void tst_HomeRepairActions::selectKind(MainWindow &window, const QString &name)
{
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("homeTree"));
    auto *model = qobject_cast<HomeTreeModel *>(tree->model());
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, HomeTreeModel::NameColumn);
        if (index.data().toString() == name) {
            tree->setCurrentIndex(index);
            return;
        }
    }
    QFAIL(qPrintable(QStringLiteral("no row %1").arg(name)));
}

void tst_HomeRepairActions::openAndPlan(MainWindow &window, const QString &button, QDialog **found)
{
    auto *repair = window.findChild<QToolButton *>(button);
    QVERIFY(repair && repair->isEnabled());
    repair->click();
    QDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = window.findChild<QDialog *>(QStringLiteral("repairDialog"))) && dialog->isVisible(), 5000);
    *found = dialog;
    auto *recipe = dialog->findChild<QComboBox *>(QStringLiteral("repairRecipe"));
    QCOMPARE(recipe->count(), 3);  // mine, share with a group, locks only
    // The caches' group is offered first (no shared group in Settings).
    QTRY_COMPARE(dialog->findChild<QComboBox *>(QStringLiteral("repairGroup"))->currentText(), kGroup);
    recipe->setCurrentIndex(recipe->findData(int(RepairRecipe::Kind::ShareGroup)));
    auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("repairPlan"));
    QTRY_VERIFY_WITH_TIMEOUT(table->rowCount() > 0 && dialog->findChild<QPushButton *>(QStringLiteral("repairApply"))->isEnabled(),
                             30000);
}

void tst_HomeRepairActions::applyAndWait(MainWindow &window, QDialog *dialog)
{
    QSignalSpy rediagnosed(dialog, SIGNAL(rediagnosed()));
    QSignalSpy rescanned(WindowFixture::homeView(window), &HomeView::scanFinished);
    dialog->findChild<QPushButton *>(QStringLiteral("repairApply"))->click();
    QVERIFY(rediagnosed.wait(60000));
    QVERIFY(rescanned.wait(60000));  // the tab shows the repaired caches
}

// Repair Cache… on the evaluate metrics row: `repair --kind metrics --share-group G` for A. B's
// 0644 lock is the helper's to change; HF_HOME's own folder is no part of a kind's repair.
void tst_HomeRepairActions::kindRepairSharesTheMetricsLocks()
{
    MainWindow window;
    WindowFixture::openHomeView(window);
    QVERIFY(!window.findChild<QToolButton *>(QStringLiteral("homeRepairKindButton"))->isEnabled());  // no row yet
    selectKind(window, QStringLiteral("evaluate metrics"));
    QDialog *dialog = nullptr;
    openAndPlan(window, QStringLiteral("homeRepairKindButton"), &dialog);
    QVERIFY(dialog && !QTest::currentTestFailed());
    QVERIFY2(dialog->windowTitle().contains(QLatin1String("evaluate metrics")), qPrintable(dialog->windowTitle()));
    auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("repairPlan"));
    bool bLockByHelper = false;
    for (int row = 0; row < table->rowCount(); ++row) {
        const QString path = table->item(row, RepairDialog::PathColumn)->text();
        QVERIFY2(path.startsWith(QLatin1String("metrics")), qPrintable(path));  // below HF_HOME, in metrics/ only
        bLockByHelper |= path.endsWith(QLatin1String("b_experiment-1-0.arrow.lock"))
                         && table->item(row, RepairDialog::ChangeColumn)->text() == QLatin1String("chmod")
                         && table->item(row, RepairDialog::AfterColumn)->text().contains(QLatin1String("0664"))
                         && table->item(row, RepairDialog::ByColumn)->text().startsWith(QLatin1String("helper"));
    }
    QVERIFY(bLockByHelper);
    const QString summary = dialog->findChild<QLabel *>(QStringLiteral("repairSummary"))->text();
    QVERIFY2(summary.contains(QLatin1String("need administrator rights")) && !summary.contains(QLatin1String("token trap")),
             qPrintable(summary));
    WindowFixture::saveShot(dialog, QStringLiteral("home-repair-kind.png"));

    applyAndWait(window, dialog);
    const QString status = dialog->findChild<QLabel *>(QStringLiteral("repairStatus"))->text();
    QVERIFY2(status.contains(QLatin1String("Helper (direct)")) && status.contains(QLatin1String("nothing left to repair")),
             qPrintable(status));
    for (int row = 0; row < table->rowCount(); ++row)
        QVERIFY2(table->item(row, RepairDialog::ResultColumn)->text().startsWith(QLatin1String("changed")),
                 qPrintable(table->item(row, RepairDialog::PathColumn)->text() + QLatin1Char(' ')
                            + table->item(row, RepairDialog::ResultColumn)->text()));
    QList<QByteArray> locks = locksOf({QStringLiteral("metrics.lock")});
    locks << m_bLock;
    for (const QByteArray &lock : std::as_const(locks)) {
        const struct stat st = lstatOf(lock);
        QVERIFY2((st.st_mode & 0060) == 0060 && st.st_gid == m_group, lock.constData());
    }
    QCOMPARE(lstatOf(m_home).st_mode & 07777, 0700u);  // a kind's repair leaves HF_HOME's folder alone
    dialog->close();
}

// Repair HF_HOME… : `repair --home --share-group G` for A, the token trap included; B then takes
// every lock of the datasets and metrics caches with the real filelock.
void tst_HomeRepairActions::homeRepairFixesTheTokenTrap()
{
    const QByteArray token = m_home + "/token";
    const struct stat tokenBefore = lstatOf(token);
    MainWindow window;
    WindowFixture::openHomeView(window);
    QDialog *dialog = nullptr;
    openAndPlan(window, QStringLiteral("homeRepairHomeButton"), &dialog);
    QVERIFY(dialog && !QTest::currentTestFailed());
    const QString summary = dialog->findChild<QLabel *>(QStringLiteral("repairSummary"))->text();
    QVERIFY2(summary.contains(QLatin1String("The token trap")) && summary.contains(QLatin1String("gives the group its access back"))
                 && summary.contains(QLatin1String("HF_TOKEN_PATH")),
             qPrintable(summary));
    auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("repairPlan"));
    bool homeFolder = false;
    for (int row = 0; row < table->rowCount(); ++row) {
        const QString path = table->item(row, RepairDialog::PathColumn)->text();
        QVERIFY2(!path.contains(QLatin1String("token")), qPrintable(path));  // never the token nor stored_tokens
        homeFolder |= path == QLatin1String("(cache root)");
    }
    QVERIFY(homeFolder);
    WindowFixture::saveShot(dialog, QStringLiteral("home-repair-all.png"));

    applyAndWait(window, dialog);
    const QString status = dialog->findChild<QLabel *>(QStringLiteral("repairStatus"))->text();
    QVERIFY2(status.contains(QLatin1String("nothing left to repair")), qPrintable(status));
    QCOMPARE(lstatOf(m_home).st_mode & 07777, 02775u);
    QList<QByteArray> locks = locksOf({QStringLiteral("datasets.lock"), QStringLiteral("datasets.hashed_lock"),
                                       QStringLiteral("metrics.lock")});
    locks << m_bLock;
    QVERIFY(locks.size() > 10);
    const QByteArray acquired = acquireAll(*m_b, locks);
    QVERIFY2(acquired.count("ok ") == locks.size(), acquired.constData());
    const struct stat tokenAfter = lstatOf(token);
    QCOMPARE(tokenAfter.st_ino, tokenBefore.st_ino);
    QCOMPARE(tokenAfter.st_mode, tokenBefore.st_mode);
    QCOMPARE(tokenAfter.st_uid, tokenBefore.st_uid);
    dialog->close();
}

QTEST_MAIN(tst_HomeRepairActions)
#include "tst_HomeRepairActions.moc"
