// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// `hfcache export --kind datasets ITEM` and DatasetExportSource on datasets caches built by
// tests/support/gen_hf_home.py (the layout of datasets' builder.py and arrow_dataset.py): the
// builder's split Arrow files and dataset_info.json as plain files, read back by Python's tarfile,
// GNU tar and zstd; links, FIFOs and hostile names in the builder folder; cancel and kill.
#include "support/TestSupport.h"

#include "export/DatasetExportSource.h"
#include "export/ExportJob.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QThread>

#include <csignal>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace hfcache;

namespace {

// name -> sha256 of every file of a tar archive, read by Python's tarfile (names as their raw
// bytes, hex), after checking each member is a regular file with a relative name without "..".
QMap<QByteArray, QByteArray> pythonTarListing(const QString &archive, QByteArray *problems)
{
    const QString script = QStringLiteral(
        "import hashlib, sys, tarfile\n"
        "with tarfile.open(sys.argv[1], 'r:*', encoding='utf-8', errors='surrogateescape') as t:\n"
        "    for m in t:\n"
        "        raw = m.name.encode('utf-8', 'surrogateescape')\n"
        "        if not m.isfile() or raw.startswith(b'/') or b'..' in raw.split(b'/'):\n"
        "            print('BAD', raw.hex(), m.type, file=sys.stderr)\n"
        "            continue\n"
        "        print(raw.hex(), hashlib.sha256(t.extractfile(m).read()).hexdigest())\n");
    QByteArray out;
    TestSupport::runProgram(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), script, archive}, &out, problems);
    QMap<QByteArray, QByteArray> listing;
    for (const QByteArray &line : out.split('\n')) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() == 2)
            listing.insert(QByteArray::fromHex(parts[0]), parts[1]);
    }
    return listing;
}

// By the raw bytes of the path (QFile cannot open a name that is not UTF-8).
QByteArray sha256Of(const QByteArray &path)
{
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    char buffer[65536];
    for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;)
        hash.addData(QByteArrayView(buffer, n));
    ::close(fd);
    return hash.result().toHex();
}

// name -> sha256 of the regular files directly in `folder` (raw names, read with readdir).
QMap<QByteArray, QByteArray> folderListing(const QByteArray &folder, bool skipMarker = false)
{
    QMap<QByteArray, QByteArray> listing;
    DIR *dir = ::opendir(folder.constData());
    while (const dirent *entry = dir ? ::readdir(dir) : nullptr) {
        const QByteArray name(entry->d_name);
        struct stat st;
        if ((skipMarker && name == ".hfcache-export") || ::lstat((folder + '/' + name).constData(), &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        listing.insert(name, sha256Of(folder + '/' + name));
    }
    if (dir)
        ::closedir(dir);
    return listing;
}

void writeFile(const QByteArray &path, const QByteArray &data)
{
    QFile file(QFile::decodeName(path));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(data);
}

} // namespace

class tst_DatasetExportSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void roundTrip_data();
    void roundTrip();
    void mapCachesOnRequest();
    void oddNamesByteForByte();
    void plantedSymlinkIsRefused();
    void linkOnTheWayIsRefused();
    void fifoAmongTheFilesIsRefused();
    void verifyReportsFilesWithoutHash();
    void wrongItemSuggestsTheNearest();
    void targetInsideTheCacheIsRefused();
    void cancelAndKillLeaveNoArchive();

private:
    // The builder item of org/squad as `hfcache home --kind datasets` keys it.
    QByteArray squadKey() const;
    QByteArray builder() const { return m_datasets + '/' + squadKey(); }
    // name -> sha256 of what an export of the builder must hold (splits and JSON; map caches too).
    QMap<QByteArray, QByteArray> expected(bool mapCaches) const;
    TestSupport::CliResult exportItem(const QStringList &args) const;

    QTemporaryDir *m_dir = nullptr;
    QByteArray m_out;       // a folder for targets, outside the cache
    QByteArray m_datasets;  // $HF_HOME/datasets
    QJsonObject m_manifest;
};

