// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// hfcache-gui's single instance: a second launch hands its cache to the first window and quits,
// per user and display; a socket a crashed instance left behind is replaced.
#include "app/SingleInstance.h"

#include <QFile>
#include <QLocalServer>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace hfcache;

class tst_SingleInstance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void secondLaunchRaisesFirst();
    void staleSocketIsReplaced();

private:
    QTemporaryDir m_tmp;
};

void tst_SingleInstance::initTestCase()
{
    QVERIFY(m_tmp.isValid());
}

void tst_SingleInstance::secondLaunchRaisesFirst()
{
    // The key comes from the user and the display: a display of our own keeps this test away
    // from a real session's hfcache-gui.
    const QByteArray display = ":tst-" + QByteArray::number(QCoreApplication::applicationPid());
    qputenv("DISPLAY", display);
    qunsetenv("WAYLAND_DISPLAY");
    SingleInstance first;
    QVERIFY(first.key().contains(QString::number(::getuid())));
    QVERIFY(first.claim());
    QSignalSpy raised(&first, &SingleInstance::raiseRequested);

    // A real second hfcache-gui: it must hand over and quit without a window of its own.
    QProcess second;
    second.start(QStringLiteral(HFCACHE_GUI), {QStringLiteral("--cache-dir"), m_tmp.filePath(QStringLiteral("none"))});
    QVERIFY(second.waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(raised.count(), 1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(second.state(), QProcess::NotRunning, 20000);
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitCode(), 0);
    // The first window is asked to open the cache the second launch was given.
    QCOMPARE(raised.first().first().toByteArray(), QFile::encodeName(m_tmp.filePath(QStringLiteral("none"))));

    // Without --cache-dir, and with a name no text protocol would survive.
    SingleInstance third;
    QVERIFY(!third.claim());
    QTRY_COMPARE(raised.count(), 2);
    QVERIFY(raised.at(1).first().toByteArray().isEmpty());
    const QByteArray odd("/tmp/a\nb \xff");
    QVERIFY(!SingleInstance().claim(odd));
    QTRY_COMPARE(raised.count(), 3);
    QCOMPARE(raised.at(2).first().toByteArray(), odd);

    // Another display is another session: it gets its own instance.
    qputenv("DISPLAY", display + "-other");
    SingleInstance elsewhere;
    QVERIFY(elsewhere.key() != first.key());
    QVERIFY(elsewhere.claim());
    QCOMPARE(raised.count(), 3);
}

void tst_SingleInstance::staleSocketIsReplaced()
{
    const QString key = QStringLiteral("hfcache-tst-stale-%1").arg(QCoreApplication::applicationPid());
    {
        // A socket file nobody listens on, as a crashed instance leaves it.
        QLocalServer crashed;
        crashed.setSocketOptions(QLocalServer::UserAccessOption);
        QVERIFY(crashed.listen(key));
        const QString path = crashed.fullServerName();
        crashed.close();
        QFile stale(path);
        QVERIFY(stale.open(QIODevice::WriteOnly));
    }
    SingleInstance instance(key);
    QVERIFY(instance.claim());
    SingleInstance second(key);
    QSignalSpy raised(&instance, &SingleInstance::raiseRequested);
    QVERIFY(!second.claim());
    QTRY_COMPARE(raised.count(), 1);
}

QTEST_MAIN(tst_SingleInstance)
#include "tst_SingleInstance.moc"
