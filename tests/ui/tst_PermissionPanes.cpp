// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "WindowFixture.h"

#include "support/PythonPeer.h"
#include "support/TestSupport.h"

#include "common/AppSettings.h"
#include "permissions/LocksPane.h"
#include "app/MainWindow.h"
#include "common/WindowHost.h"
#include "permissions/OwnershipPane.h"
#include "permissions/RepairDialog.h"

#include "audit/UserIdentity.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

#include <sys/stat.h>
#include <unistd.h>

using namespace hfcache;

namespace {

void writeFile(const QByteArray &path, const QByteArray &data)
{
    QFile file(QFile::decodeName(path));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(data);
}

mode_t modeOf(const QByteArray &path)
{
    struct stat st {};
    return ::lstat(path.constData(), &st) == 0 ? st.st_mode & 07777 : 0;
}

} // namespace

// The Ownership and Locks & activity panes and the Repair dialog, offscreen, on a small real
// cache: a blob given to another user (useradd), a lock held by a python3-filelock peer, and a
// share-with-group repair applied as root. Screenshots go to $HFCACHE_SCREENSHOT_DIR when set.
class tst_PermissionPanes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void ownershipShowsForeignEntryAndWhyPath();
    void ownershipListsOnlyProblemsOfHugeRepos();
    void ownershipDoesNotTellRootItCannotChangeModes();
    void locksPaneShowsRealHolder();
    void repairDialogPlansAndApplies();
    void repairDialogPreselectsTheSettingsGroup();
    void repairDialogThroughASymlinkedRoot();
    void refusedAuthorizationIsExplained();

private:
    void openWindow();
    void grab(QWidget *widget, const QString &name);
    QTreeWidget *ownershipTree() const { return m_window->findChild<QTreeWidget *>(QStringLiteral("ownershipTree")); }

    QTemporaryDir m_tmp;
    QByteArray m_hub;
    QByteArray m_repo;
    std::optional<TestSupport::TestUser> m_user;
    std::unique_ptr<MainWindow> m_window;
    bool m_child = false;
};

void tst_PermissionPanes::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("hfcache-tests"));
    QApplication::setApplicationName(QStringLiteral("tst_PermissionPanes"));
    QFile::remove(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral(".conf"));
    QVERIFY(m_tmp.isValid());
    // Not root: this binary run again by refusedAuthorizationIsExplained() as the test user.
    m_child = ::geteuid() != 0;
    if (m_child)
        return;
    m_user = TestSupport::ensureUser(QStringLiteral("hfct-gui-b"));
    QVERIFY(m_user);
    // The build tree's helper (the test binary is not next to it).
    qputenv("HFCACHE_HELPER", HFCACHE_BINARY_DIR "/app/hfcache-helper");
}

void tst_PermissionPanes::init()
{
    if (m_child && QLatin1String(QTest::currentTestFunction()) != QLatin1String("refusedAuthorizationIsExplained"))
        QSKIP("needs root to make files owned by another user (CI runs as root)");
    m_hub = QFile::encodeName(m_tmp.path()) + "/" + QTest::currentTestFunction() + "/hub";
    m_repo = m_hub + "/models--t--repo";
    for (const QByteArray &sub : {m_hub, m_repo + "/blobs", m_repo + "/refs", m_repo + "/snapshots/c1",
                                   m_hub + "/.locks/models--t--repo"})
        QVERIFY(QDir().mkpath(QFile::decodeName(sub)));
    writeFile(m_repo + "/refs/main", "c1");
    for (const QByteArray n : {"0", "1"}) {
        writeFile(m_repo + "/blobs/b" + n, "blob " + n);
        ::chmod((m_repo + "/blobs/b" + n).constData(), 0644);
        QCOMPARE(::symlink(("../../blobs/b" + n).constData(), (m_repo + "/snapshots/c1/f" + n).constData()), 0);
    }
    writeFile(m_hub + "/.locks/models--t--repo/b0.lock", "");
    ::chmod(m_tmp.path().toLocal8Bit().constData(), 0755);
    ::chmod(QFile::encodeName(m_tmp.path() + QLatin1Char('/') + QLatin1String(QTest::currentTestFunction())).constData(), 0755);
}

