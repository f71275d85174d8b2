// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// hfcache-helper run as root (what pkexec and sudo start): recipes' operations applied exactly,
// and every attack from issue 6 refused with nothing changed outside the cache root.
#include "RepairTestCache.h"

#include "repair/RepairExecutor.h"
#include "repair/RepairPlan.h"
#include "util/PathText.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cstdio>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace RepairTestCache;
using TestSupport::TestUser;

namespace {

struct stat lstatOf(const QByteArray &path)
{
    struct stat st {};
    if (::lstat(path.constData(), &st) != 0)
        qWarning("lstat %s failed", path.constData());
    return st;
}

// chattr +i / -i by raw name (chattr cannot be given a name that is not UTF-8 through QProcess).
bool setImmutable(const QByteArray &path, bool on)
{
    const int fd = ::open(path.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    int flags = 0;
    bool ok = fd >= 0 && ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
    flags = on ? flags | FS_IMMUTABLE_FL : flags & ~FS_IMMUTABLE_FL;
    ok = ok && ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
    if (fd >= 0)
        ::close(fd);
    return ok;
}

const char *kFilelockScript = "import os, sys, time, filelock\n"
                              "os.umask(0o022)\n"
                              "lock = filelock.FileLock(sys.argv[1])\n"
                              "lock.acquire(timeout=float(sys.argv[2]))\n"
                              "time.sleep(float(sys.argv[3]))\n"
                              "lock.release()\n";

} // namespace

class TestRepairHelper : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void appliesEachOperationOnFilesOfOtherUsers();
    void kernelRepoMakesACache();
    void lockFilesOfAnotherUserBecomeUsable();
    void removeIncompleteWaitsForItsBlobLock();
    void oddNamesRoundTrip();
    void refusesBadPlans_data();
    void refusesBadPlans();
    void symlinkIsOnlyEverLchowned();
    void refusesSymlinkInTheMiddleOfAPath();
    void refusesHardLinkToAFileOutside();
    void refusesAnotherMount();
    void refusesOversizedPlan();
    void survivesASymlinkFlippedInDuringTheRun();
    void entryReplacedAfterTheCheckIsLeftAlone();
    void exitCodes();

private:
    // A fresh tree: <tmp>/hub (A's cache, its content B's: copied from B) and <tmp>/outside
    // (must never change). The root is A's: the helper repairs only the invoker's own cache.
    QByteArray freshCache(QTemporaryDir &dir, int files = 3);

    std::optional<TestUser> m_a;  // the invoker
    std::optional<TestUser> m_b;  // someone else
};

void TestRepairHelper::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("the helper tests need root (CI runs as root)");
    m_a = TestSupport::ensureUser(QStringLiteral("hfct-rep-a"));
    m_b = TestSupport::ensureUser(QStringLiteral("hfct-rep-b"));
    QVERIFY(m_a && m_b);
    QVERIFY2(QFile::exists(helperPath()), qPrintable(helperPath()));
}

QByteArray TestRepairHelper::freshCache(QTemporaryDir &dir, int files)
{
    const QByteArray base = QFile::encodeName(dir.path());
    const QByteArray hub = makeCache(base, files);
    chownTree(hub, m_b->uid, m_b->gid);
    if (::chown(hub.constData(), m_a->uid, m_b->gid) != 0)
        qFatal("cannot chown %s", hub.constData());
    QDir().mkpath(dir.filePath(QStringLiteral("outside")));
    for (const char *name : {"secret", "b0", "b1", "f0"}) {
        QFile file(dir.filePath(QStringLiteral("outside/") + QLatin1String(name)));
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot create outside file");
        file.write("outside ");
        ::chmod(QFile::encodeName(file.fileName()).constData(), 0600);
    }
    return hub;
}

