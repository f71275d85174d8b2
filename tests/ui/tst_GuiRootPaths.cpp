// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
//
// hfcache-gui run by root next to another user (hfc_rootpaths_attacker): her link at the
// --screenshot name must not be written through, and her socket at the single-instance name
// must neither stop root's window nor receive root's --cache-dir. Victim files are decoys.
#include "support/TestSupport.h"

#include "app/SingleInstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

class tst_GuiRootPaths : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    std::optional<TestSupport::TestUser> m_attacker;
    int m_count = 0;

    QString folder(mode_t mode)
    {
        const QString dir = m_tmp.filePath(QStringLiteral("dir%1").arg(++m_count));
        [&] {
            QVERIFY(QDir().mkpath(dir));
            QVERIFY(::chmod(QFile::encodeName(dir).constData(), mode) == 0);
        }();
        return dir;
    }

    QStringList asAttacker(const QStringList &command) const
    {
        return QStringList{QStringLiteral("--reuid=%1").arg(m_attacker->uid), QStringLiteral("--regid=%1").arg(m_attacker->gid),
                           QStringLiteral("--init-groups"), QStringLiteral("--reset-env"), QStringLiteral("--")}
            + command;
    }

    // Her listener on `sockets` (folders made 0700, hers); what anyone sends goes to `log`.
    bool squat(QProcess &listener, const QString &log, const QStringList &sockets)
    {
        const QString script = QStringLiteral(
            "import os, select, socket, sys, time\n"
            "log, paths = sys.argv[1], sys.argv[2:]\n"
            "socks = []\n"
            "for p in paths:\n"
            "    os.makedirs(os.path.dirname(p), mode=0o700, exist_ok=True)\n"
            "    s = socket.socket(socket.AF_UNIX)\n"
            "    s.bind(p)\n"
            "    os.chmod(p, 0o777)\n"
            "    s.listen(8)\n"
            "    socks.append(s)\n"
            "print('ready', flush=True)\n"
            "end = time.time() + 60\n"
            "while time.time() < end:\n"
            "    for s in select.select(socks, [], [], 0.2)[0]:\n"
            "        c, _ = s.accept()\n"
            "        c.settimeout(2)\n"
            "        try:\n"
            "            data = c.recv(4096)\n"
            "        except OSError:\n"
            "            data = b''\n"
            "        with open(log, 'ab') as f:\n"
            "            f.write(b'connected ' + data + b'\\n')\n"
            "        c.close()\n");
        listener.start(QStringLiteral("setpriv"),
                       asAttacker(QStringList{QStringLiteral("python3"), QStringLiteral("-c"), script, log} + sockets));
        return listener.waitForReadyRead(20000) && listener.readAllStandardOutput().startsWith("ready");
    }

    static QString socketName()
    {
        const QByteArray display = qgetenv("WAYLAND_DISPLAY") + '|' + qgetenv("DISPLAY");
        return QStringLiteral("hfcache-%1-%2")
            .arg(::geteuid())
            .arg(QString::fromLatin1(QCryptographicHash::hash(display, QCryptographicHash::Sha256).toHex().left(12)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_attacker = TestSupport::ensureUser(QStringLiteral("hfc_rootpaths_attacker"));
        if (!m_attacker)
            QSKIP("needs root to create the attacker user");
        QVERIFY(m_tmp.isValid());
        QVERIFY(::chmod(QFile::encodeName(m_tmp.path()).constData(), 0755) == 0);
        // A display of our own: a real session's hfcache-gui is never involved.
        qputenv("DISPLAY", ":tst-rootpaths-" + QByteArray::number(QCoreApplication::applicationPid()));
        qunsetenv("WAYLAND_DISPLAY");
    }

    // Her link at the screenshot name: root's 0600 file stays as it was, the shot replaces the link.
    void screenshotReplacesPlantedLink()
    {
        const QString victim = folder(0700) + QStringLiteral("/secret.conf");
        {
            QFile f(victim);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("root's secret\n");
        }
        QVERIFY(::chmod(QFile::encodeName(victim).constData(), 0600) == 0);
        const QString shared = folder(01777);
        const QString shot = shared + QStringLiteral("/shot.png");
        QCOMPARE(TestSupport::runProgram(QStringLiteral("setpriv"), asAttacker({QStringLiteral("ln"), QStringLiteral("-s"), victim, shot})), 0);
        const QString cache = m_tmp.filePath(QStringLiteral("demo"));
        QCOMPARE(TestSupport::runCli({QStringLiteral("demo-cache"), cache}).exitCode, 0);

        QByteArray out, err;
        const int code = TestSupport::runProgram(QStringLiteral(HFCACHE_GUI),
                                                 {QStringLiteral("--cache-dir"), cache, QStringLiteral("--screenshot"), shot,
                                                  QStringLiteral("--size"), QStringLiteral("800x600")},
                                                 &out, &err, 120000);
        QVERIFY2(code == 0, err.constData());
        QFile secret(victim);
        QVERIFY(secret.open(QIODevice::ReadOnly));
        QCOMPARE(secret.readAll(), QByteArray("root's secret\n"));
        struct stat st;
        QVERIFY(::lstat(QFile::encodeName(victim).constData(), &st) == 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0600));
        QVERIFY(::lstat(QFile::encodeName(shot).constData(), &st) == 0);
        QVERIFY(S_ISREG(st.st_mode));
        QFile png(shot);
        QVERIFY(png.open(QIODevice::ReadOnly));
        QVERIFY(png.read(8).startsWith("\x89PNG"));
    }

    // Her socket where the name used to be, and her folder where root's fallback folder goes:
    // root's window starts (claim() true) and she hears nothing.
    void squattedSocketIsNotTrusted()
    {
        const QString tmp = folder(01777);
        const QString herLog = folder(0777) + QStringLiteral("/heard");
        qputenv("TMPDIR", QFile::encodeName(tmp));
        qunsetenv("XDG_RUNTIME_DIR");
        const QString name = socketName();
        QProcess listener;
        QVERIFY(squat(listener, herLog, {tmp + QLatin1Char('/') + name,
                                         tmp + QStringLiteral("/hfcache-%1/").arg(::geteuid()) + name}));
        hfcache::SingleInstance instance;
        QVERIFY(instance.claim(QByteArrayLiteral("/srv/root-only/cache")));
        QTest::qWait(500);
        listener.kill();
        listener.waitForFinished();
        QVERIFY2(!QFileInfo::exists(herLog), qPrintable(herLog));
    }

    // An XDG_RUNTIME_DIR that is not ours (sudo keeps the caller's) is not used either.
    void foreignRuntimeFolderIsNotUsed()
    {
        const QString runtime = folder(0777) + QStringLiteral("/run");
        const QString herLog = folder(0777) + QStringLiteral("/heard");
        qputenv("TMPDIR", QFile::encodeName(folder(01777)));
        QProcess listener;
        QVERIFY(squat(listener, herLog, {runtime + QLatin1Char('/') + socketName()}));
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime));
        hfcache::SingleInstance first;
        QVERIFY(!first.key().startsWith(runtime));
        QVERIFY(first.claim(QByteArrayLiteral("/srv/root-only/cache")));
        // Root's own instances still find each other in root's folder.
        hfcache::SingleInstance second;
        QCOMPARE(second.key(), first.key());
        QVERIFY(!second.claim());
        listener.kill();
        listener.waitForFinished();
        QVERIFY2(!QFileInfo::exists(herLog), qPrintable(herLog));
    }
};

QTEST_MAIN(tst_GuiRootPaths)
#include "tst_GuiRootPaths.moc"