void tst_PermissionPanes::cleanup()
{
    m_window.reset();
}

void tst_PermissionPanes::openWindow()
{
    m_window = std::make_unique<MainWindow>();
    QSignalSpy finished(m_window.get(), &MainWindow::scanFinished);
    m_window->resize(1200, 800);
    m_window->show();
    m_window->openRoot(m_hub);
    QVERIFY(finished.wait(20000));
}

void tst_PermissionPanes::grab(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("HFCACHE_SCREENSHOT_DIR", m_tmp.path());
    QVERIFY(widget->grab().save(dir + QLatin1Char('/') + name));
}

void tst_PermissionPanes::ownershipShowsForeignEntryAndWhyPath()
{
    const QByteArray foreign = m_repo + "/blobs/b1";
    QCOMPARE(::chown(foreign.constData(), m_user->uid, m_user->gid), 0);
    QCOMPARE(::chmod(foreign.constData(), 0600), 0);
    openWindow();
    auto *pane = m_window->findChild<OwnershipPane *>();
    QVERIFY(pane);
    QTRY_VERIFY_WITH_TIMEOUT(WindowFixture::ownershipAudited(*m_window) && ownershipTree()->topLevelItemCount() == 1, 20000);

    QTreeWidgetItem *item = WindowFixture::ownershipRow(*m_window, foreign);
    QVERIFY(item);
    QCOMPARE(item->text(OwnershipPane::OwnerColumn), m_user->name);
    QCOMPARE(item->text(OwnershipPane::ModeColumn), QStringLiteral("-rw-------"));
    QCOMPARE(item->text(OwnershipPane::OctalColumn), QStringLiteral("0600"));
    QVERIFY2(item->text(OwnershipPane::StatusColumn) != QLatin1String("ok"), qPrintable(item->text(OwnershipPane::StatusColumn)));
    QVERIFY(item->foreground(OwnershipPane::StatusColumn).color() != pane->palette().text().color());
    QTreeWidgetItem *own = WindowFixture::ownershipRow(*m_window, m_repo + "/blobs/b0");
    QVERIFY(own);
    QCOMPARE(own->text(OwnershipPane::StatusColumn), QStringLiteral("ok"));

    QSignalSpy why(pane, &OwnershipPane::whyPathShown);
    item->parent()->setExpanded(true);
    ownershipTree()->setCurrentItem(item);
    QVERIFY(why.wait(10000));
    const QString text = pane->findChild<QPlainTextEdit *>(QStringLiteral("whyPath"))->toPlainText();
    QVERIFY2(text.contains(QLatin1String("Read:")) && text.contains(QFile::decodeName(foreign)), qPrintable(text));
    QVERIFY2(text.contains(QRegularExpression(QStringLiteral("-rw------- +") + m_user->name + QStringLiteral(" +") + m_user->name + QStringLiteral(" +b1"))),
             qPrintable(text));

    auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("ownershipDock"));
    dock->raise();
    m_window->resizeDocks({dock}, {420}, Qt::Vertical);
    ownershipTree()->clearSelection();  // the red row shows in red, its why-path stays
    QTest::qWait(50);
    grab(m_window.get(), QStringLiteral("window-ownership.png"));
    grab(pane, QStringLiteral("ownership.png"));
}

