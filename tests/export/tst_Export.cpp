// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ExportTestCache.h"
#include "GzipReaders.h"
#include "cache/CacheScan.h"
#include "export/AtomicTarget.h"
#include "export/ExportJob.h"
#include "util/UniqueFd.h"

#include "support/TestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtConcurrent>
#include <QSemaphore>
#include <QtTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace hfcache;

namespace {

ExportJob::Result exportTo(const ExportSource &source, const QByteArray &target, ExportJob::Format format,
                           bool verify = true, const QByteArray &prefix = {})
{
    ExportJob::Options options;
    options.target = target;
    options.format = format;
    options.verify = verify;
    options.prefix = prefix;
    return ExportJob(source, options).run();
}

// Extracts an archive with Python's tarfile (what SageMaker does); zstd is unpacked first.
bool pythonExtract(const QString &archive, const QString &into)
{
    QString tarPath = archive;
    if (archive.endsWith(QLatin1String(".zst"))) {
        tarPath = archive + QStringLiteral(".tar");
        if (TestSupport::runProgram(QStringLiteral("zstd"), {QStringLiteral("-qdf"), archive, QStringLiteral("-o"), tarPath}) != 0)
            return false;
    }
    QDir().mkpath(into);
    return TestSupport::runProgram(QStringLiteral("/usr/bin/python3"),
                                   {QStringLiteral("-c"),
                                    QStringLiteral("import sys, tarfile\nwith tarfile.open(sys.argv[1]) as t:\n"
                                                   "    assert all(m.isfile() or m.isdir() for m in t.getmembers())\n"
                                                   "    assert all(m.uid == 0 and m.gid == 0 for m in t.getmembers())\n"
                                                   "    t.extractall(sys.argv[2])"),
                                    tarPath, into}) == 0;
}

// Every exported file has its blob's bytes; nothing else is there (but a folder export's marker).
void compareWithSource(const ExportSource &source, const QByteArray &root)
{
    QList<QByteArray> files = findEntries(QFile::decodeName(root), {QStringLiteral("-type"), QStringLiteral("f")});
    files.removeAll(root + '/' + AtomicTarget::MarkerName);
    QCOMPARE(files.size(), source.items().size());
    for (const ExportItem &item : source.items())
        QVERIFY2(readAllBytes(root + '/' + item.path) == readAllBytes(item.contentPath), item.path.constData());
    QCOMPARE(nonRegularEntries(QFile::decodeName(root)), QStringList());
}

// A .tar.gz read by gzip -t, GNU tar (extracted into `into`, compared with the source) and
// zlib's streaming reader in 64 KiB pieces, and byte by byte when it is small.
void checkGzipReaders(const QString &archive, const QByteArray &into, const ExportSource &source)
{
    QCOMPARE(TestSupport::runProgram(QStringLiteral("gzip"), {QStringLiteral("-t"), archive}), 0);
    QVERIFY(QDir().mkpath(QFile::decodeName(into)));
    QCOMPARE(TestSupport::runProgram(QStringLiteral("tar"), {QStringLiteral("-xzf"), archive, QStringLiteral("-C"), QFile::decodeName(into)}), 0);
    compareWithSource(source, into);
    const QByteArray digest = GzipReaders::gunzip(archive);
    QVERIFY2(!digest.startsWith("failed"), digest.constData());
    const QByteArray stream = GzipReaders::zlibStream(archive, 64 << 10);
    QVERIFY2(stream.startsWith(digest + ' '), stream.constData());
    if (QFileInfo(archive).size() <= 256 << 10)
        QCOMPARE(GzipReaders::zlibStream(archive, 1), stream);
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_fixtures;
    QString m_root;

    static constexpr quint64 HugeSize = (quint64(8) << 30) + 4097;  // over the ustar limit

    // A repo in `dir` whose one file is a sparse HugeSize blob: "head", zeros, "tail".
    static std::optional<ExportSource> hugeSparseSource(const QTemporaryDir &dir)
    {
        ExportTestRepo repo(dir.filePath(QStringLiteral("hub")));
        const QByteArray blobName(64, 'e');  // not its real hash: these tests do not --verify
        const QByteArray blobPath = repo.repoPath + "/blobs/" + blobName;
        const UniqueFd fd(::open(blobPath.constData(), O_WRONLY | O_CREAT, 0644));
        if (!fd.isValid() || ::pwrite(fd.get(), "head", 4, 0) != 4 || ::pwrite(fd.get(), "tail", 4, off_t(HugeSize - 4)) != 4)
            return std::nullopt;
        repo.linkBlob("huge.bin", blobName);
        QString error;
        auto source = ExportSource::fromSnapshot(repo.repoPath, repo.commit, {}, &error);
        if (!source)
            qWarning() << error;
        return source;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_root = TestSupport::extractFixtures(m_fixtures);
        QVERIFY(!m_root.isEmpty());
    }

    // Every revision the genuine client wrote, in every format, byte for byte.
    void everyFixtureRevision_data()
    {
        QTest::addColumn<QString>("cache");
        QTest::newRow("0.36.2") << QStringLiteral("fixture-cache");
        QTest::newRow("1.28") << QStringLiteral("fixture-cache-v1.28");
    }
    void everyFixtureRevision()
    {
        QFETCH(QString, cache);
        const CacheSnapshotPtr snapshot = CacheScan::run(QFile::encodeName(m_root + u'/' + cache));
        QVERIFY(snapshot);
        QTemporaryDir out;
        int revisions = 0;
        for (const CachedRepoPtr &repo : snapshot->repos) {
            for (const CachedRevision &revision : repo->revisions) {
                QString error;
                // The killed and truncated downloads lack their weights: exported without them.
                const auto source = ExportSource::fromRevision(*repo, revision, {false, true, false}, &error);
                QVERIFY2(source, qPrintable(error));
                const QString base = out.filePath(QStringLiteral("r%1").arg(++revisions));
                const auto folder = exportTo(*source, QFile::encodeName(base), ExportJob::Format::Folder);
                QVERIFY2(folder.ok, qPrintable(folder.error));
                compareWithSource(*source, QFile::encodeName(base));
                QCOMPARE(TestSupport::runProgram(QStringLiteral("find"), {base, QStringLiteral("-type"), QStringLiteral("l")}), 0);
                for (const QString &ext : {QStringLiteral(".tar.gz"), QStringLiteral(".tar.zst"), QStringLiteral(".tar")}) {
                    const QString archive = base + ext;
                    const auto result = exportTo(*source, QFile::encodeName(archive), *ExportJob::archiveFormat(QFile::encodeName(ext)));
                    QVERIFY2(result.ok, qPrintable(result.error));
                    QCOMPARE(quint64(QFileInfo(archive).size()), result.outputBytes);
                    if (ext == QLatin1String(".tar.gz"))
                        checkGzipReaders(archive, QFile::encodeName(archive + QStringLiteral(".gnu")), *source);
                    if (ext == QLatin1String(".tar.zst"))
                        QCOMPARE(TestSupport::runProgram(QStringLiteral("zstd"), {QStringLiteral("-qt"), archive}), 0);
                    QByteArray listing;
                    QCOMPARE(TestSupport::runProgram(QStringLiteral("tar"), {QStringLiteral("-tvf"), archive}, &listing), 0);
                    QVERIFY(!listing.contains(" -> "));
                    const QString extracted = archive + QStringLiteral(".x");
                    QVERIFY(pythonExtract(archive, extracted));
                    compareWithSource(*source, QFile::encodeName(extracted));
                }
            }
        }
        QVERIFY(revisions >= 8);
    }

    void oddNamesAndPrefix()
    {
        QTemporaryDir dir;
        ExportTestRepo repo(dir.filePath(QStringLiteral("hub")));
        const QByteArray blob = repo.addBlob("content\n", true);
        const QList<QByteArray> names = {"my file.txt", "mod\xc3\xa8le/\xe6\xa8\xa1\xe5\x9e\x8b.bin", "caf\xe9", "new\nline",
                                         QByteArray("deep/").repeated(30) + QByteArray(120, 'n')};
        for (const QByteArray &name : names)
            repo.linkBlob(name, blob);
        QString error;
        const auto source = ExportSource::fromSnapshot(repo.repoPath, repo.commit, {}, &error);
        QVERIFY2(source, qPrintable(error));
        const QByteArray folder = QFile::encodeName(dir.filePath(QStringLiteral("folder")));
        QVERIFY(exportTo(*source, folder, ExportJob::Format::Folder).ok);
        compareWithSource(*source, folder);
        const QString archive = dir.filePath(QStringLiteral("odd.tar.gz"));
        const auto result = exportTo(*source, QFile::encodeName(archive), ExportJob::Format::TarGz, true, "model/v1/");
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY(pythonExtract(archive, dir.filePath(QStringLiteral("x"))));
        compareWithSource(*source, QFile::encodeName(dir.filePath(QStringLiteral("x/model/v1"))));
        // QTemporaryDir cannot remove names that are not UTF-8.
        TestSupport::runProgram(QStringLiteral("rm"), {QStringLiteral("-rf"), dir.path()});
    }

    // A file over 8 GiB (the ustar limit) keeps its exact size and bytes, and stays sparse in a folder.
    void sparseHugeFile()
    {
        QTemporaryDir dir;
        const auto source = hugeSparseSource(dir);
        QVERIFY(source);

        const QByteArray folder = QFile::encodeName(dir.filePath(QStringLiteral("folder")));
        QVERIFY(exportTo(*source, folder, ExportJob::Format::Folder, false).ok);
        struct stat st;
        QVERIFY(::stat((folder + "/huge.bin").constData(), &st) == 0);
        QCOMPARE(quint64(st.st_size), HugeSize);
        QVERIFY(quint64(st.st_blocks) * 512 < (quint64(1) << 20));
        const int copy = ::open((folder + "/huge.bin").constData(), O_RDONLY);
        char head[4] = {}, tail[4] = {};
        QVERIFY(::pread(copy, head, 4, 0) == 4 && ::pread(copy, tail, 4, off_t(HugeSize - 4)) == 4);
        ::close(copy);
        QCOMPARE(QByteArray(head, 4) + QByteArray(tail, 4), QByteArray("headtail"));

        const QString archive = dir.filePath(QStringLiteral("huge.tar.zst"));
        const auto result = exportTo(*source, QFile::encodeName(archive), ExportJob::Format::TarZst, false);
        QVERIFY2(result.ok, qPrintable(result.error));
        QByteArray out;
        QCOMPARE(TestSupport::runProgram(QStringLiteral("sh"),
                                         {QStringLiteral("-c"), QStringLiteral("zstd -dc \"$1\" | python3 -c 'import sys,tarfile,hashlib\n"
                                                                               "t=tarfile.open(fileobj=sys.stdin.buffer,mode=\"r|\")\n"
                                                                               "m=t.next(); f=t.extractfile(m); h=f.read(4); last=b\"\"\n"
                                                                               "while b := f.read(1 << 24): last = (last + b)[-4:]\n"
                                                                               "print(m.name, m.size, h.decode(), last.decode())'"),
                                          QStringLiteral("sh"), archive}, &out, nullptr, 600000), 0);
        QCOMPARE(out.trimmed(), QByteArray("huge.bin " + QByteArray::number(HugeSize) + " head tail"));
    }

    // The same file through the gzip path (a member per MiB), read in one pass by Python's
    // tarfile fed by zlib's streaming reader (64 KiB pieces, a new decompressor at each
    // member's end), and by GNU tar through gzip, which checks every member's CRC and size
    // as gzip -t does (each pass inflates 8 GiB: two passes fit the test's time limit).
    void sparseHugeFileGzip()
    {
        QTemporaryDir dir;
        const auto source = hugeSparseSource(dir);
        QVERIFY(source);
        const QString archive = dir.filePath(QStringLiteral("huge.tar.gz"));
        const auto result = exportTo(*source, QFile::encodeName(archive), ExportJob::Format::TarGz, false);
        QVERIFY2(result.ok, qPrintable(result.error));
        QByteArray out;
        QCOMPARE(TestSupport::runProgram(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QStringLiteral(R"(
import io, sys, tarfile, zlib
class Stream(io.RawIOBase):
    def __init__(self, f):
        self.f, self.d, self.members, self.left, self.fed = f, zlib.decompressobj(wbits=31), 0, b'', False
    def readable(self):
        return True
    def readinto(self, b):
        while not self.left:
            chunk = b''
            if self.d.eof:
                self.members += 1
                chunk = self.d.unused_data
                self.d, self.fed = zlib.decompressobj(wbits=31), False
            chunk = chunk or self.f.read(65536)
            if not chunk:
                return 0
            self.fed = True
            self.left = memoryview(self.d.decompress(chunk))  # 64 KiB of zeros inflate to 64 MiB: no copies
        n = min(len(b), len(self.left))
        b[:n] = self.left[:n]; self.left = self.left[n:]
        return n
s = Stream(open(sys.argv[1], 'rb'))
t = tarfile.open(fileobj=io.BufferedReader(s, 1 << 20), mode='r|')
m = t.next(); f = t.extractfile(m); h = f.read(4); last = b''
while b := f.read(1 << 24): last = (last + b[-4:])[-4:]
while t.next(): pass
while s.readinto(bytearray(1 << 16)): pass
print(m.name, m.size, h.decode(), last.decode(), s.members, 'truncated' if s.fed else 'complete')
)"), archive}, &out, nullptr, 600000), 0);
        // 8 GiB + 4097 bytes plus the headers: 8193 MiB chunks, the last one cut by the file's tail.
        QCOMPARE(out.trimmed(), QByteArray("huge.bin " + QByteArray::number(HugeSize) + " head tail 8193 complete"));
        QByteArray listing;
        QCOMPARE(TestSupport::runProgram(QStringLiteral("tar"), {QStringLiteral("-tvzf"), archive}, &listing, nullptr, 600000), 0);
        QVERIFY2(listing.contains(" " + QByteArray::number(HugeSize) + " "), listing.constData());
    }

    void hardlinks()
    {
        QTemporaryDir dir;
        ExportTestRepo repo(dir.filePath(QStringLiteral("hub")));
        const QByteArray blob = repo.addBlob(QByteArray(1000, 'h'));
        repo.linkBlob("a/w.bin", blob);
        QString error;
        const auto source = ExportSource::fromSnapshot(repo.repoPath, repo.commit, {}, &error);
        ExportJob::Options options;
        options.target = QFile::encodeName(dir.filePath(QStringLiteral("linked")));
        options.hardlink = true;
        options.verify = true;
        const auto result = ExportJob(*source, options).run();
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY(result.warnings.join(u' ').contains(QLatin1String("share inodes")));
        struct stat a, b;
        QVERIFY(::stat((options.target + "/a/w.bin").constData(), &a) == 0 && ::stat((repo.repoPath + "/blobs/" + blob).constData(), &b) == 0);
        QCOMPARE(a.st_ino, b.st_ino);
    }

    void verifyCatchesACorruptBlob()
    {
        QTemporaryDir dir;
        ExportTestRepo repo(dir.filePath(QStringLiteral("hub")));
        repo.linkBlob("good.json", repo.addBlob("{}"));
        const QByteArray name = repo.addBlob(QByteArray(3 << 20, 'x'));
        repo.linkBlob("weights.bin", name);
        repo.writeFile("blobs/" + name, QByteArray(3 << 20, 'y'));  // bit rot: same size, other bytes
        QString error;
        const auto source = ExportSource::fromSnapshot(repo.repoPath, repo.commit, {}, &error);
        for (const auto format : {ExportJob::Format::Folder, ExportJob::Format::TarGz}) {
            const QByteArray target = QFile::encodeName(dir.filePath(format == ExportJob::Format::Folder ? QStringLiteral("out")
                                                                                                         : QStringLiteral("out.tar.gz")));
            const auto result = exportTo(*source, target, format);
            QVERIFY(!result.ok);
            QVERIFY2(result.error.contains(QLatin1String("weights.bin is corrupt")) && result.error.contains(QString::fromLatin1(name))
                         && result.error.contains(QLatin1String("nothing was left")), qPrintable(result.error));
            QVERIFY(!QFileInfo::exists(QString::fromLocal8Bit(target)));
            QCOMPARE(leftovers(dir.path()), QStringList());
            // Without --verify the same export goes through (the check is what costs the hashing).
            QVERIFY(exportTo(*source, target, format, false).ok);
        }
    }

    // A folder export copies several files at once, and with --verify each writer hashes what
    // it writes: the output is the same with one writer or many; a corrupt file early in a long
    // list (found while other writers are busy, which it stops), one at the very end, a
    // git-sha1 name, and hard links (no copy at all) are all caught; the error names the
    // corrupt file, not the "cancelled" of the writers it stopped; nothing is left behind.
    void folderVerifyWithSeveralWriters()
    {
        QTemporaryDir dir;
        ExportTestRepo repo(dir.filePath(QStringLiteral("hub")));
        QList<QByteArray> names;
        for (int i = 0; i < 150; ++i) {  // more than the verifier queues at once
            const QByteArray content = QByteArray::number(i).repeated(1000 + i * 37);
            names << repo.addBlob(content, i % 3 == 0);
            repo.linkBlob(QByteArray("part/f") + QByteArray::number(i).rightJustified(3, '0') + ".bin", names.last());
        }
        QString error;
        const auto source = ExportSource::fromSnapshot(repo.repoPath, repo.commit, {}, &error);
        QVERIFY2(source, qPrintable(error));
        const QByteArray target = QFile::encodeName(dir.filePath(QStringLiteral("out")));
        ExportJob::Result result;
        for (const int writers : {1, 4}) {
            ExportJob::Options options;
            options.target = target;
            options.verify = true;
            options.threads = writers;
            result = ExportJob(*source, options).run();
            QVERIFY2(result.ok && result.verified && result.files == 150, qPrintable(result.error));
            compareWithSource(*source, target);
            TestSupport::removeTree(QFile::decodeName(target));
        }

        for (const int corrupt : {2, 149}) {
            const QByteArray blob = repo.repoPath + "/blobs/" + names[corrupt];
            QByteArray bytes = readAllBytes(blob);
            const QByteArray original = bytes;
            bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 1);
            repo.writeFile("blobs/" + names[corrupt], bytes);
            // Corrupt before the export lists it (a blob changed under the export is another error).
            const auto corrupted = ExportSource::fromSnapshot(repo.repoPath, repo.commit, {}, &error);
            QVERIFY2(corrupted, qPrintable(error));
            for (const bool hardlink : {false, true}) {
                ExportJob::Options options;
                options.target = target;
                options.verify = true;
                options.hardlink = hardlink;
                result = ExportJob(*corrupted, options).run();
                QVERIFY(!result.ok);
                const QByteArray path = "f" + QByteArray::number(corrupt).rightJustified(3, '0') + ".bin is corrupt";
                QVERIFY2(result.error.contains(QString::fromLatin1(path)) && result.error.contains(QString::fromLatin1(names[corrupt]))
                             && result.error.contains(QLatin1String("nothing was left")), qPrintable(result.error));
                QVERIFY(!QFileInfo::exists(QString::fromLocal8Bit(target)));
                QCOMPARE(leftovers(dir.path()), QStringList());
            }
            repo.writeFile("blobs/" + names[corrupt], original);
        }
    }

    // Between the plan and the copy a blob may vanish or change (another tool pruning): the
    // export fails naming it, and leaves nothing behind.
    void blobVanishesOrChanges()
    {
        QTemporaryDir dir;
        ExportTestRepo repo(dir.filePath(QStringLiteral("hub")));
        const QByteArray first = repo.addBlob("first");
        const QByteArray second = repo.addBlob("second");
        repo.linkBlob("a.bin", first);
        repo.linkBlob("b.bin", second);
        QString error;
        const auto source = ExportSource::fromSnapshot(repo.repoPath, repo.commit, {}, &error);
        QVERIFY2(source, qPrintable(error));
        QVERIFY(::unlink((repo.repoPath + "/blobs/" + second).constData()) == 0);
        auto result = exportTo(*source, QFile::encodeName(dir.filePath(QStringLiteral("out"))), ExportJob::Format::Folder);
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(QLatin1String("cannot open")) && result.error.contains(QString::fromLatin1(second))
                     && result.error.contains(QLatin1String("No such file")), qPrintable(result.error));
        // Changed in place: the same inode with other bytes. (Writing a new file where the old one was
        // unlinked may or may not reuse its inode number, which made this case a "replaced" file at times.)
        repo.writeFile("blobs/" + second, "second");
        const auto relisted = ExportSource::fromSnapshot(repo.repoPath, repo.commit, {}, &error);
        QVERIFY2(relisted, qPrintable(error));
        repo.writeFile("blobs/" + second, "second, longer");
        result = exportTo(*relisted, QFile::encodeName(dir.filePath(QStringLiteral("out.tar"))), ExportJob::Format::Tar);
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(QLatin1String("changed during the export")), qPrintable(result.error));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList({QStringLiteral("hub")}));
    }

    // What the GUI's Cancel does: cancel() from another thread while run() works.
    void cancelFromAnotherThread()
    {
        QTemporaryDir dir;
        ExportTestRepo repo(dir.filePath(QStringLiteral("hub")));
        QByteArray big(64 << 20, Qt::Uninitialized);
        for (qsizetype i = 0; i < big.size(); ++i)
            big[i] = char(i * 7 + i / 4096);
        repo.linkBlob("big.bin", repo.addBlob(big));
        QString error;
        const auto source = ExportSource::fromSnapshot(repo.repoPath, repo.commit, {}, &error);
        for (const auto format : {ExportJob::Format::Folder, ExportJob::Format::TarGz, ExportJob::Format::TarZst}) {
            ExportJob::Options options;
            options.target = QFile::encodeName(dir.filePath(QStringLiteral("out")));
            options.format = format;
            options.level = format == ExportJob::Format::TarZst ? 19 : 12;
            options.verify = true;
            ExportJob job(*source, options);
            // The first report holds the worker until the main thread has cancelled, so the job
            // cannot finish first however fast the machine is.
            QSemaphore reported, cancelled;
            std::atomic_int reports{0};
            job.setProgressCallback([&](const ExportProgress &p) {
                QVERIFY(p.bytesTotal == quint64(big.size()) && p.bytesDone <= p.bytesTotal);
                if (reports++ == 0) {
                    reported.release();
                    cancelled.acquire();
                }
            }, 0);
            QFuture<ExportJob::Result> future = QtConcurrent::run([&job] { return job.run(); });
            QVERIFY(reported.tryAcquire(1, 60000));
            job.cancel();
            cancelled.release();
            const ExportJob::Result result = future.result();
            QVERIFY(!result.ok && result.cancelled);
            QVERIFY2(result.error.contains(QLatin1String("cancelled")), qPrintable(result.error));
            QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList({QStringLiteral("hub")}));
        }
    }

    void commandLine()
    {
        QTemporaryDir out;
        const QString cache = m_root + QStringLiteral("/fixture-cache-v1.28");
        const QString archive = out.filePath(QStringLiteral("model.tar.gz"));
        auto result = TestSupport::runCli({QStringLiteral("export"), QStringLiteral("--cache-dir"), cache,
                                           QStringLiteral("model/fixture-org/tiny-model@dev"), QStringLiteral("--archive"),
                                           archive, QStringLiteral("--verify"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(result.out).object();
        QCOMPARE(json.value(QLatin1String("ok")).toBool(), true);
        QCOMPARE(json.value(QLatin1String("format")).toString(), QStringLiteral("tar.gz"));
        QCOMPARE(json.value(QLatin1String("verified")).toBool(), true);
        QCOMPARE(json.value(QLatin1String("tree_listing_checked")).toBool(), true);
        QVERIFY(json.value(QLatin1String("files")).toInt() >= 5);
        QCOMPARE(qint64(json.value(QLatin1String("output_bytes")).toDouble()), QFileInfo(archive).size());

        // An existing target is never overwritten without --force.
        result = TestSupport::runCli({QStringLiteral("export"), QStringLiteral("--cache-dir"), cache,
                                      QStringLiteral("fixture-org/tiny-model"), QStringLiteral("--archive"), archive});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("already exists (use --force"), result.err.constData());
        result = TestSupport::runCli({QStringLiteral("export"), QStringLiteral("--cache-dir"), cache,
                                      QStringLiteral("fixture-org/tiny-model"), QStringLiteral("--archive"), archive, QStringLiteral("--force")});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QVERIFY2(result.out.startsWith("Exported ") && result.out.contains("archive"), result.out.constData());

        // Never into the cache: refused up front, a usage error.
        result = TestSupport::runCli({QStringLiteral("export"), QStringLiteral("--cache-dir"), cache, QStringLiteral("gpt2"),
                                      QStringLiteral("--to"), cache + QStringLiteral("/models--gpt2/copy")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("refusing to export to") && result.err.contains("inside"), result.err.constData());
        QVERIFY(!QFileInfo::exists(cache + QStringLiteral("/models--gpt2/copy")));

        // Usage errors: exit 2, one line.
        for (const QStringList &args : {QStringList{QStringLiteral("gpt2")},
                                        QStringList{QStringLiteral("gpt2"), QStringLiteral("--archive"), out.filePath(QStringLiteral("x.zip"))},
                                        QStringList{QStringLiteral("gpt2@nope"), QStringLiteral("--to"), out.filePath(QStringLiteral("y"))},
                                        QStringList{QStringLiteral("gpt2"), QStringLiteral("--to"), out.filePath(QStringLiteral("y")), QStringLiteral("--level"), QStringLiteral("3")},
                                        QStringList{QStringLiteral("gpt2"), QStringLiteral("--to"), out.filePath(QStringLiteral("y")), QStringLiteral("--threads"), QStringLiteral("0")},
                                        QStringList{QStringLiteral("gpt2"), QStringLiteral("--to"), out.filePath(QStringLiteral("y")), QStringLiteral("--threads"), QStringLiteral("two")}}) {
            result = TestSupport::runCli(QStringList{QStringLiteral("export"), QStringLiteral("--cache-dir"), cache} + args);
            QVERIFY2(result.exitCode == 2, qPrintable(args.join(u' ')));
            QVERIFY(result.err.startsWith("hfcache: "));
            QVERIFY(!QFileInfo::exists(out.filePath(QStringLiteral("y"))));
        }
        QVERIFY(TestSupport::runCli({QStringLiteral("export"), QStringLiteral("--cache-dir"), cache, QStringLiteral("gpt2"), QStringLiteral("--to"),
                                     out.filePath(QStringLiteral("one-at-a-time")), QStringLiteral("--threads"), QStringLiteral("1")}).exitCode == 0);
        // gzip levels: ISA-L's 0-3; 4-12 (gzip's range, for scripts) compress as 3; 13 is a usage error.
        const auto gzipLevel = [&](const QString &level) {
            const QString levelArchive = out.filePath(QStringLiteral("level-%1.tar.gz").arg(level));
            const int code = TestSupport::runCli({QStringLiteral("export"), QStringLiteral("--cache-dir"), cache, QStringLiteral("gpt2"),
                                                  QStringLiteral("--archive"), levelArchive, QStringLiteral("--level"), level}).exitCode;
            return code == 0 ? readAllBytes(QFile::encodeName(levelArchive)) : QByteArray::number(code);
        };
        QCOMPARE(gzipLevel(QStringLiteral("13")), QByteArray("2"));
        QVERIFY(!QFileInfo::exists(out.filePath(QStringLiteral("level-13.tar.gz"))));
        const QByteArray strongest = gzipLevel(QStringLiteral("3"));
        QVERIFY(strongest.size() > 100);
        QCOMPARE(gzipLevel(QStringLiteral("12")), strongest);
        QVERIFY(gzipLevel(QStringLiteral("0")).size() > 100);
        // A missing blob is an error naming it; --skip-missing exports the rest and says so.
        const QString folder = out.filePath(QStringLiteral("broken"));
        result = TestSupport::runCli({QStringLiteral("export"), QStringLiteral("--cache-dir"), m_root + QStringLiteral("/fixture-cache"),
                                      QStringLiteral("fixture-org/stalled-model"), QStringLiteral("--to"), folder});
        if (result.exitCode == 1) {
            QVERIFY2(result.err.contains("missing"), result.err.constData());
            QVERIFY(!QFileInfo::exists(folder));
            result = TestSupport::runCli({QStringLiteral("export"), QStringLiteral("--cache-dir"), m_root + QStringLiteral("/fixture-cache"),
                                          QStringLiteral("fixture-org/stalled-model"), QStringLiteral("--to"), folder, QStringLiteral("--skip-missing")});
            QVERIFY2(result.exitCode == 0 && result.err.contains("skipped"), result.err.constData());
        }
        // A local_dir download folder, without its .cache/huggingface/ bookkeeping.
        const QString local = out.filePath(QStringLiteral("local"));
        result = TestSupport::runCli({QStringLiteral("export"), QStringLiteral("--local-dir"), m_root + QStringLiteral("/fixture-localdir-v1.28/bert-mini"),
                                      QStringLiteral("--to"), local, QStringLiteral("--verify")});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QVERIFY(QFileInfo::exists(local + QStringLiteral("/config.json")));
        QVERIFY(!QFileInfo::exists(local + QStringLiteral("/.cache")));

        // huggingface_hub 0.23.0 kept the bookkeeping in .huggingface/: left out the same way, and
        // its etags still let --verify check every file.
        const QString legacy = out.filePath(QStringLiteral("legacy-src"));
        QCOMPARE(TestSupport::runProgram(QStringLiteral("cp"), {QStringLiteral("-a"), m_root + QStringLiteral("/fixture-localdir-v1.28/bert-mini"), legacy}), 0);
        QVERIFY(QDir().rename(legacy + QStringLiteral("/.cache/huggingface"), legacy + QStringLiteral("/.huggingface")));
        QVERIFY(QDir().rmdir(legacy + QStringLiteral("/.cache")));
        const QString legacyOut = out.filePath(QStringLiteral("legacy-out"));
        result = TestSupport::runCli({QStringLiteral("export"), QStringLiteral("--local-dir"), legacy, QStringLiteral("--to"), legacyOut,
                                      QStringLiteral("--verify"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QJsonObject legacyJson = QJsonDocument::fromJson(result.out).object();
        QCOMPARE(legacyJson.value(QLatin1String("unverifiable_files")).toInt(), 0);
        QVERIFY(legacyJson.value(QLatin1String("files")).toInt() > 0);
        QVERIFY(QFileInfo::exists(legacyOut + QStringLiteral("/config.json")));
        QVERIFY(!QFileInfo::exists(legacyOut + QStringLiteral("/.huggingface")));
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_Export.moc"
