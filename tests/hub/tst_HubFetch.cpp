// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// `hfcache fetch` against a real fakehub on 127.0.0.1: the cache it writes must be the one the
// genuine huggingface_hub client wrote (../shared/fixtures), and interruptions, hangs, corrupt
// blobs and concurrent downloaders (hfcache and python3-filelock) must never damage it.
#include "FakeHub.h"
#include "cache/CacheScan.h"
#include "hub/HubFetch.h"
#include "support/TestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace hfcache;

namespace {

const QString tinyFolder = QStringLiteral("models--fixture-org--tiny-model");
const QByteArray tinyMain = "fe41806b3d4354a9974595d721ead54df06a4ef7";

// Every entry under `dir`, never following links: "d", "f <size>" or "l <target>".
QMap<QString, QString> tree(const QString &dir, bool skipNoExist = true)
{
    QMap<QString, QString> entries;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = QDir(dir).relativeFilePath(path);
        if (skipNoExist && rel.startsWith(QLatin1String(".no_exist")))
            continue;
        struct stat st;
        if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
            continue;
        if (S_ISLNK(st.st_mode)) {
            char target[4096];
            const ssize_t n = ::readlink(QFile::encodeName(path).constData(), target, sizeof target);
            entries.insert(rel, QStringLiteral("l ") + QString::fromLocal8Bit(target, int(qMax<ssize_t>(n, 0))));
        } else if (S_ISDIR(st.st_mode))
            entries.insert(rel, QStringLiteral("d"));
        else
            entries.insert(rel, QStringLiteral("f %1").arg(st.st_size));
    }
    return entries;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QJsonObject fileResult(const QByteArray &json, const QString &path)
{
    return TestSupport::objectWhere(QJsonDocument::fromJson(json).object().value(QLatin1String("files")).toArray(),
                                    QLatin1String("path"), path);
}

QStringList incompleteFiles(const QString &blobs)
{
    return QDir(blobs).entryList({QStringLiteral("*.incomplete")}, QDir::Files | QDir::Hidden);
}

// One LFS file that fakehub serves with a fault, or without it.
QByteArray faultConfig(const char *fault, int bytes)
{
    QJsonObject weights{{QStringLiteral("lfs"), true}, {QStringLiteral("size"), 768 * 1024}, {QStringLiteral("seed"), QStringLiteral("fault-weights")}};
    if (fault)
        weights.insert(QLatin1String(fault), bytes);
    const QJsonObject commit{{QStringLiteral("config.json"), QStringLiteral("{\"model_type\": \"fault\"}\n")},
                             {QStringLiteral("model.safetensors"), weights}};
    const QJsonObject repo{{QStringLiteral("type"), QStringLiteral("model")},
                           {QStringLiteral("id"), QStringLiteral("fixture-org/fault-model")},
                           {QStringLiteral("commits"), QJsonArray{commit}},
                           {QStringLiteral("refs"), QJsonObject{{QStringLiteral("main"), 0}}}};
    return QJsonDocument(QJsonObject{{QStringLiteral("repos"), QJsonArray{repo}}}).toJson();
}

QString faultEtag()
{
    // fakehub's pseudo_random_bytes("fault-weights", 768 KiB): ask Python for its sha256.
    QByteArray out;
    TestSupport::runProgram(QStringLiteral("/usr/bin/python3"),
                            {QStringLiteral("-c"), QStringLiteral("import random,hashlib;print(hashlib.sha256(random.Random('fault-weights').randbytes(786432)).hexdigest())")},
                            &out);
    return QString::fromLatin1(out.trimmed());
}

QString sha256Of(const QString &path)
{
    return QString::fromLatin1(QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256).toHex());
}

} // namespace