// Issue 15, D31: the pane told root "root cannot change its mode or owner" for an entry of
// another user in root's cache, while the why-path said root may write it.
void tst_PermissionPanes::ownershipDoesNotTellRootItCannotChangeModes()
{
    QCOMPARE(::geteuid(), 0u);
    const QByteArray foreign = m_repo + "/blobs/b1";
    QCOMPARE(::chown(foreign.constData(), m_user->uid, m_user->gid), 0);
    openWindow();
    auto *pane = m_window->findChild<OwnershipPane *>();
    QTRY_VERIFY_WITH_TIMEOUT(WindowFixture::ownershipAudited(*m_window) && ownershipTree()->topLevelItemCount() == 1, 20000);
    QTreeWidgetItem *item = WindowFixture::ownershipRow(*m_window, foreign);
    QVERIFY(item);
    const QString status = item->text(OwnershipPane::StatusColumn);
    QVERIFY2(status.contains(m_user->name), qPrintable(status));  // the wrong owner is still reported
    QVERIFY2(!status.contains(QLatin1String("cannot change")), qPrintable(status));
    QSignalSpy why(pane, &OwnershipPane::whyPathShown);
    item->parent()->setExpanded(true);
    ownershipTree()->setCurrentItem(item);
    QVERIFY(why.wait(10000));
    QVERIFY(pane->findChild<QPlainTextEdit *>(QStringLiteral("whyPath"))->toPlainText().contains(QLatin1String("Write: allowed for root")));
}

void tst_PermissionPanes::ownershipListsOnlyProblemsOfHugeRepos()
{
    for (int i = 0; i < 2100; ++i)
        writeFile(m_repo + "/blobs/x" + QByteArray::number(i), "x");
    const QByteArray foreign = m_repo + "/blobs/x7";
    QCOMPARE(::chown(foreign.constData(), m_user->uid, m_user->gid), 0);
    openWindow();
    QVERIFY(m_window->findChild<OwnershipPane *>());
    QTRY_VERIFY_WITH_TIMEOUT(WindowFixture::ownershipAudited(*m_window) && ownershipTree()->topLevelItemCount() == 1, 20000);
    QTreeWidgetItem *repo = ownershipTree()->topLevelItem(0)->child(0);
    QVERIFY(repo);
    QVERIFY2(repo->childCount() < 20, qPrintable(QString::number(repo->childCount())));
    QVERIFY(WindowFixture::ownershipRow(*m_window, foreign));
    QVERIFY(WindowFixture::ownershipRow(*m_window, m_repo + "/blobs"));
    QVERIFY(!WindowFixture::ownershipRow(*m_window, m_repo + "/blobs/x8"));
    QVERIFY2(repo->text(OwnershipPane::StatusColumn).contains(QLatin1String("not listed")),
             qPrintable(repo->text(OwnershipPane::StatusColumn)));
}

void tst_PermissionPanes::locksPaneShowsRealHolder()
{
    const QByteArray lockPath = m_hub + "/.locks/models--t--repo/b0.lock";
    openWindow();
    PythonPeer holder(PythonPeer::FileLockHolder, lockPath);  // Debian's python3-filelock, as huggingface_hub
    QVERIFY(holder.waitFor("locked"));

    auto *pane = m_window->findChild<LocksPane *>();
    QVERIFY(pane);
    m_window->findChild<QDockWidget *>(QStringLiteral("ownershipDock"))->raise();
    QTRY_VERIFY(!WindowFixture::locksPaneLive(*m_window));  // tabbed behind the Ownership pane: not inspecting
    m_window->findChild<QDockWidget *>(QStringLiteral("locksDock"))->raise();
    QTRY_VERIFY(WindowFixture::locksPaneLive(*m_window));
    auto heldRow = [&]() -> QTreeWidgetItem * {
        QTreeWidgetItem *row = WindowFixture::lockRow(*m_window, lockPath);
        return row && row->text(LocksPane::StateColumn) == QLatin1String("held") ? row : nullptr;
    };
    QTRY_VERIFY_WITH_TIMEOUT(heldRow(), 10000);
    const QString holderText = heldRow()->text(LocksPane::DetailColumn);
    QVERIFY2(holderText.contains(QStringLiteral("pid %1").arg(holder.pid())) && holderText.contains(QLatin1String("python3")),
             qPrintable(holderText));
    grab(m_window.get(), QStringLiteral("window-locks.png"));

    // Live: the release shows up without anyone asking.
    holder.next();
    QVERIFY(holder.waitFor("released"));
    QTRY_VERIFY_WITH_TIMEOUT(!heldRow(), 3 * LocksPane::kRefreshMs + 2000);
    m_window->findChild<QDockWidget *>(QStringLiteral("ownershipDock"))->raise();
    QTRY_VERIFY(!WindowFixture::locksPaneLive(*m_window));
}