void TestRepairHelper::appliesEachOperationOnFilesOfOtherUsers()
{
    QTemporaryDir dir;
    const QByteArray hub = freshCache(dir);
    const QByteArray repo = "models--t--repo";
    const uint a = m_a->uid, ga = m_a->gid;
    const HelperRun run = runHelper(plan(hub, {op("chown", ".", uidArg(a) + ',' + gidArg(ga)),
                                               op("chown", repo, uidArg(a)),
                                               op("chmod", repo, "\"mode\":\"0775\""),
                                               op("setgid", repo),
                                               op("chgrp", repo + "/blobs", gidArg(ga)),
                                               op("chown", repo + "/blobs/b0", uidArg(a) + ',' + gidArg(ga)),
                                               op("chmod", repo + "/blobs/b0", "\"mode\":\"0664\""),
                                               op("chmod", repo + "/blobs/b1", "\"mode\":\"0600\""),
                                               op("chown", repo + "/snapshots/c1/f0", uidArg(a))}),
                                    a, true);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.statusCount(QStringLiteral("changed")), 9);
    QCOMPARE(run.count(QStringLiteral("result")), 0);  // result lines are for failures only
    QCOMPARE(run.last(QStringLiteral("done")).value(QLatin1String("failed")).toInt(), 0);

    struct stat st = lstatOf(hub);
    QCOMPARE(st.st_uid, a);
    QCOMPARE(st.st_gid, ga);
    st = lstatOf(hub + '/' + repo);
    QCOMPARE(st.st_uid, a);
    QCOMPARE(st.st_gid, m_b->gid);
    QCOMPARE(st.st_mode & 07777, 02775u);
    QCOMPARE(lstatOf(hub + '/' + repo + "/blobs").st_gid, ga);
    st = lstatOf(hub + '/' + repo + "/blobs/b0");
    QCOMPARE(st.st_uid, a);
    QCOMPARE(st.st_mode & 07777, 0664u);
    QCOMPARE(lstatOf(hub + '/' + repo + "/blobs/b1").st_mode & 07777, 0600u);
    QCOMPARE(lstatOf(hub + '/' + repo + "/snapshots/c1/f0").st_uid, a);
    QCOMPARE(lstatOf(hub + '/' + repo + "/blobs/b0").st_uid, a);  // through chown of the blob, not the link
    QCOMPARE(lstatOf(hub + '/' + repo + "/blobs/b2").st_uid, m_b->uid);

    // Applying it again changes nothing.
    const HelperRun again = runHelper(plan(hub, {op("chmod", repo + "/blobs/b0", "\"mode\":\"0664\"")}), a);
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(again.statusCount(QStringLiteral("unchanged")), 1);
}

// A cache holding only a kernel repo (and no CACHEDIR.TAG) is a cache to the helper as it is
// to the scanner: both go by RepoFolderName (the helper once knew three prefixes only).
void TestRepairHelper::kernelRepoMakesACache()
{
    QTemporaryDir dir;
    const QByteArray hub = freshCache(dir);
    const QByteArray repo = "kernels--t--repo";
    QVERIFY(::rename((hub + "/models--t--repo").constData(), (hub + '/' + repo).constData()) == 0);
    QVERIFY(::rename((hub + "/.locks/models--t--repo").constData(), (hub + "/.locks/" + repo).constData()) == 0);
    QVERIFY(!QFile::exists(QFile::decodeName(hub + "/CACHEDIR.TAG")));
    const HelperRun run = runHelper(plan(hub, {op("chmod", repo + "/blobs/b0", "\"mode\":\"0664\"")}), m_a->uid, true);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.statusCount(QStringLiteral("changed")), 1);
    QCOMPARE(lstatOf(hub + '/' + repo + "/blobs/b0").st_mode & 07777, 0664u);
}

