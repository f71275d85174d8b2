// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "activity/ActivityTargets.h"
#include "activity/CacheActivity.h"
#include "activity/ProcLocks.h"
#include "activity/ProcessTable.h"
#include "support/PythonPeer.h"
#include "support/TestSupport.h"

#include <QProcess>
#include <QtTest>

#include <memory>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

using namespace hfcache;

namespace {

// Peers besides PythonPeer::FileLockHolder: a bare flock, a mapping reader, an appender.
const char *const kBlockingFlock = R"(
import sys, os, fcntl
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o664)
print("opened", flush=True)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
sys.stdin.readline()
)";
const char *const kMapper = R"(
import sys, mmap
f = open(sys.argv[1], "rb")
m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
f.close()
print("mapped", flush=True)
sys.stdin.readline()
)";
const char *const kAppender = R"(
import sys, time
with open(sys.argv[1], "ab") as f:
    print("writing", flush=True)
    while True:
        f.write(b"x" * 65536); f.flush(); time.sleep(0.02)
)";

WatchedFile watched(WatchedFile::Kind kind, const QByteArray &path, const QByteArray &lockPath = {})
{
    struct stat st;
    if (::lstat(path.constData(), &st) != 0)
        qFatal("cannot stat %s", path.constData());
    WatchedFile file;
    file.kind = kind;
    file.path = path;
    file.repoId = QStringLiteral("org/name");
    file.cacheId = QStringLiteral("model/org/name");
    file.stat = EntryStat::fromStat(st);
    file.lockPath = lockPath;
    return file;
}

void touch(const QByteArray &path, const QByteArray &content = {})
{
    QFile file(QFile::decodeName(path));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

QList<qint64> pidsOf(const QList<ProcessInfo> &list)
{
    QList<qint64> pids;
    for (const ProcessInfo &p : list)
        pids << p.pid;
    return pids;
}

} // namespace

