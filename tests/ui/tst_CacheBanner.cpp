// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// The message above the tree when a cache cannot be shown, in the real window offscreen: a
// cache root the user may not open is explained as doctor explains it, with a Repair button.
#include "WindowFixture.h"
#include "support/TestSupport.h"

#include "app/MainWindow.h"
#include "permissions/OwnershipPane.h"
#include "permissions/RepairDialog.h"

#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

#include <unistd.h>

using namespace hfcache;

class tst_CacheBanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void unreadableRootExplainedWithRepair();

private:
    WindowFixture m_fixture;
};

void tst_CacheBanner::initTestCase()
{
    m_fixture.setUp(QStringLiteral("tst_CacheBanner"));
}

void tst_CacheBanner::init()
{
    WindowFixture::forgetSettings();
}

// D30: a cache root the user may not open said "No Hugging Face cache here ... Permission
// denied" and the Ownership pane "No cache scanned yet". The window must say why, as doctor does
// (the path to the root), and offer the repair. Run as root, the test makes the root 0700 of one
// user and runs itself as another to look at the window.
void tst_CacheBanner::unreadableRootExplainedWithRepair()
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
        QVERIFY2(out.contains("PASS   : tst_CacheBanner::unreadableRootExplainedWithRepair"), out.constData());
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

QTEST_MAIN(tst_CacheBanner)
#include "tst_CacheBanner.moc"