void tst_PermissionPanes::repairDialogPlansAndApplies()
{
    openWindow();
    RepairDialog dialog(*m_window->host());
    dialog.show();
    QSignalSpy planned(&dialog, &RepairDialog::planShown);
    dialog.findChild<QComboBox *>(QStringLiteral("repairGroup"))->setEditText(QStringLiteral("hfct-gui-no-such-group"));
    dialog.findChild<QComboBox *>(QStringLiteral("repairRecipe"))->setCurrentIndex(dialog.findChild<QComboBox *>(QStringLiteral("repairRecipe"))->findData(int(RepairRecipe::Kind::ShareGroup)));
    QTRY_VERIFY(dialog.findChild<QLabel *>(QStringLiteral("repairSummary"))->text().contains(QLatin1String("no group named \"hfct-gui-no-such-group\"")));
    QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("repairApply"))->isEnabled());
    dialog.findChild<QComboBox *>(QStringLiteral("repairGroup"))->setEditText(m_user->name);
    QTRY_VERIFY_WITH_TIMEOUT(!planned.isEmpty() && dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->rowCount() > 0, 10000);

    // The blob gets the group and 0664; the repo folders setgid 2775.
    bool blobChmod = false;
    bool blobChgrp = false;
    for (int row = 0; row < dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->rowCount(); ++row) {
        const QString path = dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->item(row, RepairDialog::PathColumn)->text();
        const QString change = dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->item(row, RepairDialog::ChangeColumn)->text();
        if (path == QLatin1String("models--t--repo/blobs/b0") && change == QLatin1String("chmod")) {
            blobChmod = true;
            QVERIFY2(dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->item(row, RepairDialog::AfterColumn)->text().contains(QLatin1String("0664")),
                     qPrintable(dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->item(row, RepairDialog::AfterColumn)->text()));
        }
        blobChgrp |= path == QLatin1String("models--t--repo/blobs/b0") && change == QLatin1String("chgrp");
    }
    QVERIFY(blobChmod);
    QVERIFY(blobChgrp);
    grab(&dialog, QStringLiteral("repair-plan.png"));

    QSignalSpy rediagnosed(&dialog, &RepairDialog::rediagnosed);
    QVERIFY(dialog.findChild<QPushButton *>(QStringLiteral("repairApply"))->isEnabled());
    dialog.findChild<QPushButton *>(QStringLiteral("repairApply"))->click();
    QVERIFY(rediagnosed.wait(30000));
    QCOMPARE(modeOf(m_repo + "/blobs/b0"), mode_t(0664));
    QCOMPARE(modeOf(m_repo + "/blobs"), mode_t(02775));
    struct stat st {};
    QCOMPARE(::lstat((m_repo + "/blobs/b0").constData(), &st), 0);
    QCOMPARE(uint(st.st_gid), m_user->gid);
    QVERIFY2(dialog.findChild<QLabel *>(QStringLiteral("repairStatus"))->text().contains(QLatin1String("Re-diagnosis")), qPrintable(dialog.findChild<QLabel *>(QStringLiteral("repairStatus"))->text()));
    QVERIFY2(dialog.findChild<QLabel *>(QStringLiteral("repairStatus"))->text().contains(QLatin1String("nothing left to repair")), qPrintable(dialog.findChild<QLabel *>(QStringLiteral("repairStatus"))->text()));
    // The per-operation results stay in the table after the re-diagnosis.
    int changed = 0;
    for (int row = 0; row < dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->rowCount(); ++row)
        changed += dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->item(row, RepairDialog::ResultColumn)->text().startsWith(QLatin1String("changed"));
    QVERIFY2(changed > 0 && changed == dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->rowCount(), qPrintable(QString::number(changed)));
    grab(&dialog, QStringLiteral("repair-done.png"));
}

