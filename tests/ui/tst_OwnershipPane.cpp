// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// The Ownership pane in the real window, offscreen, on a small real cache with a blob given to
// another user (useradd): the foreign entry and its why-path, what root is told, huge repos.
#include "PermissionsFixture.h"

#include "app/MainWindow.h"
#include "permissions/OwnershipPane.h"

#include <QDockWidget>
#include <QFile>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

#include <sys/stat.h>
#include <unistd.h>

using namespace hfcache;

class tst_OwnershipPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void ownershipShowsForeignEntryAndWhyPath();
    void ownershipListsOnlyProblemsOfHugeRepos();
    void ownershipDoesNotTellRootItCannotChangeModes();

private:
    PermissionsFixture m_fixture;
};

void tst_OwnershipPane::initTestCase()
{
    m_fixture.setUp(QStringLiteral("tst_OwnershipPane"));
}

void tst_OwnershipPane::init()
{
    if (m_fixture.isChild())
        QSKIP("needs root to make files owned by another user (CI runs as root)");
    WindowFixture::forgetSettings();
    m_fixture.makeCache();
}

void tst_OwnershipPane::cleanup()
{
    m_fixture.window.reset();
}

void tst_OwnershipPane::ownershipShowsForeignEntryAndWhyPath()
{
    const QByteArray foreign = m_fixture.repo + "/blobs/b1";
    QCOMPARE(::chown(foreign.constData(), m_fixture.user->uid, m_fixture.user->gid), 0);
    QCOMPARE(::chmod(foreign.constData(), 0600), 0);
    m_fixture.openWindow();
    auto *pane = m_fixture.window->findChild<OwnershipPane *>();
    QVERIFY(pane);
    QTRY_VERIFY_WITH_TIMEOUT(WindowFixture::ownershipAudited(*m_fixture.window) && m_fixture.ownershipTree()->topLevelItemCount() == 1, 20000);

    QTreeWidgetItem *item = WindowFixture::ownershipRow(*m_fixture.window, foreign);
    QVERIFY(item);
    QCOMPARE(item->text(OwnershipPane::OwnerColumn), m_fixture.user->name);
    QCOMPARE(item->text(OwnershipPane::ModeColumn), QStringLiteral("-rw-------"));
    QCOMPARE(item->text(OwnershipPane::OctalColumn), QStringLiteral("0600"));
    QVERIFY2(item->text(OwnershipPane::StatusColumn) != QLatin1String("ok"), qPrintable(item->text(OwnershipPane::StatusColumn)));
    QVERIFY(item->foreground(OwnershipPane::StatusColumn).color() != pane->palette().text().color());
    QTreeWidgetItem *own = WindowFixture::ownershipRow(*m_fixture.window, m_fixture.repo + "/blobs/b0");
    QVERIFY(own);
    QCOMPARE(own->text(OwnershipPane::StatusColumn), QStringLiteral("ok"));

    QSignalSpy why(pane, &OwnershipPane::whyPathShown);
    item->parent()->setExpanded(true);
    m_fixture.ownershipTree()->setCurrentItem(item);
    QVERIFY(why.wait(10000));
    const QString text = pane->findChild<QPlainTextEdit *>(QStringLiteral("whyPath"))->toPlainText();
    QVERIFY2(text.contains(QLatin1String("Read:")) && text.contains(QFile::decodeName(foreign)), qPrintable(text));
    QVERIFY2(text.contains(QRegularExpression(QStringLiteral("-rw------- +") + m_fixture.user->name + QStringLiteral(" +") + m_fixture.user->name + QStringLiteral(" +b1"))),
             qPrintable(text));

    auto *dock = m_fixture.window->findChild<QDockWidget *>(QStringLiteral("ownershipDock"));
    dock->raise();
    m_fixture.window->resizeDocks({dock}, {420}, Qt::Vertical);
    m_fixture.ownershipTree()->clearSelection();  // the red row shows in red, its why-path stays
    QTest::qWait(50);
    m_fixture.grab(m_fixture.window.get(), QStringLiteral("window-ownership.png"));
    m_fixture.grab(pane, QStringLiteral("ownership.png"));
}

void tst_OwnershipPane::ownershipListsOnlyProblemsOfHugeRepos()
{
    for (int i = 0; i < 2100; ++i)
        PermissionsFixture::writeFile(m_fixture.repo + "/blobs/x" + QByteArray::number(i), "x");
    const QByteArray foreign = m_fixture.repo + "/blobs/x7";
    QCOMPARE(::chown(foreign.constData(), m_fixture.user->uid, m_fixture.user->gid), 0);
    m_fixture.openWindow();
    QVERIFY(m_fixture.window->findChild<OwnershipPane *>());
    QTRY_VERIFY_WITH_TIMEOUT(WindowFixture::ownershipAudited(*m_fixture.window) && m_fixture.ownershipTree()->topLevelItemCount() == 1, 20000);
    QTreeWidgetItem *repo = m_fixture.ownershipTree()->topLevelItem(0)->child(0);
    QVERIFY(repo);
    QVERIFY2(repo->childCount() < 20, qPrintable(QString::number(repo->childCount())));
    QVERIFY(WindowFixture::ownershipRow(*m_fixture.window, foreign));
    QVERIFY(WindowFixture::ownershipRow(*m_fixture.window, m_fixture.repo + "/blobs"));
    QVERIFY(!WindowFixture::ownershipRow(*m_fixture.window, m_fixture.repo + "/blobs/x8"));
    QVERIFY2(repo->text(OwnershipPane::StatusColumn).contains(QLatin1String("not listed")),
             qPrintable(repo->text(OwnershipPane::StatusColumn)));
}

// Issue 15, D31: the pane told root "root cannot change its mode or owner" for an entry of
// another user in root's cache, while the why-path said root may write it.
void tst_OwnershipPane::ownershipDoesNotTellRootItCannotChangeModes()
{
    QCOMPARE(::geteuid(), 0u);
    const QByteArray foreign = m_fixture.repo + "/blobs/b1";
    QCOMPARE(::chown(foreign.constData(), m_fixture.user->uid, m_fixture.user->gid), 0);
    m_fixture.openWindow();
    auto *pane = m_fixture.window->findChild<OwnershipPane *>();
    QTRY_VERIFY_WITH_TIMEOUT(WindowFixture::ownershipAudited(*m_fixture.window) && m_fixture.ownershipTree()->topLevelItemCount() == 1, 20000);
    QTreeWidgetItem *item = WindowFixture::ownershipRow(*m_fixture.window, foreign);
    QVERIFY(item);
    const QString status = item->text(OwnershipPane::StatusColumn);
    QVERIFY2(status.contains(m_fixture.user->name), qPrintable(status));  // the wrong owner is still reported
    QVERIFY2(!status.contains(QLatin1String("cannot change")), qPrintable(status));
    QSignalSpy why(pane, &OwnershipPane::whyPathShown);
    item->parent()->setExpanded(true);
    m_fixture.ownershipTree()->setCurrentItem(item);
    QVERIFY(why.wait(10000));
    QVERIFY(pane->findChild<QPlainTextEdit *>(QStringLiteral("whyPath"))->toPlainText().contains(QLatin1String("Write: allowed for root")));
}

QTEST_MAIN(tst_OwnershipPane)
#include "tst_OwnershipPane.moc"
