// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// The Repair dialog in the real window, offscreen, on a small real cache with a second user
// (useradd): a share-with-group repair planned and applied as root, the group it offers first,
// a root reached through a symlink, one row per folder, and the helper refused to a user.
#include "PermissionsFixture.h"

#include "app/MainWindow.h"
#include "common/AppSettings.h"
#include "common/WindowHost.h"
#include "permissions/RepairDialog.h"

#include "audit/UserIdentity.h"
#include "repair/RepairRecipe.h"
#include "repair/RepairRun.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace hfcache;

class tst_RepairDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void repairDialogPlansAndApplies();
    void repairDialogPreselectsTheSettingsGroup();
    void repairDialogThroughASymlinkedRoot();
    void refusedAuthorizationIsExplained();
    void repairPlanOneRowPerFolderAndGroup();

private:
    PermissionsFixture m_fixture;
};

void tst_RepairDialog::initTestCase()
{
    m_fixture.setUp(QStringLiteral("tst_RepairDialog"));
}

void tst_RepairDialog::init()
{
    // Not root, only the test that runs this binary again as the second user runs.
    if (m_fixture.isChild() && QLatin1String(QTest::currentTestFunction()) != QLatin1String("refusedAuthorizationIsExplained"))
        QSKIP("needs root to make files owned by another user (CI runs as root)");
    WindowFixture::forgetSettings();
    m_fixture.makeCache();
}

void tst_RepairDialog::cleanup()
{
    m_fixture.window.reset();
}

void tst_RepairDialog::repairDialogPlansAndApplies()
{
    m_fixture.openWindow();
    RepairDialog dialog(*m_fixture.window->host());
    dialog.show();
    QSignalSpy planned(&dialog, &RepairDialog::planShown);
    dialog.findChild<QComboBox *>(QStringLiteral("repairGroup"))->setEditText(QStringLiteral("hfct-gui-no-such-group"));
    dialog.findChild<QComboBox *>(QStringLiteral("repairRecipe"))->setCurrentIndex(dialog.findChild<QComboBox *>(QStringLiteral("repairRecipe"))->findData(int(RepairRecipe::Kind::ShareGroup)));
    QTRY_VERIFY(dialog.findChild<QLabel *>(QStringLiteral("repairSummary"))->text().contains(QLatin1String("no group named \"hfct-gui-no-such-group\"")));
    QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("repairApply"))->isEnabled());
    dialog.findChild<QComboBox *>(QStringLiteral("repairGroup"))->setEditText(m_fixture.user->name);
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
    m_fixture.grab(&dialog, QStringLiteral("repair-plan.png"));

    QSignalSpy rediagnosed(&dialog, &RepairDialog::rediagnosed);
    QVERIFY(dialog.findChild<QPushButton *>(QStringLiteral("repairApply"))->isEnabled());
    dialog.findChild<QPushButton *>(QStringLiteral("repairApply"))->click();
    QVERIFY(rediagnosed.wait(30000));
    QCOMPARE(PermissionsFixture::modeOf(m_fixture.repo + "/blobs/b0"), mode_t(0664));
    QCOMPARE(PermissionsFixture::modeOf(m_fixture.repo + "/blobs"), mode_t(02775));
    struct stat st {};
    QCOMPARE(::lstat((m_fixture.repo + "/blobs/b0").constData(), &st), 0);
    QCOMPARE(uint(st.st_gid), m_fixture.user->gid);
    QVERIFY2(dialog.findChild<QLabel *>(QStringLiteral("repairStatus"))->text().contains(QLatin1String("Re-diagnosis")), qPrintable(dialog.findChild<QLabel *>(QStringLiteral("repairStatus"))->text()));
    QVERIFY2(dialog.findChild<QLabel *>(QStringLiteral("repairStatus"))->text().contains(QLatin1String("nothing left to repair")), qPrintable(dialog.findChild<QLabel *>(QStringLiteral("repairStatus"))->text()));
    // The per-operation results stay in the table after the re-diagnosis.
    int changed = 0;
    for (int row = 0; row < dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->rowCount(); ++row)
        changed += dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->item(row, RepairDialog::ResultColumn)->text().startsWith(QLatin1String("changed"));
    QVERIFY2(changed > 0 && changed == dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->rowCount(), qPrintable(QString::number(changed)));
    m_fixture.grab(&dialog, QStringLiteral("repair-done.png"));
}