void TestRepairHelper::lockFilesOfAnotherUserBecomeUsable()
{
    QTemporaryDir dir;
    const QByteArray hub = freshCache(dir);
    const QByteArray lockDir = hub + "/.locks/models--t--repo";
    ::chmod(lockDir.constData(), 0777);  // both users can create locks; the lock file itself is the problem
    const QString lock = QFile::decodeName(lockDir + "/b0.lock");
    QByteArray err;
    QCOMPARE(TestSupport::runAsUser(*m_b, QStringLiteral("/usr/bin/python3"),
                                    {QStringLiteral("-c"), QLatin1String(kFilelockScript), lock, QStringLiteral("5"), QStringLiteral("0")},
                                    nullptr, &err),
             0);
    const struct stat before = lstatOf(QFile::encodeName(lock));
    QCOMPARE(before.st_uid, m_b->uid);
    QVERIFY((before.st_mode & 0022) == 0);  // made by an old filelock with umask 022
    QVERIFY(TestSupport::runAsUser(*m_a, QStringLiteral("/usr/bin/python3"),
                                   {QStringLiteral("-c"), QLatin1String(kFilelockScript), lock, QStringLiteral("1"), QStringLiteral("0")},
                                   nullptr, &err)
            != 0);
    QVERIFY2(err.contains("PermissionError"), err.constData());

    const HelperRun run = runHelper(plan(hub, {op("chown", ".locks/models--t--repo/b0.lock", uidArg(m_a->uid)),
                                               op("chmod", ".locks/models--t--repo/b0.lock", "\"mode\":\"0664\"")}),
                                    m_a->uid, true);
    QCOMPARE(run.exitCode, 0);
    const struct stat after = lstatOf(QFile::encodeName(lock));
    QCOMPARE(after.st_uid, m_a->uid);
    QCOMPARE(after.st_mode & 07777, 0664u);
    QCOMPARE(TestSupport::runAsUser(*m_a, QStringLiteral("/usr/bin/python3"),
                                    {QStringLiteral("-c"), QLatin1String(kFilelockScript), lock, QStringLiteral("5"), QStringLiteral("0")},
                                    nullptr, &err),
             0);
}

void TestRepairHelper::removeIncompleteWaitsForItsBlobLock()
{
    QTemporaryDir dir;
    const QByteArray hub = freshCache(dir);
    const QByteArray incomplete = hub + "/models--t--repo/blobs/e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1.incomplete";
    QFile file(QFile::decodeName(incomplete));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("partial");
    file.close();
    const QByteArray planJson = plan(hub, {op("remove-incomplete", "models--t--repo/blobs/e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1.incomplete")});

    // A downloader (a real filelock, as another user) holds the blob lock: nothing is removed.
    ::chmod((hub + "/.locks/models--t--repo").constData(), 0777);
    const QString lock = QFile::decodeName(hub + "/.locks/models--t--repo/e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1.lock");
    QProcess holder;
    holder.start(QStringLiteral("setpriv"), {QStringLiteral("--reuid=%1").arg(m_b->uid), QStringLiteral("--regid=%1").arg(m_b->gid),
                                             QStringLiteral("--init-groups"), QStringLiteral("--"), QStringLiteral("/usr/bin/python3"),
                                             QStringLiteral("-c"), QLatin1String(kFilelockScript), lock, QStringLiteral("5"),
                                             QStringLiteral("3")});
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(lock), 5000);
    QTest::qWait(300);
    const HelperRun busy = runHelper(planJson, m_a->uid);
    QCOMPARE(busy.exitCode, 1);
    QVERIFY2(busy.last(QStringLiteral("result")).value(QLatin1String("error")).toString().contains(QLatin1String("download holds")),
             qPrintable(busy.last(QStringLiteral("result")).value(QLatin1String("error")).toString()));
    QVERIFY(QFile::exists(QFile::decodeName(incomplete)));
    QVERIFY(holder.waitForFinished(10000));

    const HelperRun done = runHelper(planJson, m_a->uid);
    QCOMPARE(done.exitCode, 0);
    QVERIFY(!QFile::exists(QFile::decodeName(incomplete)));

    // No lock file yet: the helper creates it as huggingface_hub would, for the user, not root.
    QFile second(QFile::decodeName(hub + "/models--t--repo/blobs/e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2.0badcafe.incomplete"));
    QVERIFY(second.open(QIODevice::WriteOnly));
    second.close();
    QCOMPARE(runHelper(plan(hub, {op("remove-incomplete", "models--t--repo/blobs/e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2.0badcafe.incomplete")}), m_a->uid).exitCode, 0);
    const struct stat created = lstatOf(hub + "/.locks/models--t--repo/e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2.lock");
    QCOMPARE(created.st_uid, m_a->uid);
    QCOMPARE(created.st_mode & 07777, 0664u);
}