void tst_DatasetExportSource::init()
{
    m_dir = new QTemporaryDir;
    QVERIFY(m_dir->isValid());
    const QString manifest = m_dir->path() + QStringLiteral("/manifest.json");
    const QString home = m_dir->path() + QStringLiteral("/cache/huggingface");
    QByteArray err;
    QCOMPARE(TestSupport::runProgram(QStringLiteral("/usr/bin/python3"),
                                     {TestSupport::sourceDir() + QStringLiteral("/tests/support/gen_hf_home.py"),
                                      QStringLiteral("generate"), home, QStringLiteral("--kinds"), QStringLiteral("datasets"),
                                      QStringLiteral("--manifest"), manifest},
                                     nullptr, &err),
             0);
    QFile file(manifest);
    QVERIFY(file.open(QIODevice::ReadOnly));
    m_manifest = QJsonDocument::fromJson(file.readAll()).object();
    m_datasets = QFile::encodeName(home) + "/datasets";
    m_out = QFile::encodeName(m_dir->path()) + "/out";
    QVERIFY(QDir().mkpath(QFile::decodeName(m_out)));
    // The CLI finds the cache as datasets does: $XDG_CACHE_HOME/huggingface/datasets.
    qputenv("XDG_CACHE_HOME", QFile::encodeName(m_dir->path() + QStringLiteral("/cache")));
    for (const char *name : {"HF_HOME", "HF_DATASETS_CACHE"})
        qunsetenv(name);
}

void tst_DatasetExportSource::cleanup()
{
    TestSupport::removeTree(m_dir->path());
    delete m_dir;
    m_dir = nullptr;
}

QByteArray tst_DatasetExportSource::squadKey() const
{
    for (const QJsonValue &value : m_manifest.value(QStringLiteral("datasets.builder")).toArray()) {
        const QString info = value.toString();  // datasets/org___squad/plain_text/0.0.0/<fp>/dataset_info.json
        if (info.contains(QLatin1String("org___squad")))
            return QFile::encodeName(QFileInfo(info).path().mid(int(qstrlen("datasets/"))));
    }
    return {};
}

QMap<QByteArray, QByteArray> tst_DatasetExportSource::expected(bool mapCaches) const
{
    QMap<QByteArray, QByteArray> files = folderListing(builder());
    for (auto it = files.begin(); it != files.end();) {
        const QByteArray &name = it.key();
        const bool keep = name.endsWith(".json") || (name.endsWith(".arrow") && (mapCaches || !name.startsWith("cache-")));
        it = keep ? std::next(it) : files.erase(it);
    }
    return files;
}

TestSupport::CliResult tst_DatasetExportSource::exportItem(const QStringList &args) const
{
    return TestSupport::runCli(QStringList{QStringLiteral("export"), QStringLiteral("--kind"), QStringLiteral("datasets")} + args);
}

void tst_DatasetExportSource::roundTrip_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("folder") << QStringLiteral("squad");
    QTest::newRow("tar") << QStringLiteral("squad.tar");
    QTest::newRow("tar.gz (ISA-L)") << QStringLiteral("squad.tar.gz");
    QTest::newRow("tar.zst") << QStringLiteral("squad.tar.zst");
}