class TestCacheActivity : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QByteArray m_root;
    QByteArray m_lock;
    QByteArray m_incomplete;
    QByteArray m_blob;

    ActivityTargets targets() const
    {
        ActivityTargets t;
        t.add(watched(WatchedFile::Kind::LockFile, m_lock));
        t.add(watched(WatchedFile::Kind::Incomplete, m_incomplete, m_lock));
        t.add(watched(WatchedFile::Kind::Content, m_blob));
        return t;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_root = QFile::encodeName(m_dir.path()) + "/hub";
        const QByteArray etag = "a" + QByteArray(63, '0');
        QVERIFY(QDir().mkpath(QFile::decodeName(m_root + "/.locks/models--org--name")));
        QVERIFY(QDir().mkpath(QFile::decodeName(m_root + "/models--org--name/blobs")));
        m_lock = m_root + "/.locks/models--org--name/" + etag + ".lock";
        m_incomplete = m_root + "/models--org--name/blobs/" + etag + ".incomplete";
        m_blob = m_root + "/models--org--name/blobs/" + QByteArray(64, 'b');
        touch(m_lock);
        touch(m_incomplete, "partial");
        touch(m_blob, QByteArray(8192, 'w'));
    }

    void freeLockFile()
    {
        const ActivityReport report = CacheActivity::inspect(targets());
        QVERIFY2(report.procLocksError.isEmpty(), qPrintable(report.procLocksError));
        QCOMPARE(report.locks.size(), 1);
        QVERIFY(!report.locks[0].held);
        QVERIFY(report.locks[0].holders.isEmpty());
        QVERIFY(report.locks[0].writable);
        QCOMPARE(report.downloads.size(), 1);
        QVERIFY(!report.downloads[0].active());
        QVERIFY(TestSupport::lockIn(report, m_lock) && !TestSupport::lockIn(report, m_lock)->held);
        const QHash<QString, Findings> findings = report.findingsByRepo();
        QCOMPARE(findings.value(QStringLiteral("model/org/name")).size(), 1);
        const Finding stale = findings.value(QStringLiteral("model/org/name")).first();
        QCOMPARE(findingCodeName(stale.code), QStringLiteral("incomplete-stale"));
        QCOMPARE(stale.fix.action, QStringLiteral("remove"));
        QCOMPARE(stale.fix.path, m_incomplete);
    }

    // A cache keeps a lock file per blob: views that need the exceptions skip the free ones
    // but still count them.
    void lockRowsSkipFreeLocksButCountThem()
    {
        const QByteArray other = m_root + "/.locks/models--org--name/" + QByteArray(64, 'c') + ".lock";
        touch(other);
        auto holder = std::make_unique<PythonPeer>(PythonPeer::FileLockHolder, m_lock);
        QVERIFY(holder->waitFor("locked"));
        using LockRows = CacheActivity::Options::LockRows;
        ActivityTargets withFreeLock = targets();
        withFreeLock.add(watched(WatchedFile::Kind::LockFile, other));
        for (const LockRows rows : {LockRows::All, LockRows::Active, LockRows::ActiveOrUnwritable}) {
            CacheActivity::Options options;
            options.lockRows = rows;
            const ActivityReport report = CacheActivity::inspect(withFreeLock, options);
            QCOMPARE(report.lockFileCount, 2);
            QCOMPARE(report.locks.size(), rows == LockRows::All ? 2 : 1);
            QVERIFY(TestSupport::lockIn(report, m_lock) && TestSupport::lockIn(report, m_lock)->held);
        }
    }

    // The gunicorn case: one process holds the blob lock, several wait on it.
    void oneHolderSeveralWaiters()
    {
        auto holder = std::make_unique<PythonPeer>(PythonPeer::FileLockHolder, m_lock);
        QVERIFY(holder->waitFor("locked"));
        std::vector<std::unique_ptr<PythonPeer>> waiters;
        for (int i = 0; i < 3; ++i)
            waiters.push_back(std::make_unique<PythonPeer>(PythonPeer::FileLockHolder, m_lock));
        auto blocking = std::make_unique<PythonPeer>(kBlockingFlock, m_lock);
        QVERIFY(blocking->waitFor("opened"));
        QTest::qWait(300);  // let the waiters start polling

        ActivityReport report = CacheActivity::inspect(targets());
        QCOMPARE(report.locks.size(), 1);
        LockFileState lock = report.locks[0];
        QVERIFY(lock.held);
        QCOMPARE(pidsOf(lock.holders), QList<qint64>{holder->pid()});
        QCOMPARE(lock.holders[0].name, QStringLiteral("python3"));
        QVERIFY(lock.holders[0].cmdline.startsWith(QLatin1String("/usr/bin/python3 -c")));
        QCOMPARE(lock.holders[0].user, QStringLiteral("root"));
        QVERIFY(lock.holders[0].startTime > 0);
        // The kernel queues the blocking flock() caller: always seen as a waiter.
        QVERIFY(pidsOf(lock.waiters).contains(blocking->pid()));
        QVERIFY(TestSupport::lockIn(report, m_lock) && TestSupport::lockIn(report, m_lock)->held);
        QVERIFY(report.downloads[0].lockHeld);
        QVERIFY(report.downloads[0].active());
        QCOMPARE(findingCodeName(report.findingsByRepo().value(QStringLiteral("model/org/name")).first().code), QStringLiteral("lock-held"));

        // The holder lets go: exactly one waiter takes over and is reported as the holder.
        holder->next();
        QVERIFY(holder->waitFor("released"));
        PythonPeer *next = nullptr;
        QElapsedTimer timer;
        timer.start();
        while (!next && timer.elapsed() < 10000) {
            if (blocking->hasSaid("locked"))
                next = blocking.get();
            for (auto &w : waiters) {
                if (!next && w->hasSaid("locked"))
                    next = w.get();
            }
            QTest::qWait(20);
        }
        QVERIFY(next);
        report = CacheActivity::inspect(targets());
        QCOMPARE(pidsOf(report.locks[0].holders), QList<qint64>{next->pid()});

        // Everyone gone: free again.
        holder.reset();
        waiters.clear();
        blocking.reset();
        report = CacheActivity::inspect(targets());
        QVERIFY(!report.locks[0].held);
        QVERIFY(report.locks[0].holders.isEmpty());
        QVERIFY(report.locks[0].waiters.isEmpty());
    }

    // Four workers mapping one model file: each is an "in use by".
    void mappedByWorkers()
    {
        std::vector<std::unique_ptr<PythonPeer>> workers;
        for (int i = 0; i < 4; ++i) {
            workers.push_back(std::make_unique<PythonPeer>(kMapper, m_blob));
            QVERIFY(workers.back()->waitFor("mapped"));
        }
        const ActivityReport report = CacheActivity::inspect(targets());
        const FileKey key{report.usedFiles.value(0).stat.device, report.usedFiles.value(0).stat.inode};
        QCOMPARE(report.usedFiles.size(), 1);
        QCOMPARE(report.usedFiles[0].path, m_blob);
        const QList<FileUse> uses = report.usesOf(key);
        QCOMPARE(uses.size(), 4);
        for (const FileUse &use : uses)
            QVERIFY(use.mapped);  // Python's mmap also keeps a dup()ed descriptor: open is true too
        const QString text = report.inUseText(key);
        QVERIFY2(text.startsWith(QLatin1String("in use by pid ")) && text.contains(QLatin1String("python3 (root) [open, mapped]")),
                 qPrintable(text));
        workers.clear();
        QVERIFY(CacheActivity::inspect(targets()).usesOf(key).isEmpty());
    }

    void downloadRate()
    {
        PythonPeer writer(kAppender, m_incomplete);
        QVERIFY(writer.waitFor("writing"));
        const ActivityTargets t = targets();
        const ActivityReport first = CacheActivity::inspect(t);
        QTest::qWait(500);
        CacheActivity::Options options;
        options.previous = &first;
        const ActivityReport second = CacheActivity::inspect(t, options);
        QCOMPARE(second.downloads.size(), 1);
        const DownloadState &download = second.downloads[0];
        QVERIFY(download.size > first.downloads[0].size);
        QVERIFY2(download.rate > 100000, qPrintable(QString::number(download.rate)));
        QVERIFY(download.open);  // no lock, but someone writes it: not safe to remove
        QVERIFY(download.active());
        QCOMPARE(pidsOf(download.writers), QList<qint64>{writer.pid()});
    }

    void finishedDownloadDisappears()
    {
        const ActivityTargets t = targets();
        QVERIFY(::unlink(m_incomplete.constData()) == 0);
        QVERIFY(CacheActivity::inspect(t).downloads.isEmpty());
    }

    // Unknown lines are skipped and counted; a holder that exited is shown as such.
    void badProcLocksAndDeadHolder()
    {
        struct stat st;
        QVERIFY(::lstat(m_lock.constData(), &st) == 0);
        const QByteArray key = QByteArray::number(major(st.st_dev), 16) + ':' + QByteArray::number(minor(st.st_dev), 16)
                               + ':' + QByteArray::number(quint64(st.st_ino));
        QTemporaryFile fake;
        QVERIFY(fake.open());
        fake.write("1: FLOCK  ADVISORY  WRITE 2147483646 " + key + " 0 EOF\n"
                   "2: WHAT IS THIS\n"
                   "3: FLOCK  ADVISORY  WRITE 5 <none> 0 EOF\n"
                   "4: OFDLCK ADVISORY  WRITE -1 " + key + " 0 EOF\n");
        fake.close();
        CacheActivity::Options options;
        options.procLocks = QFile::encodeName(fake.fileName());
        const ActivityReport report = CacheActivity::inspect(targets(), options);
        QCOMPARE(report.skippedLockLines, 2);
        QVERIFY(report.locks[0].held);
        QCOMPARE(report.locks[0].holders.size(), 1);
        QVERIFY(!report.locks[0].holders[0].exists);
        QVERIFY(report.locks[0].holders[0].describe().contains(QLatin1String("(exited)")));
    }

    void unreadableProcLocks()
    {
        CacheActivity::Options options;
        options.procLocks = "/nonexistent/locks";
        const ActivityReport report = CacheActivity::inspect(targets(), options);
        QVERIFY(report.procLocksError.contains(QLatin1String("/nonexistent/locks")));
        QVERIFY(!report.locks[0].held);
    }

    // `hfcache locks` reads /proc/locks once for a sample's inspections (a read can wait for an
    // RCU grace period): an inspection given that read uses it and reads nothing itself.
    void sharedProcLocksRead()
    {
        const int fd = ::open(m_lock.constData(), O_RDWR);
        QVERIFY(fd >= 0);
        QCOMPARE(::flock(fd, LOCK_EX), 0);
        const ProcLocks::Result read = ProcLocks::read();
        ::close(fd);  // released: only the earlier read still has it held
        CacheActivity::Options options;
        options.procLocks = "/nonexistent/locks";
        options.procLocksRead = &read;
        const ActivityReport report = CacheActivity::inspect(targets(), options);
        QVERIFY2(report.procLocksError.isEmpty(), qPrintable(report.procLocksError));
        QVERIFY(report.locks[0].held);
        QCOMPARE(report.locks[0].holders.size(), 1);
        QCOMPARE(report.locks[0].holders[0].pid, qint64(::getpid()));
    }

    // Processes start and exit while /proc is read: never an error, never a crash.
    void vanishingProcesses()
    {
        QProcess churn;
        churn.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("while :; do /bin/true & /bin/true; done")});
        QVERIFY(churn.waitForStarted());
        const ActivityTargets t = targets();
        for (int i = 0; i < 30; ++i) {
            const ActivityReport report = CacheActivity::inspect(t);
            QVERIFY(report.inspectedProcesses > 0);
            QCOMPARE(report.locks.size(), 1);
        }
        churn.kill();
        churn.waitForFinished();
        ProcessTable table;
        const ProcessInfo gone = table.info(churn.processId());
        QVERIFY(!gone.exists);
    }

    // snapshot_download(local_dir=...) bookkeeping: per-file locks and short-hash temp files.
    void localDir()
    {
        const QByteArray dir = QFile::encodeName(m_dir.path()) + "/local";
        const QByteArray download = dir + "/.cache/huggingface/download/sub";
        QVERIFY(QDir().mkpath(QFile::decodeName(download)));
        const QByteArray lock = download + "/model.safetensors.lock";
        const QByteArray temp = download + '/' + ActivityTargets::localDirShortHash("model.safetensors") + '.'
                                + QByteArray(64, 'c') + ".0badf00d.incomplete";
        touch(lock);
        touch(temp, "xx");
        touch(dir + "/.cache/huggingface/.gitignore.lock");
        ActivityTargets t;
        QString error;
        QVERIFY2(t.addLocalDir(dir, &error), qPrintable(error));
        QCOMPARE(t.size(), 3);
        PythonPeer holder(PythonPeer::FileLockHolder, lock);
        QVERIFY(holder.waitFor("locked"));
        const ActivityReport report = CacheActivity::inspect(t);
        QCOMPARE(report.locks.size(), 2);
        QCOMPARE(report.downloads.size(), 1);
        QCOMPARE(report.downloads[0].file.lockPath, lock);
        QVERIFY(report.downloads[0].lockHeld);
        QCOMPARE(pidsOf(TestSupport::lockIn(report, lock)->holders), QList<qint64>{holder.pid()});
        QVERIFY(!TestSupport::lockIn(report, dir + "/.cache/huggingface/.gitignore.lock")->held);

        QVERIFY(!t.addLocalDir(QFile::encodeName(m_dir.path()) + "/nope", &error));
        QVERIFY2(error.contains(QLatin1String("/nope/.cache/huggingface")) && error.contains(QLatin1String("No such file")),
                 qPrintable(error));

        // huggingface_hub 0.23.0 kept the same files in .huggingface/.
        const QByteArray legacy = QFile::encodeName(m_dir.path()) + "/legacy";
        QVERIFY(QDir().mkpath(QFile::decodeName(legacy)));
        QVERIFY(QDir().rename(QFile::decodeName(dir + "/.cache/huggingface"), QFile::decodeName(legacy + "/.huggingface")));
        ActivityTargets old;
        QVERIFY2(old.addLocalDir(legacy, &error), qPrintable(error));
        QCOMPARE(old.size(), 3);
        const ActivityReport oldReport = CacheActivity::inspect(old);
        QCOMPARE(oldReport.downloads.size(), 1);
        QCOMPARE(oldReport.downloads[0].file.lockPath, legacy + "/.huggingface/download/sub/model.safetensors.lock");
    }
};

QTEST_GUILESS_MAIN(TestCacheActivity)
#include "tst_CacheActivity.moc"
