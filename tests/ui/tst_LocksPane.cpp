// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// The Locks & activity pane in the real window, offscreen: a lock held by a python3-filelock
// peer shows with its holder, live, and only while the pane is visible.
#include "PermissionsFixture.h"

#include "support/PythonPeer.h"

#include "app/MainWindow.h"
#include "permissions/LocksPane.h"

#include <QDockWidget>
#include <QTest>
#include <QTreeWidget>

using namespace hfcache;

class tst_LocksPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void locksPaneShowsRealHolder();

private:
    PermissionsFixture m_fixture;
};

void tst_LocksPane::initTestCase()
{
    m_fixture.setUp(QStringLiteral("tst_LocksPane"));
}

void tst_LocksPane::init()
{
    if (m_fixture.isChild())
        QSKIP("needs root to make files owned by another user (CI runs as root)");
    WindowFixture::forgetSettings();
    m_fixture.makeCache();
}

void tst_LocksPane::cleanup()
{
    m_fixture.window.reset();
}

void tst_LocksPane::locksPaneShowsRealHolder()
{
    const QByteArray lockPath = m_fixture.hub + "/.locks/models--t--repo/b0.lock";
    m_fixture.openWindow();
    PythonPeer holder(PythonPeer::FileLockHolder, lockPath);  // Debian's python3-filelock, as huggingface_hub
    QVERIFY(holder.waitFor("locked"));

    auto *pane = m_fixture.window->findChild<LocksPane *>();
    QVERIFY(pane);
    m_fixture.window->findChild<QDockWidget *>(QStringLiteral("ownershipDock"))->raise();
    QTRY_VERIFY(!WindowFixture::locksPaneLive(*m_fixture.window));  // tabbed behind the Ownership pane: not inspecting
    m_fixture.window->findChild<QDockWidget *>(QStringLiteral("locksDock"))->raise();
    QTRY_VERIFY(WindowFixture::locksPaneLive(*m_fixture.window));
    const auto heldRow = [&] { return WindowFixture::lockRowIn(*m_fixture.window, lockPath, QStringLiteral("held")); };
    QTRY_VERIFY_WITH_TIMEOUT(heldRow(), 10000);
    const QString holderText = heldRow()->text(LocksPane::DetailColumn);
    QVERIFY2(holderText.contains(QStringLiteral("pid %1").arg(holder.pid())) && holderText.contains(QLatin1String("python3")),
             qPrintable(holderText));
    m_fixture.grab(m_fixture.window.get(), QStringLiteral("window-locks.png"));

    // Live: the release shows up without anyone asking.
    holder.next();
    QVERIFY(holder.waitFor("released"));
    QTRY_VERIFY_WITH_TIMEOUT(!heldRow(), 3 * LocksPane::kRefreshMs + 2000);
    m_fixture.window->findChild<QDockWidget *>(QStringLiteral("ownershipDock"))->raise();
    QTRY_VERIFY(!WindowFixture::locksPaneLive(*m_fixture.window));
}

QTEST_MAIN(tst_LocksPane)
#include "tst_LocksPane.moc"