void TestRepairHelper::oddNamesRoundTrip()
{
    QTemporaryDir dir;
    const QByteArray hub = freshCache(dir);
    QList<QByteArray> names{"with space", "new\nline", "caf\xe9", "quote\"back\\slash"};
    QList<QByteArray> operations;
    for (const QByteArray &name : names) {
        const QByteArray path = hub + "/models--t--repo/blobs/" + name;
        const int fd = ::open(path.constData(), O_CREAT | O_WRONLY, 0600);
        QVERIFY(fd >= 0);
        ::close(fd);
        operations << op("chmod", "models--t--repo/blobs/" + name, "\"mode\":\"0664\"");
    }
    // Root's 0600 files, which A cannot read: an administrator's repair (--take-ownership).
    const HelperRun run = runHelper(plan(hub, operations), m_a->uid, true);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.statusCount(QStringLiteral("changed")), names.size());
    for (const QByteArray &name : names)
        QCOMPARE(lstatOf(hub + "/models--t--repo/blobs/" + name).st_mode & 07777, 0664u);
    // Failures name their entry: immutable files cannot be changed even by root, and each
    // failure line gives back the exact bytes of its path.
    for (const QByteArray &name : names)
        QVERIFY(setImmutable(hub + "/models--t--repo/blobs/" + name, true));
    QList<QByteArray> failing;
    for (const QByteArray &name : names)
        failing << op("chmod", "models--t--repo/blobs/" + name, "\"mode\":\"0600\"");
    const HelperRun failed = runHelper(plan(hub, failing), m_a->uid);
    for (const QByteArray &name : names)
        QVERIFY(setImmutable(hub + "/models--t--repo/blobs/" + name, false));
    QCOMPARE(failed.exitCode, 1);
    QCOMPARE(failed.statusCount(QStringLiteral("failed")), names.size());
    int seen = 0;
    for (const QJsonObject &line : failed.lines) {
        if (line.value(QLatin1String("event")).toString() != QLatin1String("result"))
            continue;
        const QByteArray path = hfcache::PathText::fromJsonString(line.value(QLatin1String("path")).toString());
        QCOMPARE(path, "models--t--repo/blobs/" + names[seen]);
        QCOMPARE(line.value(QLatin1String("index")).toInt(), seen);
        QCOMPARE(line.value(QLatin1String("status")).toString(), QStringLiteral("failed"));
        QCOMPARE(lstatOf(hub + '/' + path).st_mode & 07777, 0664u);
        ++seen;
    }
    QCOMPARE(seen, names.size());
    for (const QByteArray &name : names)  // QTemporaryDir cannot name the non-UTF-8 one
        ::unlink((hub + "/models--t--repo/blobs/" + name).constData());
}

