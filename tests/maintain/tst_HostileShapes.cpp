// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// Shapes a local user can give a shared cache to hang or crash the commands root runs on it
// (FIFOs where files belong, folders nested thousands deep), and verify's answers on caches
// without trees/ listings (issue 15 items A5 and 17).
#include "support/CacheBuilder.h"
#include "support/TestSupport.h"
#include "util/RegularFile.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <cerrno>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace hfcache;

namespace {

const int kDepth = 15000;

int runHfcache(const QStringList &args, QByteArray *out = nullptr, QByteArray *err = nullptr, int timeoutMs = 60000)
{
    return TestSupport::runProgram(TestSupport::cliPath(), args, out, err, timeoutMs);
}

} // namespace

class TestHostileShapes : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    // A cache `name` holding models--org--<repo> whose main has `file` with `content`.
    struct OneRepo
    {
        QByteArray root, folder, commit, blob;
    };
    OneRepo oneRepo(const char *name, const QByteArray &repo, const QByteArray &file = "config.json",
                    const QByteArray &content = "{}")
    {
        OneRepo one{QFile::encodeName(m_dir.path()) + '/' + name, "models--org--" + repo, CacheBuilder::commit(repo), {}};
        CacheBuilder cache(one.root);
        one.blob = cache.addBlob(one.folder, content);
        cache.linkBlob(one.folder, one.commit, file, one.blob);
        cache.writeRef(one.folder, "main", one.commit);
        return one;
    }

