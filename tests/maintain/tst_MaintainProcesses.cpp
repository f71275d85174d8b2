// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// rm and prune next to real processes: a python3-filelock download holding a blob lock, a
// python process mapping a blob, and a cache owned by another user (permission denied midway).
#include "FixtureCopies.h"
#include "MaintainFixture.h"
#include "support/TestSupport.h"

#include <QFile>
#include <QProcess>
#include <QtTest>

using MaintainFixture::listing;

namespace {

const char *holdLock = R"(
import sys
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
out = open(sys.argv[2], 'ab') if len(sys.argv) > 2 else None   # the download's .incomplete
print('ready', flush=True)
sys.stdin.read()
)";

const char *mapFile = R"(
import mmap, sys
f = open(sys.argv[1], 'rb')
m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
f.close()
print('ready', flush=True)
sys.stdin.read()
)";

// A python3 peer run with the system interpreter (python3-filelock is a Debian package).
class Peer
{
public:
    // As `user` (setpriv) when given.
    bool start(const char *script, const QStringList &args, const TestSupport::TestUser *user = nullptr)
    {
        const QStringList python = QStringList{QStringLiteral("/usr/bin/python3"), QStringLiteral("-c"), QString::fromLatin1(script)} + args;
        if (user)
            m_process.start(QStringLiteral("setpriv"), QStringList{QStringLiteral("--reuid=%1").arg(user->uid),
                                                                   QStringLiteral("--regid=%1").arg(user->gid),
                                                                   QStringLiteral("--init-groups"), QStringLiteral("--")}
                                                           + python);
        else
            m_process.start(python.first(), python.mid(1));
        if (!m_process.waitForStarted(10000))
            return false;
        while (!m_process.canReadLine()) {
            if (!m_process.waitForReadyRead(10000))
                return false;
        }
        return m_process.readLine().trimmed() == "ready";
    }
    qint64 pid() const { return m_process.processId(); }
    void stop()
    {
        m_process.closeWriteChannel();
        m_process.waitForFinished(10000);
    }
    ~Peer()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }

private:
    QProcess m_process;
};

} // namespace

class TestMaintainProcesses : public QObject
{
    Q_OBJECT
private:
    FixtureCopies m_caches;

    static QString detachedGpt2(const QString &cache)
    {
        QFile ref(cache + QStringLiteral("/models--gpt2/refs/main"));
        if (!ref.open(QIODevice::ReadOnly))
            return {};
        const QString main = QString::fromLatin1(ref.readAll().trimmed());
        for (const QString &commit : MaintainFixture::commitsOf(cache, QStringLiteral("models--gpt2"))) {
            if (commit != main)
                return commit;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_caches.extract()); }