// Settings' default shared group is what the Repair dialog offers first.
void tst_RepairDialog::repairDialogPreselectsTheSettingsGroup()
{
    AppSettings settings = AppSettings::load();
    settings.sharedGroup = m_fixture.user->name;  // a real group (useradd's), not one of root's own
    settings.save();
    m_fixture.openWindow();
    RepairDialog dialog(*m_fixture.window->host());
    QTRY_COMPARE(dialog.findChild<QComboBox *>(QStringLiteral("repairGroup"))->currentText(), m_fixture.user->name);
    QSignalSpy planned(&dialog, &RepairDialog::planShown);
    dialog.findChild<QComboBox *>(QStringLiteral("repairRecipe"))->setCurrentIndex(dialog.findChild<QComboBox *>(QStringLiteral("repairRecipe"))->findData(int(RepairRecipe::Kind::ShareGroup)));
    QTRY_VERIFY_WITH_TIMEOUT(!planned.isEmpty() && dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->rowCount() > 0, 10000);
    bool toTheGroup = false;
    for (int row = 0; row < dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->rowCount(); ++row)
        toTheGroup |= dialog.findChild<QTableWidget *>(QStringLiteral("repairPlan"))->item(row, RepairDialog::AfterColumn)->text() == m_fixture.user->name;  // chgrp's "after"
    QVERIFY(toTheGroup);
    settings.sharedGroup.clear();
    settings.save();
    // Without one, the cache's group -- never the first of root's own groups (`root`) by accident
    // (issue 15, D36): a root:root cache offers nothing and asks for a group.
    RepairDialog plain(*m_fixture.window->host());
    QTRY_VERIFY(plain.findChild<QComboBox *>(QStringLiteral("repairGroup"))->count() > 0);
    struct stat st {};
    QCOMPARE(::stat(m_fixture.window->root().constData(), &st), 0);
    QCOMPARE(plain.findChild<QComboBox *>(QStringLiteral("repairGroup"))->currentText(), st.st_gid == 0 ? QString() : UserIdentity::groupName(st.st_gid));
    QVERIFY(plain.findChild<QComboBox *>(QStringLiteral("repairGroup"))->currentText() != QLatin1String("root"));
}

// The window opened on a symlink to the cache: the dialog (reached as a user would, widgets
// found by object name) repairs the folder the link names, as `hfcache repair` does. It used to
// plan on the link's path, which the executor refuses to walk.
void tst_RepairDialog::repairDialogThroughASymlinkedRoot()
{
    const QByteArray foreign = m_fixture.repo + "/blobs/b1";
    QCOMPARE(::chown(foreign.constData(), m_fixture.user->uid, m_fixture.user->gid), 0);
    const QByteArray canonical = RepairRun::canonicalRoot(m_fixture.hub);
    m_fixture.hub = QFile::encodeName(m_fixture.tmp().path()) + "/" + QTest::currentTestFunction() + "/linked-hub";
    QCOMPARE(::symlink(canonical.constData(), m_fixture.hub.constData()), 0);
    m_fixture.openWindow();
    QAction *repair = m_fixture.window->findChild<QAction *>(QStringLiteral("repairAction"));
    QVERIFY(repair);
    repair->trigger();
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_fixture.window->findChild<QDialog *>(QStringLiteral("repairDialog"))) && dialog->isVisible());
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
void tst_RepairDialog::refusedAuthorizationIsExplained()
{
    const QByteArray hub = "/tmp/hfct-gui-b-auth/hub";
    const QByteArray rootOwned = hub + "/models--t--repo/blobs/b0";
    if (!m_fixture.isChild()) {
        TestSupport::removeTree(QStringLiteral("/tmp/hfct-gui-b-auth"));
        QVERIFY(QDir().mkpath(QStringLiteral("/tmp/hfct-gui-b-auth")));
        QCOMPARE(TestSupport::runProgram(QStringLiteral("cp"), {QStringLiteral("-a"), QFile::decodeName(m_fixture.hub), QStringLiteral("/tmp/hfct-gui-b-auth/")}), 0);
        QCOMPARE(TestSupport::runProgram(QStringLiteral("chown"), {QStringLiteral("-R"), QStringLiteral("%1:%2").arg(m_fixture.user->uid).arg(m_fixture.user->gid),
                                                                   QStringLiteral("/tmp/hfct-gui-b-auth")}), 0);
        QCOMPARE(::chown(rootOwned.constData(), 0, 0), 0);
        QByteArray out;
        QByteArray err;
        // setpriv resets the environment: the build tree's helper is passed again through env.
        const int status = TestSupport::runAsUser(*m_fixture.user, QStringLiteral("/usr/bin/env"),
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
    m_fixture.hub = hub;
    m_fixture.openWindow();
    RepairDialog dialog(*m_fixture.window->host());
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

// D36: the Repair plan listed chmod and setgid of one folder as two rows with two different
// "After" modes; the group defaulted to root's own `root` instead of the cache's.
void tst_RepairDialog::repairPlanOneRowPerFolderAndGroup()
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

QTEST_MAIN(tst_RepairDialog)
#include "tst_RepairDialog.moc"
