// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// A cache on a real FUSE network filesystem: sshfs to an sshd started by the test on 127.0.0.1.
// where, doctor and scan must see "fuse.sshfs" (flocks are local to this machine) and read the
// cache through it like the local copy.
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include <fcntl.h>
#include <unistd.h>

using TestSupport::runCli;

class TestSshfsCache : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_cache;
    QString m_mount;
    QProcess m_sshd;

    static bool writeFile(const QString &path, const QByteArray &data)
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
    }

    static quint16 freePort()
    {
        QTcpServer probe;
        return probe.listen(QHostAddress::LocalHost) ? probe.serverPort() : 0;
    }

    QJsonObject json(const QStringList &args)
    {
        const TestSupport::CliResult r = runCli(args);
        if (r.exitCode != 0 && r.exitCode != 1)
            qWarning("%s", r.err.constData());
        return QJsonDocument::fromJson(r.out).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString sshd = QStringLiteral("/usr/sbin/sshd");
        if (!QFile::exists(sshd) || QStandardPaths::findExecutable(QStringLiteral("sshfs")).isEmpty()
            || QStandardPaths::findExecutable(QStringLiteral("ssh-keygen")).isEmpty())
            QSKIP("sshfs, ssh-keygen or /usr/sbin/sshd missing (installer/dev.sh installs sshfs and openssh-server)");
        const int fuse = ::open("/dev/fuse", O_RDWR | O_CLOEXEC);
        if (fuse >= 0)
            ::close(fuse);
        if (fuse < 0 || ::geteuid() != 0)
            QSKIP("needs a usable /dev/fuse and root (sshd runs as root with a key of the test's own)");
        const QString fixtures = TestSupport::extractFixtures(m_dir);
        QVERIFY(!fixtures.isEmpty());
        m_cache = fixtures + QStringLiteral("/fixture-cache");

        // Keys and a private sshd: key login for root only, from this test's key, on loopback.
        const QString keys = m_dir.filePath(QStringLiteral("ssh"));
        QVERIFY(QDir().mkpath(keys));
        for (const QString &name : {QStringLiteral("host"), QStringLiteral("client")}) {
            const int rc = TestSupport::runProgram(QStringLiteral("ssh-keygen"),
                                                   {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                                                    QStringLiteral("-N"), QString(), QStringLiteral("-f"), keys + QLatin1Char('/') + name});
            QCOMPARE(rc, 0);
        }
        QVERIFY(QFile::copy(keys + QStringLiteral("/client.pub"), keys + QStringLiteral("/authorized_keys")));
        QVERIFY(QDir().mkpath(QStringLiteral("/run/sshd")));  // sshd's privilege-separation folder
        const quint16 port = freePort();
        QVERIFY(port != 0);
        const QString config = keys + QStringLiteral("/sshd_config");
        QVERIFY(writeFile(config, QStringLiteral("Port %1\nListenAddress 127.0.0.1\nHostKey %2/host\n"
                                                 "AuthorizedKeysFile %2/authorized_keys\nPermitRootLogin prohibit-password\n"
                                                 "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n"
                                                 "StrictModes no\nPidFile %2/sshd.pid\nSubsystem sftp internal-sftp\n")
                                      .arg(port)
                                      .arg(keys)
                                      .toUtf8()));
        m_sshd.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_sshd.start(sshd, {QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"), config});
        QVERIFY(m_sshd.waitForStarted());
        QTcpSocket probe;
        QTRY_VERIFY_WITH_TIMEOUT((probe.abort(), probe.connectToHost(QHostAddress::LocalHost, port), probe.waitForConnected(200)), 10000);

        m_mount = m_dir.filePath(QStringLiteral("mnt"));
        QVERIFY(QDir().mkpath(m_mount));
        m_sshfsArgs = {QStringLiteral("-p"), QString::number(port), QStringLiteral("-o"), QStringLiteral("IdentityFile=%1/client").arg(keys),
                       QStringLiteral("-o"), QStringLiteral("StrictHostKeyChecking=no"), QStringLiteral("-o"),
                       QStringLiteral("UserKnownHostsFile=/dev/null"), QStringLiteral("-o"), QStringLiteral("BatchMode=yes"),
                       QStringLiteral("root@127.0.0.1:") + m_cache, m_mount};
        QByteArray err;
        const int rc = TestSupport::runProgram(QStringLiteral("sshfs"), m_sshfsArgs, nullptr, &err, 30000);
        QVERIFY2(rc == 0, err.constData());
    }

    void cleanupTestCase()
    {
        if (!m_mount.isEmpty())
            TestSupport::runProgram(QStringLiteral("fusermount3"), {QStringLiteral("-u"), m_mount});
        if (m_sshd.state() != QProcess::NotRunning) {
            m_sshd.terminate();
            m_sshd.waitForFinished(5000);
        }
    }

    // where: the folder is on fuse.sshfs, a network filesystem whose flocks stay on this machine.
    void whereSeesSshfs()
    {
        const QJsonObject where = json({QStringLiteral("where"), QStringLiteral("--cache-dir"), m_mount, QStringLiteral("--json")});
        const QJsonObject fs = where.value(QLatin1String("filesystems")).toObject().value(QLatin1String("hub_cache")).toObject();
        QCOMPARE(fs.value(QLatin1String("type")).toString(), QStringLiteral("fuse.sshfs"));
        QCOMPARE(fs.value(QLatin1String("network")).toBool(), true);
        QCOMPARE(fs.value(QLatin1String("lock_scope")).toString(), QStringLiteral("node-local"));
        QVERIFY(fs.value(QLatin1String("mount")).toObject().value(QLatin1String("source")).toString().contains(QLatin1String("127.0.0.1:")));
    }

    // doctor: the finding that other machines' holders are invisible, with its fix.
    void doctorExplainsTheLocks()
    {
        const QJsonObject doctor = json({QStringLiteral("doctor"), QStringLiteral("--cache-dir"), m_mount, QStringLiteral("--json")});
        QStringList codes;
        for (const QJsonValue &f : doctor.value(QLatin1String("findings")).toArray())
            codes << f.toObject().value(QLatin1String("code")).toString();
        QVERIFY2(codes.contains(QStringLiteral("fs-locks-node-local")), qPrintable(codes.join(QLatin1Char(' '))));
    }

    // sshfs's contain_symlinks (on by default since its 2026 security releases, Debian 12's
    // 3.7.3-1.2~deb12u1 among them) refuses to read every link with "..": every snapshot link.
    // The scan keeps those files and says why their blobs are unknown, with the mount option.
    void scanKeepsLinksTheMountRefuses()
    {
        const QJsonObject local = json({QStringLiteral("scan"), QStringLiteral("--cache-dir"), m_cache, QStringLiteral("--json")});
        const QJsonObject remote = json({QStringLiteral("scan"), QStringLiteral("--cache-dir"), m_mount, QStringLiteral("--json")});
        const QJsonArray a = local.value(QLatin1String("repos")).toArray();
        const QJsonArray b = remote.value(QLatin1String("repos")).toArray();
        QVERIFY(!a.isEmpty());
        QCOMPARE(b.size(), a.size());
        for (int i = 0; i < a.size(); ++i) {
            QCOMPARE(b[i].toObject().value(QLatin1String("repo_id")), a[i].toObject().value(QLatin1String("repo_id")));
            // Every revision is listed; file counts follow huggingface_hub (files with a known blob),
            // and a link the mount refuses has no known blob.
            QCOMPARE(b[i].toObject().value(QLatin1String("revisions")).toArray().size(),
                     a[i].toObject().value(QLatin1String("revisions")).toArray().size());
        }
        QByteArray target;
        const bool refused = TestSupport::runProgram(QStringLiteral("readlink"), {linkInMount()}, &target) != 0;
        if (!refused)
            QSKIP("this sshfs gives link targets (no contain_symlinks): nothing to report");
        bool explained = false;
        const QJsonObject tinyModel = TestSupport::objectWhere(b, QLatin1String("repo_id"), QStringLiteral("fixture-org/tiny-model"));
        for (const QJsonValue &f : tinyModel.value(QLatin1String("findings")).toArray()) {
            const QJsonObject o = f.toObject();
            explained |= o.value(QLatin1String("code")).toString() == QLatin1String("unreadable")
                         && o.value(QLatin1String("message")).toString().contains(QLatin1String("no_contain_symlinks"));
        }
        QVERIFY2(explained, QJsonDocument(b).toJson().constData());
    }

    // Mounted as the finding says, the scan through sshfs reads what the local copy holds.
    void scanMatchesTheLocalCopyWithLinks()
    {
        QByteArray target;
        if (TestSupport::runProgram(QStringLiteral("readlink"), {linkInMount()}, &target) != 0) {
            QCOMPARE(TestSupport::runProgram(QStringLiteral("fusermount3"), {QStringLiteral("-u"), m_mount}), 0);
            QByteArray err;
            const int rc = TestSupport::runProgram(QStringLiteral("sshfs"), m_sshfsArgs + QStringList{QStringLiteral("-o"), QStringLiteral("no_contain_symlinks")},
                                                   nullptr, &err, 30000);
            QVERIFY2(rc == 0, err.constData());
        }
        const QJsonObject local = json({QStringLiteral("scan"), QStringLiteral("--cache-dir"), m_cache, QStringLiteral("--json")});
        const QJsonObject remote = json({QStringLiteral("scan"), QStringLiteral("--cache-dir"), m_mount, QStringLiteral("--json")});
        const QJsonArray a = local.value(QLatin1String("repos")).toArray();
        const QJsonArray b = remote.value(QLatin1String("repos")).toArray();
        QCOMPARE(b.size(), a.size());
        for (int i = 0; i < a.size(); ++i) {
            QCOMPARE(b[i].toObject().value(QLatin1String("repo_id")), a[i].toObject().value(QLatin1String("repo_id")));
            // Apparent sizes and file counts: sftp reports no block counts, so sizes on disk differ.
            QCOMPARE(b[i].toObject().value(QLatin1String("size_apparent")), a[i].toObject().value(QLatin1String("size_apparent")));
            QCOMPARE(b[i].toObject().value(QLatin1String("nb_files")), a[i].toObject().value(QLatin1String("nb_files")));
        }
        for (const QJsonValue &repo : b)
            for (const QJsonValue &f : repo.toObject().value(QLatin1String("findings")).toArray())
                QVERIFY(f.toObject().value(QLatin1String("code")).toString() != QLatin1String("unreadable"));
    }

private:
    QStringList m_sshfsArgs;

    QString linkInMount() const
    {
        const QDir snapshots(m_mount + QStringLiteral("/models--fixture-org--tiny-model/snapshots"));
        return snapshots.filePath(snapshots.entryList(QDir::Dirs | QDir::NoDotAndDotDot).value(0) + QStringLiteral("/config.json"));
    }
};

QTEST_GUILESS_MAIN(TestSshfsCache)
#include "tst_SshfsCache.moc"