void TestRepairHelper::refusesBadPlans_data()
{
    QTest::addColumn<QByteArray>("root");  // "HUB" is replaced by the cache root
    QTest::addColumn<QList<QByteArray>>("operations");
    QTest::addColumn<qint64>("sharedGroup");
    QTest::addColumn<QString>("reason");
    const QByteArray b0 = "models--t--repo/blobs/b0";
    const QByteArray mode = "\"mode\":\"0666\"";
    QTest::newRow("dot-dot") << QByteArray("HUB") << QList<QByteArray>{op("chmod", "models--t--repo/../../outside/secret", mode)}
                             << qint64(-1) << "'..'";
    QTest::newRow("leading dot-dot") << QByteArray("HUB") << QList<QByteArray>{op("chmod", "../outside/secret", mode)} << qint64(-1)
                                     << "'..'";
    QTest::newRow("absolute path") << QByteArray("HUB") << QList<QByteArray>{op("chmod", "/etc/passwd", mode)} << qint64(-1)
                                   << "absolute";
    QTest::newRow("empty component") << QByteArray("HUB") << QList<QByteArray>{op("chmod", "models--t--repo//blobs/b0", mode)}
                                     << qint64(-1) << "component";
    QTest::newRow("root /") << QByteArray("/") << QList<QByteArray>{op("chmod", "etc/passwd", mode)} << qint64(-1) << "must be";
    QTest::newRow("root /etc") << QByteArray("/etc") << QList<QByteArray>{op("chmod", "passwd", mode)} << qint64(-1)
                               << "system folder";
    QTest::newRow("root /usr/lib") << QByteArray("/usr/lib") << QList<QByteArray>{op("chmod", "x", mode)} << qint64(-1)
                                   << "system folder";
    QTest::newRow("root not a cache") << QByteArray("OUTSIDE") << QList<QByteArray>{op("chmod", "secret", mode)} << qint64(-1)
                                      << "not a Hugging Face cache";
    QTest::newRow("root through a symlink") << QByteArray("LINKED") << QList<QByteArray>{op("chmod", b0, mode)} << qint64(-1)
                                            << "symlink";
    QTest::newRow("root relative") << QByteArray("tmp/hub") << QList<QByteArray>{op("chmod", b0, mode)} << qint64(-1)
                                   << "absolute";
    QTest::newRow("foreign uid") << QByteArray("HUB") << QList<QByteArray>{op("chown", b0, "\"uid\":B")} << qint64(-1)
                                 << "not the invoking user";
    QTest::newRow("root uid") << QByteArray("HUB") << QList<QByteArray>{op("chown", b0, "\"uid\":0")} << qint64(-1)
                              << "not the invoking user";
    QTest::newRow("foreign group") << QByteArray("HUB") << QList<QByteArray>{op("chgrp", b0, "\"gid\":0")} << qint64(-1)
                                   << "neither";
    QTest::newRow("shared group of others") << QByteArray("HUB") << QList<QByteArray>{op("chgrp", b0, "\"gid\":0")} << qint64(0)
                                            << "not a member";
    QTest::newRow("setuid mode") << QByteArray("HUB") << QList<QByteArray>{op("chmod", b0, "\"mode\":\"4755\"")} << qint64(-1)
                                 << "beyond 0777";
    QTest::newRow("setgid on a file") << QByteArray("HUB") << QList<QByteArray>{op("setgid", b0)} << qint64(-1) << "not a folder";
    QTest::newRow("remove a blob") << QByteArray("HUB") << QList<QByteArray>{op("remove-incomplete", b0)} << qint64(-1)
                                   << ".incomplete";
    QTest::newRow("missing entry") << QByteArray("HUB") << QList<QByteArray>{op("chmod", "models--t--repo/blobs/nope", mode)}
                                   << qint64(-1) << "No such file";
    QTest::newRow("malformed json") << QByteArray("MALFORMED") << QList<QByteArray>{} << qint64(-1) << "malformed";
    QTest::newRow("unknown key") << QByteArray("HUB") << QList<QByteArray>{op("chmod", b0, mode + ",\"follow\":true")}
                                 << qint64(-1) << "unknown key";
    QTest::newRow("unknown operation") << QByteArray("HUB") << QList<QByteArray>{op("unlink", b0)} << qint64(-1)
                                       << "unknown operation";
    // The last operation is bad: the good ones before it must not have been applied either.
    QTest::newRow("bad last of many") << QByteArray("HUB")
                                      << QList<QByteArray>{op("chmod", b0, mode), op("chmod", "models--t--repo/blobs/b1", mode),
                                                           op("chmod", "../outside/secret", mode)}
                                      << qint64(-1) << "'..'";
}

void TestRepairHelper::refusesBadPlans()
{
    QFETCH(QByteArray, root);
    QFETCH(QList<QByteArray>, operations);
    QFETCH(qint64, sharedGroup);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    const QByteArray hub = freshCache(dir);
    const QByteArray base = QFile::encodeName(dir.path());
    QVERIFY(::symlink(hub.constData(), (base + "/linked").constData()) == 0);
    if (root == "HUB" || root == "MALFORMED")
        root = hub;
    else if (root == "OUTSIDE")
        root = base + "/outside";
    else if (root == "LINKED")
        root = base + "/linked";
    for (QByteArray &operation : operations)
        operation.replace("\"uid\":B", "\"uid\":" + QByteArray::number(m_b->uid));
    QByteArray json = plan(root, operations, sharedGroup);
    if (QByteArray(QTest::currentDataTag()) == "malformed json")
        json.chop(3);

    const TreeState before = treeState(base);
    const TreeState etc = treeState("/etc/hostname");
    const HelperRun run = runHelper(json, m_a->uid);
    QCOMPARE(run.exitCode, 3);
    const QString error = run.last(QStringLiteral("refused")).value(QLatin1String("error")).toString();
    QVERIFY2(error.contains(reason), qPrintable(error));
    QCOMPARE(run.count(QStringLiteral("result")), 0);
    QCOMPARE(run.count(QStringLiteral("progress")), 0);
    QVERIFY(treeState(base) == before);
    QVERIFY(treeState("/etc/hostname") == etc);
}