private Q_SLOTS:
    void cleanupTestCase() { TestSupport::removeTree(m_dir.path()); }

    void regularFileRefusesFifoWithoutBlocking()
    {
        const QByteArray fifo = QFile::encodeName(m_dir.path()) + "/fifo";
        QVERIFY(::mkfifo(fifo.constData(), 0666) == 0);
        QElapsedTimer timer;
        timer.start();
        QString error;
        const UniqueFd fd = RegularFile::openForReading(AT_FDCWD, fifo, fifo, &error);
        QVERIFY(!fd.isValid());
        QCOMPARE(errno, EINVAL);
        QVERIFY2(error.contains(QStringLiteral("FIFO")), qPrintable(error));
        QVERIFY(timer.elapsed() < 2000);
        const UniqueFd dir = RegularFile::openForReading(AT_FDCWD, QFile::encodeName(m_dir.path()), "d", &error);
        QVERIFY(!dir.isValid());
    }

    // A FIFO named like a blob and linked by a snapshot: verify hung in open() forever.
    void verifyRefusesFifoBlob()
    {
        const OneRepo one = oneRepo("fifo-blob", "fifo", "model.bin", "real content");
        const QByteArray root = one.root;
        const QByteArray blobPath = root + '/' + one.folder + "/blobs/" + one.blob;
        QVERIFY(::unlink(blobPath.constData()) == 0);
        QVERIFY(::mkfifo(blobPath.constData(), 0666) == 0);
        QByteArray out, err;
        const int code = runHfcache({"verify", "--cache-dir", QFile::decodeName(root)}, &out, &err, 30000);
        QVERIFY2(code == 1, out + err);
        QVERIFY2(out.contains("not a regular file but a FIFO"), out.constData());
    }

    // Long runs stay interruptible: SIGINT and SIGTERM end a verify that is hashing.
    void verifyStopsOnSignal_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGTERM") << int(SIGTERM);
    }
    void verifyStopsOnSignal()
    {
        QFETCH(int, signal);
        const OneRepo one = oneRepo(signal == SIGINT ? "signal-int" : "signal-term", "big", "model.bin", "x");
        const QByteArray root = one.root;
        QVERIFY(::truncate((root + '/' + one.folder + "/blobs/" + one.blob).constData(), 8LL << 30) == 0);  // sparse 8 GiB
        QProcess verify;
        verify.start(TestSupport::cliPath(), {"verify", "--threads", "1", "--cache-dir", QFile::decodeName(root)});
        QVERIFY(verify.waitForStarted());
        QTest::qWait(500);
        ::kill(pid_t(verify.processId()), signal);
        QVERIFY2(verify.waitForFinished(10000), "verify ignored the signal");
        QVERIFY(verify.exitStatus() == QProcess::CrashExit || verify.exitCode() != 0);
    }

    // scan and doctor hung when a ref was swapped for a FIFO between the scanner's lstat and
    // its open; a helper process flips it for a bounded number of scans.
    void refFlippedToFifo()
    {
        const OneRepo one = oneRepo("fifo-ref", "flip");
        const QByteArray root = one.root, commit = one.commit;
        const QByteArray refs = root + '/' + one.folder + "/refs";
        QProcess flipper;
        flipper.start(QStringLiteral("python3"),
                      {QStringLiteral("-c"),
                       // 50 refs, so that each scan has 50 chances to open one just flipped to a FIFO.
                       QStringLiteral("import os, sys\n"
                                      "d = sys.argv[1]\n"
                                      "while True:\n"
                                      "    for i in range(50):\n"
                                      "        open(d + '/r.tmp', 'w').write('%1')\n"
                                      "        os.rename(d + '/r.tmp', d + '/r%d' % i)\n"
                                      "    for i in range(50):\n"
                                      "        os.mkfifo(d + '/f.tmp')\n"
                                      "        os.rename(d + '/f.tmp', d + '/r%d' % i)\n").arg(QString::fromLatin1(commit)),
                       QFile::decodeName(refs)});
        QVERIFY(flipper.waitForStarted());
        for (int i = 0; i < 40; ++i) {
            const char *command = i % 2 ? "doctor" : "scan";
            QByteArray out, err;
            const int code = runHfcache({command, "--cache-dir", QFile::decodeName(root)}, &out, &err, 20000);
            QVERIFY2(code >= 0, qPrintable(QStringLiteral("%1 hung on try %2").arg(command).arg(i)));
        }
        flipper.kill();
        flipper.waitForFinished();
    }

    // ~15,000 nested folders in a snapshot crashed every command (stack overflow).
    void deepNesting()
    {
        const OneRepo one = oneRepo("deep", "deep");
        const QByteArray root = one.root, repo = one.folder;
        CacheBuilder(root).nestFolders(repo + "/snapshots/" + one.commit + "/deep", kDepth);
        const QString dir = QFile::decodeName(root);
        QByteArray out, err;
        int code = runHfcache({"scan", "--json", "--cache-dir", dir}, &out, &err);
        QVERIFY2(code == 0 || code == 1, err.constData());
        QVERIFY2(out.contains("\"too-deep\""), out.left(2000).constData());
        QVERIFY(!QJsonDocument::fromJson(out).isNull());
        code = runHfcache({"scan", "--revisions", "--files", "--cache-dir", dir}, &out, &err);
        QVERIFY2(code == 0 || code == 1, err.constData());
        code = runHfcache({"doctor", "--cache-dir", dir}, &out, &err);
        QVERIFY2(code == 0 || code == 1, err.constData());
        code = runHfcache({"verify", "--cache-dir", dir}, &out, &err);
        QVERIFY2(code == 0, out + err);
        // export walks the snapshot itself: refused at the scan's depth, no stack overflow.
        code = runHfcache({"export", "org/deep", "--to", dir + QStringLiteral(".export"), "--cache-dir", dir}, &out, &err);
        QVERIFY2(code == 1 && err.contains("folders deep; not exported"), out + err);
        QVERIFY(!QFileInfo::exists(dir + QStringLiteral(".export")));
        // Removing 15,000 folders takes rm -rf as long (over a minute on a busy disk).
        code = runHfcache({"rm", "--yes", "org/deep", "--cache-dir", dir}, &out, &err, 400000);
        QVERIFY2(code == 0, out + err);
        QVERIFY(!QFileInfo::exists(QFile::decodeName(root + '/' + repo)));
    }

    // Issue 15 A5: a 0.36.2-style cache has no trees/: a snapshot link whose blob is gone
    // passed verify while scan reported broken-symlink.
    void verifyFailsOnMissingBlob()
    {
        const OneRepo one = oneRepo("missing-blob", "gone");
        const QByteArray root = one.root, repo = one.folder;
        CacheBuilder cache(root);
        const QByteArray gone = cache.addBlob(repo, "gone");
        cache.linkBlob(repo, one.commit, "model.safetensors", gone);
        QVERIFY(::unlink((root + '/' + repo + "/blobs/" + gone).constData()) == 0);
        QByteArray out, err;
        QCOMPARE(runHfcache({"verify", "--json", "--cache-dir", QFile::decodeName(root)}, &out, &err), 1);
        const QJsonObject report = QJsonDocument::fromJson(out).object();
        QCOMPARE(report[QStringLiteral("ok")].toBool(), false);
        const QJsonArray problems = report[QStringLiteral("listing_problems")].toArray();
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems[0][QStringLiteral("kind")].toString(), QStringLiteral("missing-blob"));
        QCOMPARE(problems[0][QStringLiteral("file")].toString(), QStringLiteral("model.safetensors"));
        QCOMPARE(runHfcache({"verify", "org/gone@main", "--cache-dir", QFile::decodeName(root)}, &out, &err), 1);
        QVERIFY2(out.contains("MISSING-BLOB"), out.constData());
    }

    // Issue 15 item 17: a misnamed leftover no revision uses is a warning, not a corrupt revision.
    void unusedMisnamedBlobIsAWarning()
    {
        const OneRepo one = oneRepo("misnamed", "left");
        const QByteArray root = one.root;
        CacheBuilder(root).writeFile(one.folder + "/blobs/" + QByteArray(64, 'b'), "not what the name says");
        QByteArray out, err;
        QCOMPARE(runHfcache({"verify", "--json", "--cache-dir", QFile::decodeName(root)}, &out, &err), 0);
        const QJsonObject report = QJsonDocument::fromJson(out).object();
        QCOMPARE(report[QStringLiteral("ok")].toBool(), true);
        QCOMPARE(report[QStringLiteral("corrupt")].toArray().size(), 0);
        QCOMPARE(report[QStringLiteral("unused_misnamed")].toArray().size(), 1);
        QCOMPARE(runHfcache({"verify", "--cache-dir", QFile::decodeName(root)}, &out, &err), 0);
        QVERIFY2(out.contains("WARNING model/org/left") && !out.contains("CORRUPT"), out.constData());
    }
};

QTEST_GUILESS_MAIN(TestHostileShapes)
#include "tst_HostileShapes.moc"
