// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ExportTestCache.h"
#include "export/ExportJob.h"
#include "cache/BlobHasher.h"

#include "support/TestSupport.h"

#include <QProcess>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QThread>
#include <QtTest>

#include <csignal>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace hfcache;

namespace {

// What the cache looks like, entry by entry: must be identical before and after a failed export.
QByteArray treeState(const QString &dir)
{
    QByteArray out;
    TestSupport::runProgram(QStringLiteral("find"), {dir, QStringLiteral("-printf"), QStringLiteral("%p %s %m %T@ %l\\n")}, &out);
    return out;
}

QString cli()
{
    return qEnvironmentVariable("HFCACHE_CLI");
}

} // namespace

class TestExportFaults : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_fixtures;
    QString m_cache;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!TestSupport::extractFixtures(m_fixtures).isEmpty());
        m_cache = m_fixtures.filePath(QStringLiteral("fixture-cache-v1.28"));
        QVERIFY(QFileInfo(cli()).isExecutable());
    }

    void fullDisk_data()
    {
        QTest::addColumn<QStringList>("target");
        QTest::newRow("folder") << QStringList{QStringLiteral("--to"), QStringLiteral("copy")};
        // Read, hash and write instead of the kernel copy, one writer per core.
        QTest::newRow("folder --verify") << QStringList{QStringLiteral("--to"), QStringLiteral("copy"), QStringLiteral("--verify")};
        QTest::newRow("tar.gz") << QStringList{QStringLiteral("--archive"), QStringLiteral("copy.tar.gz")};
        QTest::newRow("tar.zst") << QStringList{QStringLiteral("--archive"), QStringLiteral("copy.tar.zst")};
        QTest::newRow("tar") << QStringList{QStringLiteral("--archive"), QStringLiteral("copy.tar")};
    }
    void fullDisk()
    {
        QFETCH(QStringList, target);
        if (geteuid() != 0)
            QSKIP("mounting a tmpfs needs root");
        QTemporaryDir disk;
        QVERIFY(::mount("tmpfs", QFile::encodeName(disk.path()).constData(), "tmpfs", 0, "size=512k") == 0);
        const QByteArray before = treeState(m_cache);
        target[1] = disk.filePath(target[1]);
        const auto result = TestSupport::runCli(QStringList{QStringLiteral("export"), QStringLiteral("--cache-dir"), m_cache,
                                                            QStringLiteral("fixture-org/tiny-model")} + target);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("No space left on device") && result.err.contains(".hfcache-export-")
                     && result.err.contains("nothing was left at"), result.err.constData());
        QCOMPARE(QDir(disk.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
        QCOMPARE(treeState(m_cache), before);
        QVERIFY(::umount(QFile::encodeName(disk.path()).constData()) == 0);
    }

private:
    // 96 MiB with 6 bits of entropy per byte: compressible, so level 12 takes its time on it.
    static QByteArray slowBlob(ExportTestRepo &repo)
    {
        QByteArray content(96 << 20, Qt::Uninitialized);
        QRandomGenerator(3).fillRange(reinterpret_cast<quint32 *>(content.data()), content.size() / 4);
        for (char &c : content)
            c &= 0x3f;
        const QByteArray blob = repo.addBlob(content);
        repo.linkBlob("weights.bin", blob);
        return blob;
    }

    // Starts a slow `hfcache export` and stops it (SIGSTOP) as soon as its temporary output exists,
    // so the test decides when it goes on however fast this machine compresses.
    static void startStoppedExport(QProcess &process, const QString &hub, const QString &archive)
    {
        process.start(cli(), {QStringLiteral("export"), QStringLiteral("--cache-dir"), hub, QStringLiteral("org/model"),
                              QStringLiteral("--archive"), archive, QStringLiteral("--level"), QStringLiteral("12"),
                              QStringLiteral("--threads"), QStringLiteral("1")});
        QVERIFY(process.waitForStarted());
        const QString folder = QFileInfo(archive).path();
        QElapsedTimer waited;
        waited.start();
        while (leftovers(folder).isEmpty() && !process.waitForFinished(0) && waited.elapsed() < 60000)
            QThread::usleep(200);
        QVERIFY(::kill(pid_t(process.processId()), SIGSTOP) == 0);
        QVERIFY2(!leftovers(folder).isEmpty(), "the export finished before its temporary was seen");
    }

    static void resume(QProcess &process)
    {
        QVERIFY(::kill(pid_t(process.processId()), SIGCONT) == 0);
    }

    // Starts a slow `hfcache export` and sends `signal` once it is writing its output.
    static void interrupt(QProcess &process, const QString &hub, const QString &archive, int signal)
    {
        startStoppedExport(process, hub, archive);
        ::kill(pid_t(process.processId()), signal);
        resume(process);
        QVERIFY(process.waitForFinished());
    }

private Q_SLOTS:
    // Ctrl-C / SIGTERM cancel cleanly: the temporary output is removed too.
    void terminatedMidExport()
    {
        QTemporaryDir dir;
        ExportTestRepo repo(dir.filePath(QStringLiteral("hub")));
        slowBlob(repo);
        const QString archive = dir.filePath(QStringLiteral("model.tar.gz"));
        QProcess process;
        interrupt(process, dir.filePath(QStringLiteral("hub")), archive, SIGTERM);
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1);
        QVERIFY2(process.readAllStandardError().contains("export cancelled; nothing was left at"), "no cancel message");
        QVERIFY(!QFileInfo::exists(archive));
        QCOMPARE(leftovers(dir.path()), QStringList());
    }

    void killedMidExport()
    {
        QTemporaryDir dir;
        ExportTestRepo repo(dir.filePath(QStringLiteral("hub")));
        const QByteArray blob = slowBlob(repo);
        const QByteArray before = treeState(dir.filePath(QStringLiteral("hub")));
        const QString archive = dir.filePath(QStringLiteral("model.tar.gz"));
        QProcess process;
        interrupt(process, dir.filePath(QStringLiteral("hub")), archive, SIGKILL);
        QCOMPARE(process.exitStatus(), QProcess::CrashExit);

        QVERIFY(!QFileInfo::exists(archive));
        QCOMPARE(leftovers(dir.path()).size(), 1);  // only the temporary name, never the final one
        QCOMPARE(treeState(dir.filePath(QStringLiteral("hub"))), before);
        QString error;
        QCOMPARE(BlobHasher::hashFile(repo.repoPath + "/blobs/" + blob, *BlobHasher::algorithmFor(blob), &error), blob);

        // The next export to the same target succeeds; the dead one's leftover is named, never
        // removed (only its creator removes a temporary: another one may be a live export's).
        const QStringList dead = leftovers(dir.path());
        const auto result = TestSupport::runCli({QStringLiteral("export"), QStringLiteral("--cache-dir"), dir.filePath(QStringLiteral("hub")),
                                                 QStringLiteral("org/model"), QStringLiteral("--archive"), archive, QStringLiteral("--verify")});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QVERIFY2(result.err.contains("another export's temporary") && result.err.contains(QFile::encodeName(dead.first())),
                 result.err.constData());
        QCOMPARE(leftovers(dir.path()), dead);
        QCOMPARE(TestSupport::runProgram(QStringLiteral("gzip"), {QStringLiteral("-t"), archive}), 0);
    }

    // Issue 15 A9: a second export to the same target while the first runs never touches the
    // first one's live temporary; the first then finds the target taken and leaves nothing.
    void secondExportLeavesTheFirstsTemporary()
    {
        QTemporaryDir dir;
        ExportTestRepo repo(dir.filePath(QStringLiteral("hub")));
        slowBlob(repo);
        const QString archive = dir.filePath(QStringLiteral("model.tar.gz"));
        QProcess first;
        startStoppedExport(first, dir.filePath(QStringLiteral("hub")), archive);
        const QString firstTemp = leftovers(dir.path()).first();
        const auto second = TestSupport::runCli({QStringLiteral("export"), QStringLiteral("--cache-dir"), dir.filePath(QStringLiteral("hub")),
                                                 QStringLiteral("org/model"), QStringLiteral("--archive"), archive, QStringLiteral("--level"),
                                                 QStringLiteral("1")});
        QVERIFY2(second.exitCode == 0, second.err.constData());
        QVERIFY2(second.err.contains(QFile::encodeName(firstTemp)), second.err.constData());
        QVERIFY(first.state() == QProcess::Running);
        QVERIFY2(QFileInfo::exists(firstTemp), "the second export removed the first one's temporary");
        resume(first);
        QVERIFY(first.waitForFinished(300000));
        QCOMPARE(first.exitCode(), 1);
        const QByteArray err = first.readAllStandardError();
        QVERIFY2(err.contains("already exists") || err.contains("File exists"), err.constData());
        QVERIFY2(err.contains("nothing was left at"), err.constData());
        QCOMPARE(leftovers(dir.path()), QStringList());
        QCOMPARE(TestSupport::runProgram(QStringLiteral("gzip"), {QStringLiteral("-t"), archive}), 0);
    }

    void unwritableTarget()
    {
        const auto user = TestSupport::ensureUser(QStringLiteral("hfexport"));
        if (!user)
            QSKIP("needs root to create a user");
        // The user can read the cache but not write where it is asked to export.
        QVERIFY(::chmod(QFile::encodeName(m_fixtures.path()).constData(), 0755) == 0);
        QTemporaryDir dir;
        QVERIFY(::chmod(QFile::encodeName(dir.path()).constData(), 0755) == 0);
        const QByteArray before = treeState(m_cache);
        for (const QStringList &target : {QStringList{QStringLiteral("--to"), dir.filePath(QStringLiteral("copy"))},
                                          QStringList{QStringLiteral("--archive"), dir.filePath(QStringLiteral("copy.tar.gz"))}}) {
            QByteArray out, err;
            const int code = TestSupport::runAsUser(*user, cli(), QStringList{QStringLiteral("export"), QStringLiteral("--cache-dir"), m_cache,
                                                                              QStringLiteral("gpt2")} + target, &out, &err);
            QCOMPARE(code, 1);
            QVERIFY2(err.contains("Permission denied") && err.contains(QFile::encodeName(dir.path())), err.constData());
        }
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
        QCOMPARE(treeState(m_cache), before);
    }

    // huggingface_hub's own protocol, run by the real filelock: lock, write <sha>.incomplete
    // in pieces, rename to the blob, then link it into the snapshot. Exports running meanwhile
    // never wait for the lock and only ever contain complete, verified files.
    void concurrentDownload()
    {
        QTemporaryDir dir;
        const QString hub = dir.filePath(QStringLiteral("hub"));
        ExportTestRepo repo(hub);
        repo.linkBlob("config.json", repo.addBlob("{}", true));
        QDir().mkpath(hub + QStringLiteral("/.locks/models--org--model"));
        const QString script = QStringLiteral(R"(
import filelock, hashlib, os, sys, time
repo, locks, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
snapshot = os.path.join(repo, "snapshots", "a" * 40)
for i in range(count):
    data = hashlib.sha256(str(i).encode()).digest() * (256 * 1024)   # 8 MiB
    sha = hashlib.sha256(data).hexdigest()
    with filelock.FileLock(os.path.join(locks, sha + ".lock")):
        incomplete = os.path.join(repo, "blobs", sha + ".incomplete")
        with open(incomplete, "wb") as f:
            for k in range(0, len(data), 1 << 20):
                f.write(data[k:k + (1 << 20)]); f.flush(); time.sleep(0.05)
        os.replace(incomplete, os.path.join(repo, "blobs", sha))
    os.symlink("../../blobs/" + sha, os.path.join(snapshot, "shard-%d.bin" % i))
print("done", flush=True)
)");
        QProcess writer;
        writer.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), script, QString::fromLocal8Bit(repo.repoPath),
                                                          hub + QStringLiteral("/.locks/models--org--model"), QStringLiteral("5")});
        QVERIFY(writer.waitForStarted());
        int exports = 0;
        int sawIncomplete = 0;
        while (writer.state() == QProcess::Running) {
            sawIncomplete += QDir(QString::fromLocal8Bit(repo.repoPath + "/blobs")).entryList({QStringLiteral("*.incomplete")}).size() > 0;
            QString error;
            const auto source = ExportSource::fromSnapshot(repo.repoPath, repo.commit, {}, &error);
            QVERIFY2(source, qPrintable(error));
            ExportJob::Options options;
            options.target = QFile::encodeName(dir.filePath(QStringLiteral("export-%1.tar.zst").arg(exports)));
            options.format = ExportJob::Format::TarZst;
            options.verify = true;
            const auto result = ExportJob(*source, options).run();
            QVERIFY2(result.ok, qPrintable(result.error));
            QCOMPARE(result.unverifiable, 0);
            ++exports;
            QTest::qWait(50);
        }
        QCOMPARE(writer.exitCode(), 0);
        QCOMPARE(writer.readAllStandardOutput().trimmed(), QByteArray("done"));
        QVERIFY2(exports >= 3 && sawIncomplete > 0, qPrintable(QStringLiteral("%1 exports, %2 during .incomplete").arg(exports).arg(sawIncomplete)));
        QString error;
        const auto last = ExportSource::fromSnapshot(repo.repoPath, repo.commit, {}, &error);
        QCOMPARE(last->items().size(), 6);
    }
};

QTEST_GUILESS_MAIN(TestExportFaults)
#include "tst_ExportFaults.moc"