void TestRepairHelper::symlinkIsOnlyEverLchowned()
{
    QTemporaryDir dir;
    const QByteArray hub = freshCache(dir);
    const QByteArray outside = QFile::encodeName(dir.filePath(QStringLiteral("outside/secret")));
    const QByteArray link = "models--t--repo/snapshots/c1/evil";
    QVERIFY(::symlink(outside.constData(), (hub + '/' + link).constData()) == 0);
    const TreeState outsideBefore = treeState(outside);

    const HelperRun chown = runHelper(plan(hub, {op("chown", link, uidArg(m_a->uid))}), m_a->uid, true);
    QCOMPARE(chown.exitCode, 0);
    QCOMPARE(lstatOf(hub + '/' + link).st_uid, m_a->uid);  // the link itself
    QVERIFY(treeState(outside) == outsideBefore);            // never its target

    const HelperRun chmod = runHelper(plan(hub, {op("chmod", link, "\"mode\":\"0666\"")}), m_a->uid);
    QCOMPARE(chmod.exitCode, 3);
    QVERIFY(chmod.last(QStringLiteral("refused")).value(QLatin1String("error")).toString().contains(QLatin1String("symlink")));
    QVERIFY(treeState(outside) == outsideBefore);
}

void TestRepairHelper::refusesSymlinkInTheMiddleOfAPath()
{
    QTemporaryDir dir;
    const QByteArray hub = freshCache(dir);
    const QByteArray base = QFile::encodeName(dir.path());
    QVERIFY(::symlink((base + "/outside").constData(), (hub + "/models--t--repo/snapshots/c2").constData()) == 0);
    const TreeState before = treeState(base);
    const HelperRun run = runHelper(plan(hub, {op("chmod", "models--t--repo/snapshots/c2/secret", "\"mode\":\"0666\""),
                                               op("chown", "models--t--repo/snapshots/c2/secret", uidArg(m_a->uid))}),
                                    m_a->uid);
    QCOMPARE(run.exitCode, 3);
    QVERIFY(run.last(QStringLiteral("refused")).value(QLatin1String("error")).toString().contains(QLatin1String("symlink")));
    QVERIFY(treeState(base) == before);
}

void TestRepairHelper::refusesHardLinkToAFileOutside()
{
    QTemporaryDir dir;
    const QByteArray hub = freshCache(dir);
    const QByteArray base = QFile::encodeName(dir.path());
    QVERIFY(::link((base + "/outside/secret").constData(), (hub + "/models--t--repo/blobs/hard").constData()) == 0);
    const TreeState before = treeState(base);
    for (const QByteArray &operation : {op("chmod", "models--t--repo/blobs/hard", "\"mode\":\"0666\""),
                                        op("chown", "models--t--repo/blobs/hard", uidArg(m_a->uid))}) {
        const HelperRun run = runHelper(plan(hub, {operation}), m_a->uid);
        QCOMPARE(run.exitCode, 3);
        QVERIFY(run.last(QStringLiteral("refused")).value(QLatin1String("error")).toString().contains(QLatin1String("hard links")));
    }
    QVERIFY(treeState(base) == before);
}

