// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "activity/ActivityTargets.h"
#include "activity/CacheActivity.h"
#include "activity/SoftLock.h"
#include "cache/CacheScan.h"
#include "support/PythonPeer.h"
#include "support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <csignal>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

using namespace hfcache;
using TestSupport::runCli;

namespace {

QJsonObject lockOf(const TestSupport::CliResult &cli, const QString &path)
{
    return TestSupport::objectWhere(QJsonDocument::fromJson(cli.out).object().value(QLatin1String("locks")).toArray(),
                                    QLatin1String("path"), path);
}

} // namespace

class TestSoftLocks : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_cache;
    QString m_locks;  // .locks/<repo>/ of the fixture cache

    TestSupport::CliResult locksJson(const QStringList &extra = {})
    {
        return runCli(QStringList{QStringLiteral("locks"), QStringLiteral("--cache-dir"), m_cache, QStringLiteral("--json")} + extra);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString fixtures = TestSupport::extractFixtures(m_dir);
        QVERIFY(!fixtures.isEmpty());
        m_cache = fixtures + QStringLiteral("/fixture-cache");
        m_locks = m_cache + QStringLiteral("/.locks/models--fixture-org--tiny-model");
        QVERIFY(QFileInfo(m_locks).isDir());
    }

    void parse_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("format");
        QTest::addColumn<qint64>("pid");
        QTest::addColumn<QString>("host");
        QTest::newRow("empty (filelock <= 3.23)") << QByteArray() << "empty" << qint64(0) << "";
        QTest::newRow("pid only") << QByteArray("4242\n") << "pid" << qint64(4242) << "";
        QTest::newRow("pid host") << QByteArray("4242\nnode7\n") << "pid+host" << qint64(4242) << "node7";
        QTest::newRow("pid host token") << QByteArray("4242\nnode7\n340282366920938463463374607431768211455123\n")
                                        << "pid+host+token" << qint64(4242) << "node7";
        QTest::newRow("not a pid") << QByteArray("abc\nnode7\n") << "malformed" << qint64(0) << "";
        QTest::newRow("pid 0") << QByteArray("0\nnode7\n") << "malformed" << qint64(0) << "";
        QTest::newRow("bad token") << QByteArray("12\nnode7\nx1\n") << "malformed" << qint64(12) << "";
        QTest::newRow("four lines") << QByteArray("1\n2\n3\n4\n") << "malformed" << qint64(1) << "";
        QTest::newRow("too big") << QByteArray(2000, '1') << "malformed" << qint64(0) << "";
    }

    void parse()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, format);
        QFETCH(qint64, pid);
        QFETCH(QString, host);
        const SoftLock lock = SoftLock::parse(content);
        QCOMPARE(lock.formatName(), format);
        if (format != QLatin1String("malformed")) {
            QCOMPARE(lock.pid, pid);
            QCOMPARE(lock.host, host);
        }
    }

    // Stale only on proof: our host and the pid gone, or a pid reused (start token differs).
    void judge()
    {
        const QString me = SoftLock::hostName();
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        SoftLock alive = SoftLock::parse(QByteArray::number(::getpid()) + '\n' + me.toUtf8() + '\n');
        alive.mtime = now - 3600;
        alive.judge(me, now, 0);
        QCOMPARE(alive.holderName(), QStringLiteral("alive"));
        QVERIFY(!alive.stale);
        alive.judge(me, now, 60);  // the user's threshold: an hour-old marker is stale even though held
        QVERIFY(alive.stale);
        SoftLock recycled = SoftLock::parse(QByteArray::number(::getpid()) + '\n' + me.toUtf8() + "\n12345\n");
        recycled.judge(me, now, 0);
        QCOMPARE(recycled.holderName(), QStringLiteral("recycled"));
        QVERIFY(recycled.stale);
        SoftLock remote = SoftLock::parse("1\nsome-other-node\n");
        remote.mtime = now - 3600;
        remote.judge(me, now, 0);
        QCOMPARE(remote.holderName(), QStringLiteral("remote"));
        QVERIFY(!remote.stale);
    }

    // filelock 3.32.3's SoftFileLock: "pid\nhost\ntoken\n"; held while the holder runs, stale once
    // it is killed, broken like filelock breaks it; filelock can then take it again.
    void realFilelock332()
    {
        const QString path = m_locks + QStringLiteral("/soft-332.lock");
        auto holder = std::make_unique<PythonPeer>(PythonPeer::SoftLockHolder, QFile::encodeName(path), QStringLiteral("3.32.3"));
        QVERIFY(holder->waitFor("locked"));
        QJsonObject lock = lockOf(locksJson(), path);
        QCOMPARE(lock.value(QLatin1String("kind")).toString(), QStringLiteral("soft"));
        QCOMPARE(lock.value(QLatin1String("state")).toString(), QStringLiteral("held"));
        QJsonObject soft = lock.value(QLatin1String("soft")).toObject();
        QCOMPARE(soft.value(QLatin1String("format")).toString(), QStringLiteral("pid+host+token"));
        QCOMPARE(soft.value(QLatin1String("host")).toString(), SoftLock::hostName());
        QCOMPARE(qint64(soft.value(QLatin1String("pid")).toDouble()), holder->pid());
        QCOMPARE(soft.value(QLatin1String("holder")).toString(), QStringLiteral("alive"));  // the real token matches
        QCOMPARE(soft.value(QLatin1String("stale")).toBool(), false);
        QCOMPARE(qint64(lock.value(QLatin1String("holders")).toArray().at(0).toObject().value(QLatin1String("pid")).toDouble()),
                 holder->pid());
        const TestSupport::CliResult human = runCli({QStringLiteral("locks"), QStringLiteral("--cache-dir"), m_cache});
        QVERIFY2(human.out.contains("soft, held"), human.out.constData());
        // A live holder is never broken, and its age alone breaks it only past the user's threshold.
        TestSupport::CliResult broke = runCli({QStringLiteral("locks"), QStringLiteral("--cache-dir"), m_cache, QStringLiteral("--break-stale")});
        QCOMPARE(broke.exitCode, 0);
        QVERIFY(QFileInfo::exists(path));

        holder->crash();  // the marker stays
        lock = lockOf(locksJson(), path);
        soft = lock.value(QLatin1String("soft")).toObject();
        QCOMPARE(soft.value(QLatin1String("holder")).toString(), QStringLiteral("gone"));
        QCOMPARE(soft.value(QLatin1String("stale")).toBool(), true);
        QCOMPARE(lock.value(QLatin1String("state")).toString(), QStringLiteral("free"));
        const TestSupport::CliResult doctor = runCli({QStringLiteral("doctor"), QStringLiteral("--cache-dir"), m_cache});
        QVERIFY2(doctor.out.contains("soft-lock-stale"), doctor.out.constData());
        broke = runCli({QStringLiteral("locks"), QStringLiteral("--cache-dir"), m_cache, QStringLiteral("--break-stale")});
        QCOMPARE(broke.exitCode, 0);
        QVERIFY2(broke.out.contains("1 stale soft lock(s) broken, 0 failed."), broke.out.constData());
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(QDir(m_locks).entryList({QStringLiteral("*.break.*")}, QDir::Files | QDir::Hidden).isEmpty());

        holder = std::make_unique<PythonPeer>(PythonPeer::SoftLockHolder, QFile::encodeName(path), QStringLiteral("3.32.3"));
        QVERIFY(holder->waitFor("locked"));
        holder->next();
        QVERIFY(holder->waitFor("released"));
        QVERIFY(!QFileInfo::exists(path));  // SoftFileLock deletes its marker on release
    }

    // A marker written on another host (a separate UTS namespace named "node-b", as a node of a
    // cluster sharing the cache): never stale by pid, only past the user's age threshold.
    void remoteHolder()
    {
        const QString path = m_locks + QStringLiteral("/soft-remote.lock");
        PythonPeer holder(PythonPeer::SoftLockHolder, QFile::encodeName(path), QStringLiteral("3.32.3"),
                          {QStringLiteral("unshare"), QStringLiteral("--uts"), QStringLiteral("--"), QStringLiteral("sh"),
                           QStringLiteral("-c"), QStringLiteral("hostname node-b && exec \"$@\""), QStringLiteral("sh")});
        QVERIFY(holder.waitFor("locked"));
        holder.crash();  // gone, but on a host we cannot look at
        QJsonObject soft = lockOf(locksJson(), path).value(QLatin1String("soft")).toObject();
        QCOMPARE(soft.value(QLatin1String("host")).toString(), QStringLiteral("node-b"));
        QCOMPARE(soft.value(QLatin1String("holder")).toString(), QStringLiteral("remote"));
        QCOMPARE(soft.value(QLatin1String("stale")).toBool(), false);
        QJsonObject lock = lockOf(locksJson(), path);
        QCOMPARE(lock.value(QLatin1String("holders")).toArray().at(0).toObject().value(QLatin1String("host")).toString(),
                 QStringLiteral("node-b"));
        const TestSupport::CliResult human = runCli({QStringLiteral("locks"), QStringLiteral("--cache-dir"), m_cache});
        QVERIFY2(human.out.contains(QStringLiteral("on node-b").toUtf8()), human.out.constData());

        struct timespec old[2] = {{0, UTIME_OMIT}, {QDateTime::currentSecsSinceEpoch() - 7200, 0}};
        QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), old, 0), 0);
        soft = lockOf(locksJson({QStringLiteral("--soft-lock-stale-after"), QStringLiteral("1h")}), path)
                   .value(QLatin1String("soft")).toObject();
        QCOMPARE(soft.value(QLatin1String("stale")).toBool(), true);
        QVERIFY(soft.value(QLatin1String("stale_reason")).toString().contains(QLatin1String("threshold")));
        QCOMPARE(runCli({QStringLiteral("locks"), QStringLiteral("--cache-dir"), m_cache, QStringLiteral("--soft-lock-stale-after"),
                         QStringLiteral("1h"), QStringLiteral("--break-stale")}).exitCode, 0);
        QVERIFY(!QFileInfo::exists(path));
        QCOMPARE(runCli({QStringLiteral("locks"), QStringLiteral("--cache-dir"), m_cache, QStringLiteral("--soft-lock-stale-after"),
                         QStringLiteral("soon")}).exitCode, 2);
    }

    // filelock 3.9 (Debian) and 3.11: an empty marker, held open write-only by its holder.
    void oldFilelock_data()
    {
        QTest::addColumn<QString>("version");
        QTest::newRow("3.9 (Debian)") << QString();
        QTest::newRow("3.11.0") << QStringLiteral("3.11.0");
    }

    void oldFilelock()
    {
        QFETCH(QString, version);
        const QString path = m_locks + QStringLiteral("/soft-old.lock");
        PythonPeer holder(PythonPeer::SoftLockHolder, QFile::encodeName(path), version);
        QVERIFY(holder.waitFor("locked"));
        QCOMPARE(QFileInfo(path).size(), 0);
        QJsonObject lock = lockOf(locksJson(), path);
        QCOMPARE(lock.value(QLatin1String("kind")).toString(), QStringLiteral("soft"));
        QCOMPARE(lock.value(QLatin1String("state")).toString(), QStringLiteral("held"));
        const QJsonObject soft = lock.value(QLatin1String("soft")).toObject();
        QCOMPARE(soft.value(QLatin1String("format")).toString(), QStringLiteral("empty"));
        QCOMPARE(qint64(soft.value(QLatin1String("pid")).toDouble()), holder.pid());
        QCOMPARE(soft.value(QLatin1String("holder")).toString(), QStringLiteral("alive"));
        QVERIFY(lock.value(QLatin1String("waiters")).toArray().isEmpty());  // the holder, not a waiter

        holder.crash();
        // Left behind, an empty marker looks like any flock lock file: where flock works it is one.
        lock = lockOf(locksJson(), path);
        QCOMPARE(lock.value(QLatin1String("kind")).toString(), QStringLiteral("flock"));
        QCOMPARE(lock.value(QLatin1String("state")).toString(), QStringLiteral("free"));
        // Where flock fails (Lustre without -o flock) every lock file is a marker: stale past the threshold.
        ScanError error;
        const CacheSnapshotPtr snapshot = CacheScan::run(QFile::encodeName(m_cache), {}, {}, nullptr, &error);
        QVERIFY(snapshot);
        CacheActivity::Options options;
        options.emptyLocksAreSoft = true;
        // Nobody keeps it open: it may as well be a failed flock attempt's leftover, so not "held".
        const ActivityReport fresh = CacheActivity::inspect(ActivityTargets::fromSnapshot(snapshot), options);
        QVERIFY(TestSupport::lockIn(fresh, QFile::encodeName(path)) && TestSupport::lockIn(fresh, QFile::encodeName(path))->isSoft);
        QVERIFY(!TestSupport::lockIn(fresh, QFile::encodeName(path))->held);
        QVERIFY(!TestSupport::lockIn(fresh, QFile::encodeName(path))->soft.stale);
        options.softLockStaleAfter = 3600;
        struct timespec old[2] = {{0, UTIME_OMIT}, {QDateTime::currentSecsSinceEpoch() - 7200, 0}};
        QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), old, 0), 0);
        const CacheSnapshotPtr rescanned = CacheScan::run(QFile::encodeName(m_cache), {}, {}, nullptr, &error);
        const ActivityReport report = CacheActivity::inspect(ActivityTargets::fromSnapshot(rescanned), options);
        const LockFileState *state = TestSupport::lockIn(report, QFile::encodeName(path));
        QVERIFY(state);
        QVERIFY(state->isSoft);
        QVERIFY(state->soft.stale);
        QVERIFY(!state->held);
        QVERIFY(QFile::remove(path));
    }
};

QTEST_GUILESS_MAIN(TestSoftLocks)
#include "tst_SoftLocks.moc"