void tst_DatasetExportSource::roundTrip()
{
    QFETCH(QString, name);
    QVERIFY(!squadKey().isEmpty());
    const QString target = QFile::decodeName(m_out) + QLatin1Char('/') + name;
    const bool folder = !name.contains(QLatin1String(".tar"));
    const TestSupport::CliResult r = exportItem({QFile::decodeName(squadKey()), folder ? QStringLiteral("--to") : QStringLiteral("--archive"),
                                                 target, QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.out + r.err);
    const QJsonObject json = QJsonDocument::fromJson(r.out).object();
    QVERIFY(json.value(QStringLiteral("ok")).toBool());
    const QMap<QByteArray, QByteArray> want = expected(false);
    QCOMPARE(want.size(), 4);  // two train shards, validation, dataset_info.json
    QCOMPARE(json.value(QStringLiteral("files")).toInt(), want.size());
    QCOMPARE(json.value(QStringLiteral("source")).toString(), QFile::decodeName(builder()));
    // The interrupted map()'s tmp* is left out, and said so.
    QVERIFY2(json.value(QStringLiteral("warnings")).toArray().first().toString().contains(QLatin1String("interrupted map()")),
             r.out.constData());

    QMap<QByteArray, QByteArray> got;
    QByteArray problems;
    if (folder) {
        got = folderListing(QFile::encodeName(target), true);
    } else if (name.endsWith(QLatin1String(".zst"))) {
        // Python 3.11's tarfile has no zstd: GNU tar with zstd unpacks it.
        const QString unpacked = QFile::decodeName(m_out) + QStringLiteral("/unpacked");
        QVERIFY(QDir().mkpath(unpacked));
        QCOMPARE(TestSupport::runProgram(QStringLiteral("tar"), {QStringLiteral("-I"), QStringLiteral("zstd"), QStringLiteral("-xf"),
                                                                 target, QStringLiteral("-C"), unpacked}, nullptr, &problems), 0);
        got = folderListing(QFile::encodeName(unpacked));
        QCOMPARE(QDir(unpacked).entryList(QDir::Dirs | QDir::NoDotAndDotDot), QStringList());
    } else {
        got = pythonTarListing(target, &problems);
        if (name.endsWith(QLatin1String(".gz")))  // the gzip members read as one stream
            QCOMPARE(TestSupport::runProgram(QStringLiteral("gzip"), {QStringLiteral("-t"), target}), 0);
    }
    QVERIFY2(problems.isEmpty(), problems.constData());
    QCOMPARE(got, want);
}

void tst_DatasetExportSource::mapCachesOnRequest()
{
    const QString archive = QFile::decodeName(m_out) + QStringLiteral("/with-maps.tar");
    TestSupport::CliResult r = exportItem({QFile::decodeName(squadKey()), QStringLiteral("--archive"), archive, QStringLiteral("--map-caches")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QByteArray problems;
    const QMap<QByteArray, QByteArray> got = pythonTarListing(archive, &problems);
    QCOMPARE(got, expected(true));
    QCOMPARE(got.size(), 6);  // + cache-<fp>.arrow and cache-<fp>_00000_of_00004.arrow

    // --map-caches means nothing for a hub revision.
    r = TestSupport::runCli({QStringLiteral("export"), QStringLiteral("org/model"), QStringLiteral("--archive"), archive + QStringLiteral("2.tar"),
                             QStringLiteral("--map-caches")});
    QCOMPARE(r.exitCode, 2);
    // Only a datasets builder is exported with --kind.
    r = TestSupport::runCli({QStringLiteral("export"), QStringLiteral("--kind"), QStringLiteral("xet"), QStringLiteral("x"),
                             QStringLiteral("--to"), archive + QStringLiteral("3")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("takes datasets"), r.err.constData());
}

void tst_DatasetExportSource::oddNamesByteForByte()
{
    // datasets names files after the builder and split; a hand-made split may have any bytes.
    const QByteArray latin1 = "squad-caf\xe9.arrow";             // not UTF-8
    const QByteArray newline = "squad-two\nlines.arrow";         // a control character
    const QByteArray spaces = "squad- leading and trailing .arrow";
    for (const QByteArray &name : {latin1, newline, spaces})
        writeFile(builder() + '/' + name, "split " + name);
    const QString archive = QFile::decodeName(m_out) + QStringLiteral("/odd.tar.gz");
    const TestSupport::CliResult r = exportItem({QFile::decodeName(squadKey()), QStringLiteral("--archive"), archive});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QByteArray problems;
    const QMap<QByteArray, QByteArray> got = pythonTarListing(archive, &problems);
    QVERIFY2(problems.isEmpty(), problems.constData());
    for (const QByteArray &name : {latin1, newline, spaces})
        QVERIFY2(got.value(name) == sha256Of(builder() + '/' + name), name.toHex().constData());
    QCOMPARE(got, expected(false));
}

void tst_DatasetExportSource::plantedSymlinkIsRefused()
{
    // A link planted among the splits would export whatever it names (another user's file).
    const QByteArray planted = builder() + "/squad-test.arrow";
    QCOMPARE(::symlink("/etc/passwd", planted.constData()), 0);
    const QString archive = QFile::decodeName(m_out) + QStringLiteral("/planted.tar");
    const TestSupport::CliResult r = exportItem({QFile::decodeName(squadKey()), QStringLiteral("--archive"), archive});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(planted) && r.err.contains("symbolic link") && r.err.contains("/etc/passwd"), r.err.constData());
    // Refused before anything is written: no archive, no temporary.
    QCOMPARE(QDir(QFile::decodeName(m_out)).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());

    // The same through the core, for the GUI's path.
    QString error;
    QVERIFY(!DatasetExportSource::open(m_datasets, squadKey(), {}, &error));
    QVERIFY2(error.contains(QLatin1String("squad-test.arrow")), qPrintable(error));
}

void tst_DatasetExportSource::linkOnTheWayIsRefused()
{
    // The version folder swapped for a link to a copy elsewhere: never followed.
    const QList<QByteArray> parts = squadKey().split('/');
    const QByteArray version = m_datasets + '/' + parts[0] + '/' + parts[1] + '/' + parts[2];
    const QByteArray elsewhere = QFile::encodeName(m_dir->path()) + "/elsewhere";
    QCOMPARE(::rename(version.constData(), elsewhere.constData()), 0);
    QCOMPARE(::symlink(elsewhere.constData(), version.constData()), 0);
    QString error;
    QVERIFY(!DatasetExportSource::open(m_datasets, squadKey(), {}, &error));
    QVERIFY2(error.contains(QLatin1String("symbolic link")) && error.contains(QFile::decodeName(version)), qPrintable(error));
}

void tst_DatasetExportSource::fifoAmongTheFilesIsRefused()
{
    // A FIFO named like a split would block a reader forever: refused by name, never opened.
    const QByteArray fifo = builder() + "/squad-test.arrow";
    QCOMPARE(::mkfifo(fifo.constData(), 0644), 0);
    QString error;
    QVERIFY(!DatasetExportSource::open(m_datasets, squadKey(), {}, &error));
    QVERIFY2(error.contains(QFile::decodeName(fifo)) && error.contains(QLatin1String("not a regular file")), qPrintable(error));
}

void tst_DatasetExportSource::verifyReportsFilesWithoutHash()
{
    // datasets records no hash of its Arrow files: --verify says each has none to check, and the
    // export still checks every file is unchanged after it was read.
    const QString archive = QFile::decodeName(m_out) + QStringLiteral("/verified.tar.zst");
    const TestSupport::CliResult r = exportItem({QFile::decodeName(squadKey()), QStringLiteral("--archive"), archive,
                                                 QStringLiteral("--verify"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject json = QJsonDocument::fromJson(r.out).object();
    QVERIFY(json.value(QStringLiteral("verified")).toBool());
    QCOMPARE(json.value(QStringLiteral("unverifiable_files")).toInt(), 4);
    const TestSupport::CliResult text = exportItem({QFile::decodeName(squadKey()), QStringLiteral("--to"),
                                                    QFile::decodeName(m_out) + QStringLiteral("/verified"), QStringLiteral("--verify")});
    QVERIFY2(text.exitCode == 0, text.err.constData());
    QVERIFY2(text.out.contains("verified (4 file(s) without a hash to check)"), text.out.constData());
    // The folder's marker names the source.
    QFile marker(QFile::decodeName(m_out) + QStringLiteral("/verified/.hfcache-export"));
    QVERIFY(marker.open(QIODevice::ReadOnly));
    QVERIFY(marker.readAll().contains("datasets builder: " + builder()));
}

void tst_DatasetExportSource::wrongItemSuggestsTheNearest()
{
    QByteArray typo = squadKey();
    typo.replace("squad", "sqaud");
    TestSupport::CliResult r = exportItem({QFile::decodeName(typo), QStringLiteral("--to"), QFile::decodeName(m_out) + QStringLiteral("/x")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("did you mean '" + squadKey() + "'"), r.err.constData());
    // Without the fingerprint: the items it begins.
    const QByteArray version = squadKey().left(squadKey().lastIndexOf('/'));
    r = exportItem({QFile::decodeName(version), QStringLiteral("--to"), QFile::decodeName(m_out) + QStringLiteral("/x")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("is not a builder item") && r.err.contains("did you mean '" + squadKey() + "'"), r.err.constData());
    // A download is no builder item.
    r = exportItem({QStringLiteral("downloads/extracted/x/y"), QStringLiteral("--to"), QFile::decodeName(m_out) + QStringLiteral("/x")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(!QFileInfo::exists(QFile::decodeName(m_out) + QStringLiteral("/x")));
}

void tst_DatasetExportSource::targetInsideTheCacheIsRefused()
{
    const TestSupport::CliResult r = exportItem({QFile::decodeName(squadKey()), QStringLiteral("--to"),
                                                 QFile::decodeName(m_datasets) + QStringLiteral("/exported")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("inside"), r.err.constData());
    QVERIFY(!QFileInfo::exists(QFile::decodeName(m_datasets) + QStringLiteral("/exported")));
}

void tst_DatasetExportSource::cancelAndKillLeaveNoArchive()
{
    // A big split (sparse: no disk used) so that the export is still running when signalled.
    const QByteArray big = builder() + "/squad-train-00002-of-00002.arrow";
    const int fd = ::open(big.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    QVERIFY(fd >= 0);
    QCOMPARE(::ftruncate(fd, qint64(8) << 30), 0);
    ::close(fd);
    for (const int signal : {SIGTERM, SIGKILL}) {
        // .tar.gz: zeros compress, so the disk is spared the 8 GiB.
        const QString archive = QFile::decodeName(m_out) + QStringLiteral("/big-%1.tar.gz").arg(signal);
        QProcess cli;
        cli.start(TestSupport::cliPath(), {QStringLiteral("export"), QStringLiteral("--kind"), QStringLiteral("datasets"),
                                           QFile::decodeName(squadKey()), QStringLiteral("--archive"), archive});
        QVERIFY(cli.waitForStarted());
        // Until its temporary exists: the export is writing.
        const auto temporaries = [this] {
            return QDir(QFile::decodeName(m_out)).entryList({QStringLiteral(".*hfcache-export*")},
                                                            QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        };
        QTRY_VERIFY_WITH_TIMEOUT(!temporaries().isEmpty() || cli.state() == QProcess::NotRunning, 30000);
        QVERIFY2(cli.state() == QProcess::Running, cli.readAllStandardError().constData());
        ::kill(pid_t(cli.processId()), signal);
        QVERIFY(cli.waitForFinished(180000));  // a cancel waits for the compressors' queued chunks
        QVERIFY(cli.exitStatus() == QProcess::CrashExit || cli.exitCode() != 0);
        QVERIFY2(!QFileInfo::exists(archive), qPrintable(archive));
        if (signal == SIGTERM)  // cancelled: the export removed its own temporary
            QCOMPARE(temporaries(), QStringList());
        else  // killed: its temporary stays under its own name, never the final one
            TestSupport::removeTree(QFile::decodeName(m_out) + QLatin1Char('/') + temporaries().value(0));
    }
}

QTEST_GUILESS_MAIN(tst_DatasetExportSource)
#include "tst_DatasetExportSource.moc"
