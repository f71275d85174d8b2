// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "support/PythonPeer.h"
#include "support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <csignal>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

using TestSupport::runCli;

namespace {

QJsonObject findPath(const QJsonArray &array, const QString &path)
{
    return TestSupport::objectWhere(array, QLatin1String("path"), path);
}

} // namespace

class TestLocksCommand : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_fixtures;
    QString m_cache;
    QString m_lock;
    std::unique_ptr<PythonPeer> m_holder;  // a python3-filelock download holding m_lock

private Q_SLOTS:
    void initTestCase()
    {
        m_fixtures = TestSupport::extractFixtures(m_dir);
        QVERIFY(!m_fixtures.isEmpty());
        m_cache = m_fixtures + QStringLiteral("/fixture-cache");
        ::chmod(QFile::encodeName(m_dir.path()).constData(), 0755);  // other users may look too
        const QDir locks(m_cache + QStringLiteral("/.locks/models--fixture-org--tiny-model"));
        const QStringList files = locks.entryList({QStringLiteral("*.lock")}, QDir::Files, QDir::Name);
        QVERIFY(!files.isEmpty());
        m_lock = locks.filePath(files.first());
        m_holder = std::make_unique<PythonPeer>(PythonPeer::FileLockHolder, QFile::encodeName(m_lock));
        QVERIFY(m_holder->waitFor("locked"));
    }

    void cleanupTestCase() { m_holder.reset(); }

    void jsonKeys()
    {
        const TestSupport::CliResult cli = runCli({QStringLiteral("locks"), QStringLiteral("--cache-dir"), m_cache,
                                                   QStringLiteral("--json")});
        QCOMPARE(cli.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(cli.out).object();
        const QJsonArray locks = json.value(QLatin1String("locks")).toArray();
        QVERIFY(locks.size() > 5);
        for (const QJsonValue &v : locks) {
            const QJsonObject lock = v.toObject();
            for (const char *key : {"path", "repo_id", "state", "holders", "owner", "mode", "writable"})
                QVERIFY2(lock.contains(QLatin1String(key)), key);
        }
        const QJsonObject held = findPath(locks, m_lock);
        QCOMPARE(held.value(QLatin1String("state")).toString(), QStringLiteral("held"));
        QCOMPARE(held.value(QLatin1String("repo_id")).toString(), QStringLiteral("fixture-org/tiny-model"));
        const QJsonArray holders = held.value(QLatin1String("holders")).toArray();
        QCOMPARE(holders.size(), 1);
        const QJsonObject holder = holders.first().toObject();
        QCOMPARE(holder.value(QLatin1String("pid")).toInteger(), m_holder->pid());
        QCOMPARE(holder.value(QLatin1String("process")).toString(), QStringLiteral("python3"));
        QCOMPARE(holder.value(QLatin1String("user")).toString(), QStringLiteral("root"));
        QVERIFY(holder.value(QLatin1String("cmdline")).toString().startsWith(QLatin1String("/usr/bin/python3")));
        int free = 0;
        for (const QJsonValue &v : locks)
            free += v.toObject().value(QLatin1String("state")).toString() == QLatin1String("free");
        QCOMPARE(free, locks.size() - 1);

        // The fixture's killed and stalled downloads: interrupted, measured twice for a rate.
        const QJsonArray downloads = json.value(QLatin1String("downloads")).toArray();
        QCOMPARE(downloads.size(), 2);
        for (const QJsonValue &v : downloads) {
            const QJsonObject d = v.toObject();
            for (const char *key : {"path", "repo_id", "size", "rate", "active"})
                QVERIFY2(d.contains(QLatin1String(key)), key);
            QVERIFY(!d.value(QLatin1String("active")).toBool());
            QCOMPARE(d.value(QLatin1String("rate")).toInteger(), 0);
            QVERIFY(d.value(QLatin1String("path")).toString().endsWith(QLatin1String(".incomplete")));
        }
    }

    void humanText()
    {
        const TestSupport::CliResult cli = runCli({QStringLiteral("locks"), QStringLiteral("--cache-dir"), m_cache});
        QCOMPARE(cli.exitCode, 0);
        QVERIFY(cli.out.contains("LOCK FILE"));
        QVERIFY(cli.out.contains(QStringLiteral("pid %1 python3 (root)").arg(m_holder->pid()).toUtf8()));
        QVERIFY(cli.out.contains("A free lock file is normal"));
        QVERIFY(cli.out.contains("interrupted"));
    }

    // A filelock waiter polls with LOCK_NB and closes the file between attempts: it is invisible,
    // and locks says so instead of showing an empty waiter list as if nobody waited.
    void filelockWaitersAreSaidToBeInvisible()
    {
        PythonPeer waiter(PythonPeer::FileLockHolder, QFile::encodeName(m_lock));
        QTest::qWait(300);  // polling by now
        const TestSupport::CliResult text = runCli({QStringLiteral("locks"), QStringLiteral("--cache-dir"), m_cache});
        QVERIFY2(text.out.contains("Waiters of Python's filelock (huggingface_hub) cannot be listed: it polls with LOCK_NB"),
                 text.out.constData());
        const TestSupport::CliResult json = runCli({QStringLiteral("locks"), QStringLiteral("--cache-dir"), m_cache,
                                                    QStringLiteral("--json")});
        const QJsonObject object = QJsonDocument::fromJson(json.out).object();
        QVERIFY(object.value(QLatin1String("waiters_note")).toString().contains(QLatin1String("LOCK_NB")));
        QVERIFY(!waiter.hasSaid("locked"));
    }

    // doctor reports the held lock as information, not as a problem.
    void doctorSeesHeldLock()
    {
        const TestSupport::CliResult cli = runCli({QStringLiteral("doctor"), QStringLiteral("--cache-dir"), m_cache,
                                                   QStringLiteral("--json")});
        QCOMPARE(cli.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(cli.out).object();
        bool seen = false;
        for (const QJsonValue &repo : json.value(QLatin1String("repos")).toArray()) {
            const QJsonObject f = findPath(repo.toObject().value(QLatin1String("findings")).toArray(), m_lock);
            if (f.value(QLatin1String("code")).toString() == QLatin1String("lock-held")) {
                seen = true;
                QCOMPARE(f.value(QLatin1String("severity")).toString(), QStringLiteral("info"));
                QVERIFY(f.value(QLatin1String("message")).toString().contains(QString::number(m_holder->pid())));
            }
        }
        QVERIFY(seen);
    }

    void localDir()
    {
        const QString local = m_fixtures + QStringLiteral("/fixture-localdir/bert-mini");
        const TestSupport::CliResult cli = runCli({QStringLiteral("locks"), QStringLiteral("--cache-dir"), m_cache,
                                                   QStringLiteral("--local-dir"), local, QStringLiteral("--json")});
        QCOMPARE(cli.exitCode, 0);
        const QJsonArray locks = QJsonDocument::fromJson(cli.out).object().value(QLatin1String("locks")).toArray();
        const QJsonObject lock = findPath(locks, local + QStringLiteral("/.cache/huggingface/download/config.json.lock"));
        QCOMPARE(lock.value(QLatin1String("state")).toString(), QStringLiteral("free"));
        QCOMPARE(lock.value(QLatin1String("repo_id")).toString(), local);

        const TestSupport::CliResult bad = runCli({QStringLiteral("locks"), QStringLiteral("--cache-dir"), m_cache,
                                                   QStringLiteral("--local-dir"), m_dir.path() + QStringLiteral("/none")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains("/none/.cache/huggingface"));
    }

    // As an ordinary user most of /proc/<pid> is closed: the command still works and says so.
    void unreadableProcesses()
    {
        const auto user = TestSupport::ensureUser(QStringLiteral("hfct-doc-a"));
        if (!user)
            QSKIP("needs root to create a user");
        QByteArray out, err;
        QCOMPARE(TestSupport::runAsUser(*user, qEnvironmentVariable("HFCACHE_CLI"),
                                        {QStringLiteral("locks"), QStringLiteral("--cache-dir"), m_cache, QStringLiteral("--json")},
                                        &out, &err), 0);
        const QJsonObject json = QJsonDocument::fromJson(out).object();
        QVERIFY(json.value(QLatin1String("unreadable_processes")).toInt() > 0);
        // /proc/locks and /proc/<pid>/status are world-readable: the holder is still known.
        const QJsonObject held = findPath(json.value(QLatin1String("locks")).toArray(), m_lock);
        QCOMPARE(held.value(QLatin1String("state")).toString(), QStringLiteral("held"));
        QCOMPARE(held.value(QLatin1String("writable")).toBool(), false);  // root's 0755 lock file
    }

    void watchRefreshesUntilInterrupted()
    {
        QProcess watch;
        watch.start(qEnvironmentVariable("HFCACHE_CLI"), {QStringLiteral("locks"), QStringLiteral("--cache-dir"), m_cache,
                                                          QStringLiteral("--watch"), QStringLiteral("--interval"),
                                                          QStringLiteral("0.2"), QStringLiteral("--json")});
        QVERIFY(watch.waitForStarted());
        QTest::qWait(1500);
        ::kill(pid_t(watch.processId()), SIGINT);
        QVERIFY(watch.waitForFinished(5000));
        QCOMPARE(watch.exitStatus(), QProcess::NormalExit);
        QCOMPARE(watch.exitCode(), 0);
        QVERIFY(watch.readAllStandardOutput().count("\"locks\"") >= 3);
    }

    void usage()
    {
        TestSupport::CliResult cli = runCli({QStringLiteral("locks"), QStringLiteral("--interval"), QStringLiteral("x"),
                                             QStringLiteral("--cache-dir"), m_cache});
        QCOMPARE(cli.exitCode, 2);
        cli = runCli({QStringLiteral("locks"), QStringLiteral("--cache-dir"), m_dir.path() + QStringLiteral("/missing")});
        QCOMPARE(cli.exitCode, 2);
        QVERIFY(cli.err.contains("missing"));
    }
};

QTEST_GUILESS_MAIN(TestLocksCommand)
#include "tst_LocksCommand.moc"