// Settings' default shared group is what the Repair dialog offers first.
void tst_PermissionPanes::repairDialogPreselectsTheSettingsGroup()
{
    AppSettings settings = AppSettings::load();
    settings.sharedGroup = m_user->name;  // a real group (useradd's), not one of root's own
    settings.save();
    openWindow();
    RepairDialog dialog(*m_window->host());
    QTRY_COMPARE(dialog.findChild<QComboBox *>(QStringLiteral("repairGroup"))->currentText(), m_user->name);
    QSignalSpy planned(&dialog, &RepairDialog::planShown);
    dialog.findChild<QComboBox *>(QStringLiteral("repairRecipe"))->setCurrentIndex(dialog.findChild<QComboBox *>(QStringLiteral("repairRecipe"))->findData(int(RepairRecipe::Kind::ShareGroup)));
    QTRY_VERIFY_WITH_TIMEOUT(!planned.isEmpty() && dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->rowCount() > 0, 10000);
    bool toTheGroup = false;
    for (int row = 0; row < dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->rowCount(); ++row)
        toTheGroup |= dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->item(row, RepairDialog::AfterColumn)->text() == m_user->name;  // chgrp's "after"
    QVERIFY(toTheGroup);
    settings.sharedGroup.clear();
    settings.save();
    // Without one, the cache's group -- never the first of root's own groups (`root`) by accident
    // (issue 15, D36): a root:root cache offers nothing and asks for a group.
    RepairDialog plain(*m_window->host());
    QTRY_VERIFY(plain.findChild<QComboBox *>(QStringLiteral("repairGroup"))->count() > 0);
    struct stat st {};
    QCOMPARE(::stat(m_window->root().constData(), &st), 0);
    QCOMPARE(plain.findChild<QComboBox *>(QStringLiteral("repairGroup"))->currentText(), st.st_gid == 0 ? QString() : UserIdentity::groupName(st.st_gid));
    QVERIFY(plain.findChild<QComboBox *>(QStringLiteral("repairGroup"))->currentText() != QLatin1String("root"));
}

// The window opened on a symlink to the cache: the dialog (reached as a user would, widgets
// found by object name) repairs the folder the link names, as `hfcache repair` does. It used to
// plan on the link's path, which the executor refuses to walk.
void tst_PermissionPanes::repairDialogThroughASymlinkedRoot()
{
    const QByteArray foreign = m_repo + "/blobs/b1";
    QCOMPARE(::chown(foreign.constData(), m_user->uid, m_user->gid), 0);
    const QByteArray canonical = RepairRun::canonicalRoot(m_hub);
    m_hub = QFile::encodeName(m_tmp.path()) + "/" + QTest::currentTestFunction() + "/linked-hub";
    QCOMPARE(::symlink(canonical.constData(), m_hub.constData()), 0);
    openWindow();
    QAction *repair = m_window->findChild<QAction *>(QStringLiteral("repairAction"));
    QVERIFY(repair);
    repair->trigger();
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<QDialog *>(QStringLiteral("repairDialog"))) && dialog->isVisible());
    auto *recipe = dialog->findChild<QComboBox *>(QStringLiteral("repairRecipe"));
    auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("repairPlan"));
    auto *apply = dialog->findChild<QPushButton *>(QStringLiteral("repairApply"));
    auto *summary = dialog->findChild<QLabel *>(QStringLiteral("repairSummary"));
    auto *status = dialog->findChild<QLabel *>(QStringLiteral("repairStatus"));
    QVERIFY(recipe && table && apply && summary && status);
    QCOMPARE(RepairRecipe::Kind(recipe->currentData().toInt()), RepairRecipe::Kind::Mine);
    QTRY_VERIFY_WITH_TIMEOUT(apply->isEnabled(), 10000);
    QVERIFY2(summary->text().contains(QFile::decodeName(canonical)), qPrintable(summary->text()));
    bool chown = false;
    for (int row = 0; row < table->rowCount(); ++row)
        chown |= table->item(row, RepairDialog::PathColumn)->text() == QLatin1String("models--t--repo/blobs/b1")
                 && table->item(row, RepairDialog::ChangeColumn)->text() == QLatin1String("chown");
    QVERIFY(chown);

    apply->click();
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("Re-diagnosis")), 30000);
    QVERIFY2(status->text().contains(QLatin1String("nothing left to repair")), qPrintable(status->text()));
    struct stat st {};
    QCOMPARE(::lstat((canonical + "/models--t--repo/blobs/b1").constData(), &st), 0);
    QCOMPARE(uint(st.st_uid), 0u);
    for (int row = 0; row < table->rowCount(); ++row)
        QVERIFY2(!table->item(row, RepairDialog::ResultColumn)->text().startsWith(QLatin1String("failed")),
                 qPrintable(table->item(row, RepairDialog::ResultColumn)->text()));
    dialog->close();
}