void TestRepairHelper::refusesAnotherMount()
{
    QTemporaryDir dir;
    const QByteArray hub = freshCache(dir);
    const QByteArray mountPoint = hub + "/models--t--repo/snapshots/c9";
    QDir().mkpath(QFile::decodeName(mountPoint));
    if (::mount("hfct-rep", mountPoint.constData(), "tmpfs", 0, "mode=0700") != 0)
        QSKIP("cannot mount a tmpfs here (no CAP_SYS_ADMIN in this sandbox)");
    QFile file(QFile::decodeName(mountPoint + "/x"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const HelperRun into = runHelper(plan(hub, {op("chmod", "models--t--repo/snapshots/c9/x", "\"mode\":\"0666\"")}), m_a->uid);
    const HelperRun onto = runHelper(plan(hub, {op("chmod", "models--t--repo/snapshots/c9", "\"mode\":\"0777\"")}), m_a->uid);
    const mode_t fileMode = lstatOf(mountPoint + "/x").st_mode & 07777;
    const mode_t rootMode = lstatOf(mountPoint).st_mode & 07777;
    ::umount(mountPoint.constData());
    QCOMPARE(into.exitCode, 3);
    QCOMPARE(onto.exitCode, 3);
    QVERIFY(into.last(QStringLiteral("refused")).value(QLatin1String("error")).toString().contains(QLatin1String("mount")));
    QCOMPARE(fileMode, mode_t(0644));
    QCOMPARE(rootMode, mode_t(0700));
}

void TestRepairHelper::refusesOversizedPlan()
{
    QTemporaryDir dir;
    const QByteArray hub = freshCache(dir);
    QByteArray json = plan(hub, {op("chmod", "models--t--repo/blobs/b0", "\"mode\":\"0666\"")});
    json.append(QByteArray(hfcache::RepairPlan::kMaxJsonBytes + 1 - json.size(), ' '));
    const TreeState before = treeState(QFile::encodeName(dir.path()));
    QElapsedTimer timer;
    timer.start();
    const HelperRun run = runHelper(json, m_a->uid);
    QCOMPARE(run.exitCode, 3);
    QVERIFY(run.last(QStringLiteral("refused")).value(QLatin1String("error")).toString().contains(QLatin1String("larger than")));
    QVERIFY(treeState(QFile::encodeName(dir.path())) == before);
}

void TestRepairHelper::survivesASymlinkFlippedInDuringTheRun()
{
    // The attacker owns the cache and swaps, atomically and in a loop for the whole test, the
    // blobs/ folder with a symlink to a folder outside, and one blob with a symlink to a file
    // outside. Whatever the interleaving, nothing outside may change.
    QTemporaryDir dir;
    const int files = 2000;
    const QByteArray hub = freshCache(dir, files);
    const QByteArray base = QFile::encodeName(dir.path());
    const QByteArray repo = hub + "/models--t--repo";
    for (int i = 0; i < files; ++i) {
        QFile outsideFile(dir.filePath(QStringLiteral("outside/b%1").arg(i)));
        QVERIFY(outsideFile.open(QIODevice::WriteOnly));
        outsideFile.write("outside");
        outsideFile.close();
        ::chmod(QFile::encodeName(outsideFile.fileName()).constData(), 0600);
    }
    QVERIFY(::symlink((base + "/outside").constData(), (repo + "/evil-blobs").constData()) == 0);
    QVERIFY(::symlink((base + "/outside/secret").constData(), (repo + "/blobs/evil-b7").constData()) == 0);
    const TreeState outsideBefore = treeState(base + "/outside");

    QList<QByteArray> operations;
    for (int i = 0; i < files; ++i) {
        const QByteArray path = "models--t--repo/blobs/b" + QByteArray::number(i);
        operations << op("chown", path, uidArg(m_a->uid)) << op("chmod", path, "\"mode\":\"0666\"");
    }
    const QByteArray json = plan(hub, operations);

    std::atomic_bool stop = false;
    std::atomic_int flips = 0;
    std::thread attacker([&] {
        const QByteArray blobs = repo + "/blobs", evil = repo + "/evil-blobs";
        while (!stop.load()) {
            ::renameat2(AT_FDCWD, blobs.constData(), AT_FDCWD, evil.constData(), RENAME_EXCHANGE);
            ::renameat2(AT_FDCWD, (repo + "/blobs/b7").constData(), AT_FDCWD, (repo + "/blobs/evil-b7").constData(),
                        RENAME_EXCHANGE);
            ++flips;
        }
    });
    int refusedRuns = 0, failedOps = 0, changedOps = 0;
    for (int round = 0; round < 6; ++round) {
        const HelperRun run = runHelper(json, m_a->uid, true);
        QVERIFY2(run.exitCode == 0 || run.exitCode == 1 || run.exitCode == 3, qPrintable(QString::number(run.exitCode)));
        refusedRuns += run.exitCode == 3;
        failedOps += run.statusCount(QStringLiteral("failed"));
        QCOMPARE(run.count(QStringLiteral("result")), run.statusCount(QStringLiteral("failed")));
        changedOps += run.statusCount(QStringLiteral("changed"));
    }
    stop = true;
    attacker.join();
    qInfo("%d flips; %d runs refused at preflight, %d operations refused while applying, %d applied", flips.load(),
          refusedRuns, failedOps, changedOps);
    QVERIFY(flips.load() > 100);
    QVERIFY(refusedRuns + failedOps > 0);
    QVERIFY(treeState(base + "/outside") == outsideBefore);
}

// Between the check of the whole plan and the change, another file is renamed over the one that
// was checked (one link, same name): applying refuses it by its inode, and changes nothing of it.
void TestRepairHelper::entryReplacedAfterTheCheckIsLeftAlone()
{
    QTemporaryDir dir;
    const QByteArray hub = freshCache(dir);
    const QByteArray b0 = hub + "/models--t--repo/blobs/b0";
    hfcache::RepairPlan plan;
    QString error;
    QVERIFY(hfcache::RepairPlan::fromJson(RepairTestCache::plan(hub, {op("chmod", "models--t--repo/blobs/b0", "\"mode\":\"0666\""),
                                                                     op("chmod", "models--t--repo/blobs/b1", "\"mode\":\"0666\"")}),
                                          &plan, &error));
    hfcache::RepairInvoker invoker;
    QVERIFY(hfcache::RepairInvoker::forUid(m_a->uid, &invoker));
    hfcache::RepairExecutor executor(plan, invoker);
    QVERIFY2(executor.preflight(&error), qPrintable(error));
    QFile other(QFile::decodeName(hub + "/models--t--repo/blobs/other"));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.close();
    ::chmod(QFile::encodeName(other.fileName()).constData(), 0600);
    QCOMPARE(::rename(QFile::encodeName(other.fileName()).constData(), b0.constData()), 0);
    QList<hfcache::RepairExecutor::Result> results;
    const auto summary = executor.apply([&](const hfcache::RepairExecutor::Result &result) { results << result; });
    QCOMPARE(summary.failed, 1);
    QCOMPARE(summary.changed, 1);  // b1
    QVERIFY2(results[0].error.contains(QLatin1String("replaced")), qPrintable(results[0].error));
    QCOMPARE(lstatOf(b0).st_mode & 07777, 0600u);
    QCOMPARE(lstatOf(hub + "/models--t--repo/blobs/b1").st_mode & 07777, 0666u);
}

void TestRepairHelper::exitCodes()
{
    QProcess process;
    process.start(helperPath(), {QStringLiteral("--bogus")});
    QVERIFY(process.waitForFinished());
    QCOMPARE(process.exitCode(), 2);
    // Not root: refused before reading anything.
    QByteArray err;
    QCOMPARE(TestSupport::runAsUser(*m_a, helperPath(), {}, nullptr, &err), 4);
    QVERIFY(err.contains("must run as root"));
    // An invoker without an account.
    QProcess unknown;
    QProcessEnvironment env;
    env.insert(QStringLiteral("PKEXEC_UID"), QStringLiteral("3999999"));
    unknown.setProcessEnvironment(env);
    unknown.start(helperPath(), {});
    unknown.closeWriteChannel();
    QVERIFY(unknown.waitForFinished());
    QCOMPARE(unknown.exitCode(), 4);
}

QTEST_GUILESS_MAIN(TestRepairHelper)
#include "tst_RepairHelper.moc"