class tst_HubFetch : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_fixtureDir;
    QString m_fixture;  // fixture-cache-v1.28: what huggingface_hub 1.28 wrote
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_cache;
    FakeHub m_hub;

    TestSupport::CliResult fetch(const QStringList &args)
    {
        return TestSupport::runCli(QStringList{QStringLiteral("fetch"), QStringLiteral("--json"), QStringLiteral("--cache-dir"), m_cache} + args);
    }
    QString blobs(const QString &folder = tinyFolder) const { return m_cache + QLatin1Char('/') + folder + QStringLiteral("/blobs"); }
    void restartHub(const QByteArray &config)
    {
        QVERIFY(m_hub.start(config));
        qputenv("HF_ENDPOINT", m_hub.endpoint().toUtf8());
    }
    // "code relative-path" of every finding the scanner reports for `root`.
    static QStringList findings(const QString &root)
    {
        ScanError error;
        const auto snapshot = CacheScan::run(QFile::encodeName(root), {}, {}, nullptr, &error);
        if (!snapshot)
            return {QStringLiteral("unscannable ") + error.message()};
        QStringList all;
        auto add = [&](const Finding &f) {
            all << findingCodeName(f.code) + QLatin1Char(' ') + QDir(root).relativeFilePath(QFile::decodeName(f.path));
        };
        for (const Finding &f : snapshot->findings)
            add(f);
        for (const CachedRepoPtr &repo : snapshot->repos) {
            for (const Finding &f : repo->findings)
                add(f);
        }
        return all;
    }
    void verifyScanIsClean()
    {
        const QStringList all = findings(m_cache);
        QVERIFY2(all.isEmpty(), qPrintable(all.join(QLatin1Char('\n'))));
    }
    QProcess *startCli(const QStringList &args)
    {
        auto *process = new QProcess(this);
        process->start(QString::fromLocal8Bit(qgetenv("HFCACHE_CLI")),
                       QStringList{QStringLiteral("fetch"), QStringLiteral("--json"), QStringLiteral("--cache-dir"), m_cache} + args);
        return process;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!qgetenv("HFCACHE_CLI").isEmpty());
        QVERIFY(!TestSupport::extractFixtures(m_fixtureDir).isEmpty());
        m_fixture = m_fixtureDir.filePath(QStringLiteral("fixture-cache-v1.28"));
        for (const char *name : {"HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_TOKEN", "HF_TOKEN_PATH", "http_proxy",
                                 "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "HF_HUB_DOWNLOAD_TIMEOUT"})
            qunsetenv(name);
    }

    void init()
    {
        restartHub({});
        m_tmp = std::make_unique<QTemporaryDir>();
        m_cache = m_tmp->filePath(QStringLiteral("hub"));
        qputenv("HF_HOME", m_tmp->filePath(QStringLiteral("home")).toUtf8());
        qputenv("XDG_CACHE_HOME", m_tmp->filePath(QStringLiteral("xdg")).toUtf8());
    }

    void layoutMatchesRealClient()
    {
        // What make_fixture.py did with huggingface_hub, repo by repo (snapshots instead of single files).
        const QString gpt2Old = [this] {
            const QString main = QString::fromLatin1(readAll(m_fixture + QStringLiteral("/models--gpt2/refs/main")));
            for (const QString &c : QDir(m_fixture + QStringLiteral("/models--gpt2/snapshots")).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
                if (c != main)
                    return c;
            return QString();
        }();
        QVERIFY(!gpt2Old.isEmpty());
        for (const QString &target : {QStringLiteral("fixture-org/tiny-model"), QStringLiteral("fixture-org/tiny-model@dev"),
                                      QStringLiteral("fixture-org/tiny-model@v1.0"), QStringLiteral("fixture-org/tiny-model@refs/pr/1"),
                                      QStringLiteral("gpt2"), QStringLiteral("gpt2@") + gpt2Old,
                                      QStringLiteral("dataset/fixture-org/tiny-dataset"), QStringLiteral("old-org/renamed-model")}) {
            const auto result = fetch({target});
            QVERIFY2(result.exitCode == 0, qPrintable(target + QLatin1Char('\n') + QString::fromLocal8Bit(result.err)));
        }
        for (const QString &folder : {tinyFolder, QStringLiteral("models--gpt2"), QStringLiteral("datasets--fixture-org--tiny-dataset")}) {
            QCOMPARE(tree(m_cache + QLatin1Char('/') + folder), tree(m_fixture + QLatin1Char('/') + folder));
            QCOMPARE(tree(m_cache + QStringLiteral("/.locks/") + folder), tree(m_fixture + QStringLiteral("/.locks/") + folder));
            for (const QString &json : QDir(m_fixture + QLatin1Char('/') + folder + QStringLiteral("/trees")).entryList(QDir::Files)) {
                const QString ours = m_cache + QLatin1Char('/') + folder + QStringLiteral("/trees/") + json;
                const QString theirs = m_fixture + QLatin1Char('/') + folder + QStringLiteral("/trees/") + json;
                QCOMPARE(readAll(ours), readAll(theirs));
                QCOMPARE(QFileInfo(ours).permissions(), QFileInfo(theirs).permissions());  // 0600 (mkstemp)
            }
        }
        // The renamed repo: huggingface_hub fetched one file of it; ours holds the whole snapshot.
        const auto renamedOurs = tree(m_cache + QStringLiteral("/models--old-org--renamed-model"));
        const auto renamedTheirs = tree(m_fixture + QStringLiteral("/models--old-org--renamed-model"));
        for (auto it = renamedTheirs.begin(); it != renamedTheirs.end(); ++it)
            QCOMPARE(renamedOurs.value(it.key()), it.value());
        // Refs: 40 hex, no newline.
        for (const QString &ref : {QStringLiteral("main"), QStringLiteral("dev"), QStringLiteral("v1.0"), QStringLiteral("refs/pr/1")}) {
            const QByteArray ours = readAll(m_cache + QLatin1Char('/') + tinyFolder + QStringLiteral("/refs/") + ref);
            QCOMPARE(ours.size(), 40);
            QCOMPARE(ours, readAll(m_fixture + QLatin1Char('/') + tinyFolder + QStringLiteral("/refs/") + ref));
        }
        QCOMPARE(readAll(m_cache + QStringLiteral("/CACHEDIR.TAG")), readAll(m_fixture + QStringLiteral("/CACHEDIR.TAG")));
        // No finding but the one the real client's cache has too: gpt2's revision fetched by
        // commit has no ref (snapshot-without-ref, informational).
        const QStringList fixtureFindings = findings(m_fixture);
        const QStringList ours = findings(m_cache);
        QCOMPARE(ours, QStringList{QStringLiteral("snapshot-without-ref models--gpt2/snapshots/") + gpt2Old});
        QVERIFY(fixtureFindings.contains(ours.first()));

        // A second fetch has nothing to do and asks the Hub for nothing but the revision.
        const int before = int(m_hub.requests().size());
        const auto again = fetch({QStringLiteral("fixture-org/tiny-model")});
        QCOMPARE(again.exitCode, 0);
        QCOMPARE(int(m_hub.requests().size()), before + 1);
    }

    void lockFilesAreGroupWritable()
    {
        QCOMPARE(fetch({QStringLiteral("fixture-org/bert-mini")}).exitCode, 0);
        const QDir locks(m_cache + QStringLiteral("/.locks/models--fixture-org--bert-mini"));
        QVERIFY(!locks.entryList(QDir::Files).isEmpty());
        for (const QString &name : locks.entryList(QDir::Files)) {
            struct stat st;
            QCOMPARE(::stat(QFile::encodeName(locks.filePath(name)).constData(), &st), 0);
            QCOMPARE(st.st_mode & 07777, mode_t(0664));
        }
    }

    void missingFilesAreFetched()
    {
        QCOMPARE(fetch({QStringLiteral("fixture-org/tiny-model")}).exitCode, 0);
        const QString snapshot = m_cache + QLatin1Char('/') + tinyFolder + QStringLiteral("/snapshots/") + QString::fromLatin1(tinyMain);
        const QString configBlob = blobs() + QLatin1Char('/') + QFileInfo(snapshot + QStringLiteral("/config.json")).symLinkTarget().section(QLatin1Char('/'), -1);
        const QString onnxLink = snapshot + QStringLiteral("/onnx/model.onnx");
        const QString onnxBlob = QFileInfo(onnxLink).symLinkTarget();
        QVERIFY(QFile::remove(snapshot + QStringLiteral("/config.json")));
        QVERIFY(QFile::remove(configBlob));
        QVERIFY(QFile::remove(onnxBlob));  // the link stays, dangling
        const int cdnBefore = m_hub.count("GET /lfs-cdn/");
        const int resolveBefore = m_hub.count("/resolve/");

        const auto result = fetch({QStringLiteral("fixture-org/tiny-model"), QStringLiteral("--missing-only")});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QCOMPARE(fileResult(result.out, QStringLiteral("config.json")).value(QLatin1String("state")).toString(), QStringLiteral("missing"));
        QCOMPARE(fileResult(result.out, QStringLiteral("config.json")).value(QLatin1String("action")).toString(), QStringLiteral("downloaded"));
        QCOMPARE(fileResult(result.out, QStringLiteral("onnx/model.onnx")).value(QLatin1String("state")).toString(), QStringLiteral("blob-missing"));
        QCOMPARE(fileResult(result.out, QStringLiteral("README.md")).value(QLatin1String("action")).toString(), QStringLiteral("none"));
        QCOMPARE(m_hub.count("GET /lfs-cdn/") - cdnBefore, 1);
        QCOMPARE(m_hub.count("/resolve/") - resolveBefore, 2);
        QCOMPARE(QFile::symLinkTarget(snapshot + QStringLiteral("/config.json")), configBlob);
        QCOMPARE(QFileInfo(onnxLink).symLinkTarget(), onnxBlob);
        QVERIFY(QFileInfo::exists(onnxBlob));
        verifyScanIsClean();
    }

    void corruptBlobsAreRepaired()
    {
        QCOMPARE(fetch({QStringLiteral("fixture-org/tiny-model")}).exitCode, 0);
        const QString snapshot = m_cache + QLatin1Char('/') + tinyFolder + QStringLiteral("/snapshots/") + QString::fromLatin1(tinyMain);
        const QString weights = QFileInfo(snapshot + QStringLiteral("/model.safetensors")).symLinkTarget();
        const QString config = QFileInfo(snapshot + QStringLiteral("/config.json")).symLinkTarget();
        const QString weightsHash = sha256Of(weights);
        const QByteArray configText = readAll(config);
        {   // same size, other bytes: only a hash finds it
            QFile f(weights);
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(1000);
            f.write("garbage!");
        }
        {   // shorter: the size gives it away
            QFile f(config);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.resize(10));
        }
        const auto missingOnly = fetch({QStringLiteral("fixture-org/tiny-model"), QStringLiteral("--missing-only")});
        QCOMPARE(missingOnly.exitCode, 0);
        QCOMPARE(fileResult(missingOnly.out, QStringLiteral("config.json")).value(QLatin1String("action")).toString(), QStringLiteral("skipped"));
        QCOMPARE(fileResult(missingOnly.out, QStringLiteral("model.safetensors")).value(QLatin1String("state")).toString(), QStringLiteral("ok"));
        QCOMPARE(readAll(config).size(), 10);

        const int cdnBefore = m_hub.count("GET /lfs-cdn/");
        const auto repair = fetch({QStringLiteral("fixture-org/tiny-model")});
        QVERIFY2(repair.exitCode == 0, repair.err.constData());
        QCOMPARE(fileResult(repair.out, QStringLiteral("model.safetensors")).value(QLatin1String("state")).toString(), QStringLiteral("hash-mismatch"));
        QCOMPARE(fileResult(repair.out, QStringLiteral("model.safetensors")).value(QLatin1String("action")).toString(), QStringLiteral("downloaded"));
        QCOMPARE(fileResult(repair.out, QStringLiteral("config.json")).value(QLatin1String("state")).toString(), QStringLiteral("size-mismatch"));
        QCOMPARE(m_hub.count("GET /lfs-cdn/") - cdnBefore, 1);
        QCOMPARE(sha256Of(weights), weightsHash);
        QCOMPARE(readAll(config), configText);
        QVERIFY(incompleteFiles(blobs()).isEmpty());
        verifyScanIsClean();
    }

    void truncatedTransferResumesNextTime()
    {
        restartHub(faultConfig("truncate", 300 * 1024));
        const QString folder = QStringLiteral("models--fixture-org--fault-model");
        const QString etag = faultEtag();
        const auto cut = fetch({QStringLiteral("fixture-org/fault-model")});
        QCOMPARE(cut.exitCode, 1);
        QVERIFY2(cut.err.contains("interrupted after") && cut.err.contains("run fetch again to resume"), cut.err.constData());
        const QStringList partial = incompleteFiles(blobs(folder));
        QCOMPARE(partial.size(), 1);
        QVERIFY(partial.first().startsWith(etag + QLatin1Char('.')));
        QVERIFY(!QFileInfo::exists(blobs(folder) + QLatin1Char('/') + etag));
        QVERIFY(!QFileInfo::exists(m_cache + QLatin1Char('/') + folder + QStringLiteral("/refs/main")));  // no ref to a half snapshot
        QCOMPARE(fileResult(cut.out, QStringLiteral("config.json")).value(QLatin1String("action")).toString(), QStringLiteral("downloaded"));

        restartHub(faultConfig(nullptr, 0));  // the same bytes, served whole
        const auto resumed = fetch({QStringLiteral("fixture-org/fault-model")});
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        QCOMPARE(m_hub.count("GET /lfs-cdn/"), 1);
        QVERIFY2(m_hub.count("\" 206 ") == 1, "the second fetch continued the partial file with Range");
        QCOMPARE(sha256Of(blobs(folder) + QLatin1Char('/') + etag), etag);
        QVERIFY(incompleteFiles(blobs(folder)).isEmpty());
        QVERIFY(QFileInfo::exists(m_cache + QLatin1Char('/') + folder + QStringLiteral("/refs/main")));
        verifyScanIsClean();
    }

    void hangingServerTimesOut()
    {
        restartHub(faultConfig("stall", 200 * 1024));
        qputenv("HF_HUB_DOWNLOAD_TIMEOUT", "1");
        QElapsedTimer clock;
        clock.start();
        const auto result = fetch({QStringLiteral("fixture-org/fault-model")});
        qunsetenv("HF_HUB_DOWNLOAD_TIMEOUT");
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("timeout"), result.err.constData());
        QVERIFY2(clock.elapsed() < 30000, "a hanging server must not hang hfcache");
        QCOMPARE(incompleteFiles(blobs(QStringLiteral("models--fixture-org--fault-model"))).size(), 1);
    }

    void twoProcessesDownloadOnce()
    {
        QProcess *a = startCli({QStringLiteral("fixture-org/tiny-model")});
        QProcess *b = startCli({QStringLiteral("fixture-org/tiny-model")});
        QVERIFY(a->waitForFinished(60000) && b->waitForFinished(60000));
        QVERIFY2(a->exitCode() == 0, a->readAllStandardError().constData());
        QVERIFY2(b->exitCode() == 0, b->readAllStandardError().constData());
        // Seven files, two of them LFS: each transferred exactly once across both processes.
        QCOMPARE(m_hub.count("GET /fixture-org/tiny-model/resolve/"), 7);
        QCOMPARE(m_hub.count("GET /lfs-cdn/"), 2);
        QVERIFY(incompleteFiles(blobs()).isEmpty());
        verifyScanIsClean();
    }

    void pythonFilelockHolderIsWaitedFor()
    {
        // The etag of model.safetensors at main, from the tree the real client cached.
        const QJsonObject files = QJsonDocument::fromJson(readAll(m_fixture + QLatin1Char('/') + tinyFolder + QStringLiteral("/trees/")
                                                                  + QString::fromLatin1(tinyMain) + QStringLiteral(".json")))
                                      .object().value(QLatin1String("files")).toObject();
        const QString etag = files.value(QLatin1String("model.safetensors")).toObject().value(QLatin1String("lfs_sha256")).toString();
        QCOMPARE(etag.size(), 64);
        const QString lockPath = m_cache + QStringLiteral("/.locks/") + tinyFolder + QLatin1Char('/') + etag + QStringLiteral(".lock");
        const QString blobPath = blobs() + QLatin1Char('/') + etag;
        const QString url = m_hub.endpoint() + QStringLiteral("/fixture-org/tiny-model/resolve/") + QString::fromLatin1(tinyMain)
                          + QStringLiteral("/model.safetensors");
        // huggingface_hub's part, done by hand with the same filelock: lock, download, rename, release.
        const QString script = QStringLiteral(
            "import sys, time, os, hashlib, urllib.request, filelock\n"
            "lock, url, blob, sha = sys.argv[1:5]\n"
            "os.makedirs(os.path.dirname(lock), exist_ok=True)\n"
            "with filelock.FileLock(lock):\n"
            "    print('locked', flush=True)\n"
            "    time.sleep(2)\n"
            "    data = urllib.request.urlopen(url).read()\n"
            "    assert hashlib.sha256(data).hexdigest() == sha\n"
            "    os.makedirs(os.path.dirname(blob), exist_ok=True)\n"
            "    with open(blob + '.python.incomplete', 'wb') as f:\n"
            "        f.write(data)\n"
            "    os.replace(blob + '.python.incomplete', blob)\n"
            "print('released', flush=True)\n");
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), script, lockPath, url, blobPath, etag});
        QVERIFY(python.waitForReadyRead(20000));
        QCOMPARE(python.readLine().trimmed(), QByteArray("locked"));

        QProcess *hfcache = startCli({QStringLiteral("fixture-org/tiny-model")});
        QVERIFY(hfcache->waitForFinished(60000));
        QVERIFY(python.waitForFinished(60000));
        const QByteArray err = hfcache->readAllStandardError();
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        QVERIFY2(hfcache->exitCode() == 0, err.constData());
        QVERIFY2(err.contains("waiting for"), err.constData());
        QCOMPARE(fileResult(hfcache->readAllStandardOutput(), QStringLiteral("model.safetensors")).value(QLatin1String("action")).toString(),
                 QStringLiteral("linked"));
        QCOMPARE(m_hub.count(("GET /lfs-cdn/" + etag).toLatin1()), 1);  // Python's download only
        QCOMPARE(sha256Of(blobPath), etag);
        verifyScanIsClean();
    }

    void refusalsAreClearErrors()
    {
        // 401 + X-Error-Code RepoNotFound: not found (or private), as huggingface_hub reads it -- not "gated".
        const auto gated = fetch({QStringLiteral("private-org/secret")});
        QCOMPARE(gated.exitCode, 1);
        QVERIFY2(gated.err.contains("not on the Hub (or private") && gated.err.contains("HF_TOKEN")
                     && !gated.err.contains("gated"), gated.err.constData());
        const auto noRevision = fetch({QStringLiteral("fixture-org/tiny-model@no-such-branch")});
        QCOMPARE(noRevision.exitCode, 1);
        QVERIFY2(noRevision.err.contains("not on the Hub") && noRevision.err.contains("RevisionNotFound"), noRevision.err.constData());
        QVERIFY(!QFileInfo::exists(m_cache + QLatin1Char('/') + tinyFolder));
        qputenv("HF_HUB_OFFLINE", "1");
        const auto offline = fetch({QStringLiteral("fixture-org/tiny-model")});
        qunsetenv("HF_HUB_OFFLINE");
        QCOMPARE(offline.exitCode, 1);
        QVERIFY2(offline.err.contains("HF_HUB_OFFLINE"), offline.err.constData());
        QCOMPARE(fetch({QStringLiteral("a/b/c/d")}).exitCode, 2);
    }

    void killedDownloadResumes()
    {
        restartHub(faultConfig("stall", 200 * 1024));
        const QString folder = QStringLiteral("models--fixture-org--fault-model");
        QProcess *hfcache = startCli({QStringLiteral("fixture-org/fault-model")});
        // Wait until the first 200 KiB are on disk, then kill it like a user or the OOM killer would.
        QTRY_VERIFY_WITH_TIMEOUT(!incompleteFiles(blobs(folder)).isEmpty()
                                     && QFileInfo(blobs(folder) + QLatin1Char('/') + incompleteFiles(blobs(folder)).first()).size() == 200 * 1024,
                                 20000);
        hfcache->kill();
        QVERIFY(hfcache->waitForFinished());

        restartHub(faultConfig(nullptr, 0));
        const auto resumed = fetch({QStringLiteral("fixture-org/fault-model")});
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        QCOMPARE(m_hub.count("\" 206 "), 1);  // the flock died with the process; the bytes did not
        QCOMPARE(sha256Of(blobs(folder) + QLatin1Char('/') + faultEtag()), faultEtag());
        QVERIFY(incompleteFiles(blobs(folder)).isEmpty());
        verifyScanIsClean();
    }

    void cancelStopsAHangingDownload()
    {
        // As the GUI drives it: signals, no blocking call, Cancel while bytes are stuck.
        restartHub(faultConfig("stall", 200 * 1024));
        HubClient client(HubSettings::fromEnvironment());
        HubFetch fetch(&client, QFile::encodeName(m_cache), RepoType::Model, QStringLiteral("fixture-org/fault-model"), {}, {});
        QSignalSpy finished(&fetch, &HubFetch::finished);
        QSignalSpy progress(&fetch, &HubFetch::progress);
        fetch.start();
        QVERIFY(!fetch.isFinished());  // start() returns at once
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && progress.last().at(0).toLongLong() >= 200 * 1024, 20000);
        QElapsedTimer clock;
        clock.start();
        fetch.cancel();
        QVERIFY(!finished.isEmpty() || finished.wait(5000));  // may already have come from inside cancel()
        QVERIFY(clock.elapsed() < 5000);
        QVERIFY(!fetch.ok());
        bool sawCancelled = false;
        for (const HubFetch::FileResult &file : fetch.files())
            sawCancelled = sawCancelled || (file.action == HubFetch::Action::Failed && file.error.contains(QLatin1String("cancelled")));
        QVERIFY(sawCancelled);
        QVERIFY(!QFileInfo::exists(m_cache + QStringLiteral("/models--fixture-org--fault-model/refs/main")));
    }

    void fullDiskIsAClearError()
    {
        if (::geteuid() != 0)
            QSKIP("needs root to mount a small tmpfs");
        const QString small = m_tmp->filePath(QStringLiteral("small"));
        QVERIFY(QDir().mkpath(small));
        QVERIFY2(::mount("tmpfs", QFile::encodeName(small).constData(), "tmpfs", 0, "size=512k") == 0, strerror(errno));
        struct Unmount { QByteArray path; ~Unmount() { ::umount2(path.constData(), MNT_DETACH); } } unmount{QFile::encodeName(small)};
        m_cache = small + QStringLiteral("/hub");

        restartHub(faultConfig(nullptr, 0));  // 768 KiB of weights for 512 KiB of disk
        const auto result = fetch({QStringLiteral("fixture-org/fault-model")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("No space left on device") && result.err.contains("/blobs/"), result.err.constData());
        const QString folder = QStringLiteral("models--fixture-org--fault-model");
        QVERIFY(!QFileInfo::exists(blobs(folder) + QLatin1Char('/') + faultEtag()));
        QVERIFY(!QFileInfo::exists(m_cache + QLatin1Char('/') + folder + QStringLiteral("/refs/main")));
        // Whatever made it (the small config.json races the weights for the space) is complete and correct.
        for (const QString &name : QDir(blobs(folder)).entryList(QDir::Files)) {
            if (name.endsWith(QLatin1String(".incomplete")))
                continue;
            const QByteArray content = readAll(blobs(folder) + QLatin1Char('/') + name);
            const QByteArray git = "blob " + QByteArray::number(content.size()) + '\0' + content;
            QCOMPARE(QString::fromLatin1(name.size() == 64 ? QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex()
                                                            : QCryptographicHash::hash(git, QCryptographicHash::Sha1).toHex()),
                     name);
        }
    }

    // A regular file as the cache: a usage error (exit 2) before a single request reaches the Hub.
    void fileAsCacheIsAUsageError()
    {
        const QString file = m_tmp->filePath(QStringLiteral("not-a-folder"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const auto result = TestSupport::runCli({QStringLiteral("fetch"), QStringLiteral("gpt2"), QStringLiteral("--cache-dir"), file});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("Not a directory"), result.err.constData());
        const auto below = TestSupport::runCli({QStringLiteral("fetch"), QStringLiteral("gpt2"), QStringLiteral("--cache-dir"),
                                                file + QStringLiteral("/hub")});
        QCOMPARE(below.exitCode, 2);
        QCOMPARE(m_hub.requests().size(), 0);
    }

    void unwritableCacheIsAClearError()
    {
        const auto user = TestSupport::ensureUser(QStringLiteral("hfcache-hubtest"));
        if (!user)
            QSKIP("needs root to create a test user");
        QVERIFY(QFile::setPermissions(m_tmp->path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                         | QFileDevice::ReadOther | QFileDevice::ExeOther));
        const QString readOnly = m_tmp->filePath(QStringLiteral("root-owned"));
        QVERIFY(QDir().mkpath(readOnly));
        QByteArray out, err;
        const int code = TestSupport::runAsUser(*user, QStringLiteral("/usr/bin/env"),
                                                {QStringLiteral("HOME=/tmp"), QStringLiteral("HF_ENDPOINT=") + m_hub.endpoint(),
                                                 QString::fromLocal8Bit(qgetenv("HFCACHE_CLI")), QStringLiteral("fetch"),
                                                 QStringLiteral("gpt2"), QStringLiteral("--cache-dir"), readOnly + QStringLiteral("/hub")},
                                                &out, &err);
        QCOMPARE(code, 1);
        QVERIFY2(err.contains("cannot create folder " + QFile::encodeName(readOnly) + "/hub: Permission denied"), err.constData());
    }

    void unsafePathFromHubIsRefused()
    {
        const QJsonObject commit{{QStringLiteral("config.json"), QStringLiteral("{}\n")},
                                 {QStringLiteral("../../escaped.txt"), QStringLiteral("owned\n")}};
        const QJsonObject repo{{QStringLiteral("type"), QStringLiteral("model")}, {QStringLiteral("id"), QStringLiteral("evil/model")},
                               {QStringLiteral("commits"), QJsonArray{commit}}, {QStringLiteral("refs"), QJsonObject{{QStringLiteral("main"), 0}}}};
        restartHub(QJsonDocument(QJsonObject{{QStringLiteral("repos"), QJsonArray{repo}}}).toJson());
        const auto result = fetch({QStringLiteral("evil/model")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("unsafe file path '../../escaped.txt'"), result.err.constData());
        QVERIFY(QDir(m_tmp->path()).entryList({QStringLiteral("escaped.txt")}, QDir::AllEntries | QDir::Hidden).isEmpty());
        QVERIFY(QDir(m_cache).entryList({QStringLiteral("escaped.txt")}, QDir::AllEntries | QDir::Hidden).isEmpty());
        QCOMPARE(m_hub.count("/resolve/"), 0);
    }

    // Names outside ASCII: trees/<commit>.json is what huggingface_hub 1.28's write_tree_cache
    // writes (json.dump(data, f, indent=1), ensure_ascii's \u escapes, surrogate pairs, paths in
    // Python's code-point order) in a 0600 file whatever the umask.
    void treesFileOfNonAsciiNamesIsTheClients()
    {
        const QJsonObject commit{{QStringLiteral("config.json"), QStringLiteral("{}\n")},
                                 {QStringLiteral("caf\u00e9/\u00e9t\u00e9.txt"), QStringLiteral("summer\n")},
                                 {QStringLiteral("\u65e5\u672c.json"), QStringLiteral("{}\n")},
                                 {QStringLiteral("emoji-\U0001F600.txt"), QStringLiteral("smile\n")},
                                 {QStringLiteral("\uff21-wide.txt"), QStringLiteral("wide\n")},
                                 {QStringLiteral("quote\"d.txt"), QStringLiteral("odd\n")}};
        const QJsonObject repo{{QStringLiteral("type"), QStringLiteral("model")}, {QStringLiteral("id"), QStringLiteral("intl/model")},
                               {QStringLiteral("commits"), QJsonArray{commit}}, {QStringLiteral("refs"), QJsonObject{{QStringLiteral("main"), 0}}}};
        restartHub(QJsonDocument(QJsonObject{{QStringLiteral("repos"), QJsonArray{repo}}}).toJson());
        const auto result = fetch({QStringLiteral("intl/model")});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QStringList trees = QDir(m_cache + QStringLiteral("/models--intl--model/trees")).entryList(QDir::Files);
        QCOMPARE(trees.size(), 1);
        const QString path = m_cache + QStringLiteral("/models--intl--model/trees/") + trees.first();
        const QByteArray written = readAll(path);
        QVERIFY2(written.contains("\\u00e9") && written.contains("\\ud83d\\ude00") && !written.contains("\xc3\xa9"),
                 written.constData());
        struct stat st;
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0600));
        // The client's own writer on the same listing gives the same bytes.
        const char *const rewrite = R"(
import io, json, sys
raw = open(sys.argv[1], "rb").read()
files = json.loads(raw)["files"]
data = {"format_version": 1, "files": {p: files[p] for p in sorted(files)}}
f = io.StringIO()
json.dump(data, f, indent=1)
sys.stdout.write(f.getvalue())
)";
        QByteArray out, err;
        QCOMPARE(TestSupport::runProgram(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QString::fromLatin1(rewrite), path},
                                         &out, &err), 0);
        QCOMPARE(written, out);
    }

    void symlinkedFolderIsNeverFollowed()
    {
        // snapshots/ of a repo replaced by a link to somewhere else: nothing may be written there.
        const QString elsewhere = m_tmp->filePath(QStringLiteral("elsewhere"));
        QVERIFY(QDir().mkpath(elsewhere));
        const QString repo = m_cache + QStringLiteral("/models--fixture-org--bert-mini");
        QVERIFY(QDir().mkpath(repo));
        QVERIFY(QFile::link(elsewhere, repo + QStringLiteral("/snapshots")));
        const auto result = fetch({QStringLiteral("fixture-org/bert-mini")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains("refusing") && result.err.contains("/snapshots"), result.err.constData());
        QVERIFY(QDir(elsewhere).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());
        QVERIFY(!QFileInfo::exists(repo + QStringLiteral("/refs/main")));
    }

    void symlinkedLockFolderIsNeverFollowed()
    {
        // Root fetching into a cache whose .locks/ another user owns: she swaps .locks/<repo>
        // for a link to root's folder, where root must neither create lock files nor chmod one.
        const auto attacker = TestSupport::ensureUser(QStringLiteral("hfc_rootpaths_attacker"));
        if (!attacker)
            QSKIP("needs root to create the attacker user");
        QVERIFY(::chmod(QFile::encodeName(m_tmp->path()).constData(), 0755) == 0);
        const QString victim = m_tmp->filePath(QStringLiteral("root-only"));
        QVERIFY(QDir().mkpath(victim));
        QVERIFY(::chmod(QFile::encodeName(victim).constData(), 0700) == 0);
        const QString locks = m_cache + QStringLiteral("/.locks");
        QVERIFY(QDir().mkpath(locks));
        QVERIFY(::chown(QFile::encodeName(locks).constData(), attacker->uid, attacker->gid) == 0);
        QCOMPARE(TestSupport::runAsUser(*attacker, QStringLiteral("ln"),
                                        {QStringLiteral("-s"), victim, locks + QStringLiteral("/models--fixture-org--bert-mini")}),
                 0);
        const auto result = fetch({QStringLiteral("fixture-org/bert-mini")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.out.contains("refusing lock folder"), result.out.constData());
        QVERIFY(QDir(victim).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());
        QVERIFY(!QFileInfo::exists(m_cache + QStringLiteral("/models--fixture-org--bert-mini/refs/main")));
    }

    void cleanupTestCase()
    {
        m_hub.stop();
    }
};

QTEST_GUILESS_MAIN(tst_HubFetch)
#include "tst_HubFetch.moc"