    // An active download (lock held, .incomplete open): prune leaves it, rm refuses, --force too.
    void heldLockKeepsIncomplete()
    {
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache"));
        const QString etag = QStringLiteral("1d96ab89e95bff9100bb7bf4f5954bd6cb4310bf4dcb3895b664c1df2d099ebc");
        const QString incomplete = cache + "/models--fixture-org--stalled-model/blobs/" + etag + ".incomplete";
        const QString lock = cache + "/.locks/models--fixture-org--stalled-model/" + etag + ".lock";
        QVERIFY(QFile::exists(incomplete));
        Peer download;
        QVERIFY(download.start(holdLock, {lock, incomplete}));

        const QSet<QString> before = listing(cache);
        auto r = TestSupport::runCli({"prune", "--cache-dir", cache, "--incomplete", "--yes"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QFile::exists(incomplete));
        QVERIFY(QFile::exists(lock));
        QVERIFY(r.out.contains("Kept"));
        QVERIFY(r.out.contains("download in progress"));
        // The other, interrupted one (nobody holds its lock) is gone.
        QCOMPARE(before - listing(cache),
                 (QSet<QString>{"models--fixture-org--broken-model/blobs/e6c898f5e1c8744d702bed21c3c960cbd74b517b7ddb0d45d52294aa022bd6a4.incomplete",
                                ".locks/models--fixture-org--broken-model/e6c898f5e1c8744d702bed21c3c960cbd74b517b7ddb0d45d52294aa022bd6a4.lock"}));

        const QSet<QString> middle = listing(cache);
        for (const bool force : {false, true}) {
            QStringList args{"rm", "--cache-dir", cache, "fixture-org/stalled-model", "--yes"};
            if (force)
                args << "--force";
            r = TestSupport::runCli(args);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains("holds its blob lock"), r.err.constData());
            QVERIFY2(r.err.contains(QStringLiteral("in use by pid %1 python3").arg(download.pid()).toUtf8()), r.err.constData());
            QCOMPARE(listing(cache), middle);
        }
        // Once the download is over, the same command goes through.
        download.stop();
        r = TestSupport::runCli({"rm", "--cache-dir", cache, "fixture-org/stalled-model", "--yes"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!QFile::exists(cache + "/models--fixture-org--stalled-model"));
    }

    // A held lock on a blob a detached revision frees: a download works in the repo, so rm
    // refuses and prune leaves the whole repo alone (it may link any blob next) and says why.
    void heldLockKeepsBlob()
    {
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache-v1.28"));
        const QString blob = cache + "/models--gpt2/blobs/f4fbfe6b3f59891c9bacb4bc9b430eeb6b9d9746";
        const QString detached = detachedGpt2(cache);
        Peer download;
        QVERIFY(download.start(holdLock, {cache + "/.locks/models--gpt2/f4fbfe6b3f59891c9bacb4bc9b430eeb6b9d9746.lock"}));
        const QSet<QString> before = listing(cache);
        auto r = TestSupport::runCli({"rm", "--cache-dir", cache, "gpt2@" + detached, "--yes"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("a download is running in this repo"), r.err.constData());
        QCOMPARE(listing(cache), before);

        r = TestSupport::runCli({"prune", "--cache-dir", cache, "--detached", "--orphans", "--yes"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("a download in progress works in this repo"), r.out.constData());
        QVERIFY2(r.out.contains(QStringLiteral("(pid %1)").arg(download.pid()).toUtf8()), r.out.constData());
        QCOMPARE(listing(cache), before);
        download.stop();
        r = TestSupport::runCli({"prune", "--cache-dir", cache, "--detached", "--yes"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!QFile::exists(blob));
        QVERIFY(!QFile::exists(cache + "/models--gpt2/blobs/cc4c68b75ec8d5fd611de0037c9749d0218ebb01"));
        QVERIFY(!QFile::exists(cache + "/models--gpt2/snapshots/" + detached));
    }

    // A process mapping a blob: rm refuses and names it; --force deletes anyway.
    void mappedBlobRefusesRm()
    {
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache-v1.28"));
        const QString blob = cache + "/models--gpt2/blobs/f4fbfe6b3f59891c9bacb4bc9b430eeb6b9d9746";
        Peer reader;
        QVERIFY(reader.start(mapFile, {blob}));
        const QSet<QString> before = listing(cache);
        const QString target = "gpt2@" + detachedGpt2(cache);
        auto r = TestSupport::runCli({"rm", "--cache-dir", cache, target, "--yes"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("in use by pid %1 python3").arg(reader.pid()).toUtf8()), r.err.constData());
        QVERIFY(r.err.contains("mapped"));
        QVERIFY(r.err.contains("--force"));
        QCOMPARE(listing(cache), before);

        r = TestSupport::runCli({"rm", "--cache-dir", cache, target, "--dry-run", "--json"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains("\"refused\": true"));

        r = TestSupport::runCli({"rm", "--cache-dir", cache, target, "--yes", "--force"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!QFile::exists(blob));
        QVERIFY(r.out.contains("In use (--force)"));
    }

    // Another user runs rm on a cache where one snapshot folder belongs to root: the revision
    // stops at the first permission error, says what is left, and stays consistent.
    void permissionDeniedMidDelete()
    {
        const auto user = TestSupport::ensureUser(QStringLiteral("hfct-mnt-owner"));
        if (!user)
            QSKIP("needs root (useradd)");
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache-v1.28"));
        QVERIFY(TestSupport::runProgram("chmod", {"0755", m_caches.dir()}) == 0);
        QVERIFY(TestSupport::runProgram("chown", {"-R", QStringLiteral("%1:%2").arg(user->uid).arg(user->gid), cache}) == 0);
        const QString folder = QStringLiteral("models--fixture-org--tiny-model");
        QFile prRef(cache + '/' + folder + "/refs/refs/pr/1");
        QVERIFY(prRef.open(QIODevice::ReadOnly));
        const QString commit = QString::fromLatin1(prRef.readAll().trimmed());
        prRef.close();
        const QString onnx = cache + '/' + folder + "/snapshots/" + commit + "/onnx";
        QVERIFY(QFile::exists(onnx));
        QVERIFY(TestSupport::runProgram("chown", {"root:root", onnx}) == 0);
        const QSet<QString> expected = MaintainFixture::expectedRemoval(cache, folder, {commit});
        const QSet<QString> before = listing(cache);

        QByteArray out, err;
        const int code = TestSupport::runAsUser(*user, TestSupport::cliPath(),
                                                {"rm", "--cache-dir", cache, "fixture-org/tiny-model@refs/pr/1", "--yes"}, &out, &err);
        QCOMPARE(code, 1);
        QVERIFY2(err.contains("cannot remove") && err.contains("onnx/model.onnx") && err.contains("Permission denied"), err.constData());
        QVERIFY2(err.contains("still there") && err.contains("no ref names a half-deleted snapshot"), err.constData());
        const QSet<QString> after = listing(cache);
        QVERIFY(!after.contains(folder + "/refs/refs/pr/1"));          // refs went first
        QVERIFY(after.contains(folder + "/snapshots/" + commit + "/onnx/model.onnx"));
        for (const QString &path : before) {
            if (path.startsWith(folder + "/blobs/"))
                QVERIFY2(after.contains(path), qPrintable(path));       // no blob was touched
        }
        QCOMPARE(MaintainFixture::brokenLinks(cache), QStringList());

        // The owner of the folder finishes the job, and the blobs whose links went in the first
        // run are orphans: the result is the planned one.
        QVERIFY2(err.contains("prune --orphans"), err.constData());
        auto r = TestSupport::runCli({"rm", "--cache-dir", cache, commit, "--yes"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = TestSupport::runCli({"prune", "--cache-dir", cache, "--orphans", "--yes"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QSet<QString> removed = before - listing(cache);
        QVERIFY2(removed == expected, qPrintable(QStringList((removed - expected).values()).join(' ') + " | "
                                                 + QStringList((expected - removed).values()).join(' ')));
    }

    // A normal user's rm in a shared cache while another user's process maps a blob: that
    // process cannot be inspected through /proc. For a blob the caller owns the kernel still
    // tells (a write lease): refused, named as such, whatever the flag. For a blob of another
    // owner nobody can tell: refused unless --ignore-uninspected-processes, which warns.
    void otherUsersProcessIsNotOverlooked()
    {
        const auto owner = TestSupport::ensureUser(QStringLiteral("hfct-mnt-owner"));
        const auto other = TestSupport::ensureUser(QStringLiteral("hfct-mnt-other"));
        if (!owner || !other)
            QSKIP("needs root (useradd)");
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache-v1.28"));
        QVERIFY(TestSupport::runProgram("chmod", {"0755", m_caches.dir()}) == 0);
        QVERIFY(TestSupport::runProgram("chown", {"-R", QStringLiteral("%1:%2").arg(owner->uid).arg(owner->gid), cache}) == 0);
        const QString blob = cache + "/models--gpt2/blobs/f4fbfe6b3f59891c9bacb4bc9b430eeb6b9d9746";
        const QString target = "gpt2@" + detachedGpt2(cache);
        Peer reader;
        QVERIFY(reader.start(mapFile, {blob}, &*other));
        const QSet<QString> before = listing(cache);
        auto rm = [&](const QStringList &extra, QByteArray *out, QByteArray *err) {
            return TestSupport::runAsUser(*owner, TestSupport::cliPath(),
                                          QStringList{"rm", "--cache-dir", cache, target, "--yes"} + extra, out, err);
        };

        QByteArray out, err;
        for (const QStringList &extra : {QStringList{}, QStringList{"--ignore-uninspected-processes"}}) {
            QCOMPARE(rm(extra, &out, &err), 1);
            QVERIFY2(err.contains("in use by a process hfcache may not inspect") && err.contains("hfct-mnt-other"),
                     err.constData());
            QCOMPARE(listing(cache), before);
        }

        QVERIFY(TestSupport::runProgram("chown", {QStringLiteral("%1:%2").arg(other->uid).arg(other->gid), blob}) == 0);
        QCOMPARE(rm({}, &out, &err), 1);
        QVERIFY2(err.contains("whether 1 file(s) are in use is unknown") && err.contains("could not be inspected")
                     && err.contains("--ignore-uninspected-processes"),
                 err.constData());
        QCOMPARE(listing(cache), before);
        QCOMPARE(TestSupport::runAsUser(*owner, TestSupport::cliPath(),
                                        {"rm", "--cache-dir", cache, target, "--dry-run", "--json"}, &out, &err),
                 1);
        QVERIFY2(out.contains("\"unknown_use\": \"whether 1 file(s)"), out.constData());

        QCOMPARE(rm({"--ignore-uninspected-processes"}, &out, &err), 0);
        QVERIFY2(err.contains("warning: whether 1 file(s) are in use is unknown"), err.constData());
        QVERIFY(!QFile::exists(blob));
    }
};

QTEST_GUILESS_MAIN(TestMaintainProcesses)
#include "tst_MaintainProcesses.moc"