// As the test user (this binary run again through setpriv): a root-owned entry needs the helper,
// and without a polkit agent or sudo rights the dialog says so and changes nothing of root's.
void tst_PermissionPanes::refusedAuthorizationIsExplained()
{
    const QByteArray hub = "/tmp/hfct-gui-b-auth/hub";
    const QByteArray rootOwned = hub + "/models--t--repo/blobs/b0";
    if (!m_child) {
        TestSupport::removeTree(QStringLiteral("/tmp/hfct-gui-b-auth"));
        QVERIFY(QDir().mkpath(QStringLiteral("/tmp/hfct-gui-b-auth")));
        QCOMPARE(TestSupport::runProgram(QStringLiteral("cp"), {QStringLiteral("-a"), QFile::decodeName(m_hub), QStringLiteral("/tmp/hfct-gui-b-auth/")}), 0);
        QCOMPARE(TestSupport::runProgram(QStringLiteral("chown"), {QStringLiteral("-R"), QStringLiteral("%1:%2").arg(m_user->uid).arg(m_user->gid),
                                                                   QStringLiteral("/tmp/hfct-gui-b-auth")}), 0);
        QCOMPARE(::chown(rootOwned.constData(), 0, 0), 0);
        QByteArray out;
        QByteArray err;
        // setpriv resets the environment: the build tree's helper is passed again through env.
        const int status = TestSupport::runAsUser(*m_user, QStringLiteral("/usr/bin/env"),
                                                  {QStringLiteral("HFCACHE_HELPER=" HFCACHE_BINARY_DIR "/app/hfcache-helper"),
                                                   QCoreApplication::applicationFilePath(), QStringLiteral("-platform"),
                                                   QStringLiteral("offscreen"), QStringLiteral("refusedAuthorizationIsExplained")},
                                                  &out, &err);
        QVERIFY2(status == 0, (out + err).constData());
        struct stat st {};
        QCOMPARE(::lstat(rootOwned.constData(), &st), 0);
        QCOMPARE(uint(st.st_uid), 0u);
        TestSupport::removeTree(QStringLiteral("/tmp/hfct-gui-b-auth"));
        return;
    }
    m_hub = hub;
    openWindow();
    RepairDialog dialog(*m_window->host());
    dialog.show();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.findChild<QPushButton *>(QStringLiteral("repairApply"))->isEnabled(), 10000);
    bool byHelper = false;
    for (int row = 0; row < dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->rowCount(); ++row)
        byHelper |= dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->item(row, RepairDialog::ByColumn)->text().startsWith(QLatin1String("helper"));
    QVERIFY(byHelper);
    QSignalSpy applied(&dialog, &RepairDialog::applied);
    dialog.findChild<QPushButton *>(QStringLiteral("repairApply"))->click();
    QVERIFY(applied.wait(60000));
    QVERIFY2(dialog.findChild<QLabel *>(QStringLiteral("repairStatus"))->text().contains(QLatin1String("Administrator rights were refused")),
             qPrintable(dialog.findChild<QLabel *>(QStringLiteral("repairStatus"))->text()));
}

QTEST_MAIN(tst_PermissionPanes)
#include "tst_PermissionPanes.moc"
