// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// The pieces of core/hub that need no server: settings from the environment, URL encoding,
// path safety, hashes, link targets, the trees file format and the update store.
#include "hub/CacheWriter.h"
#include "cache/BlobHasher.h"
#include "hub/HubClient.h"
#include "hub/RemoteTree.h"
#include "hub/UpdateStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace hfcache;

class tst_HubSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void environment()
    {
        QTemporaryDir dir;
        QFile token(dir.filePath(QStringLiteral("token")));
        QVERIFY(token.open(QIODevice::WriteOnly));
        token.write("hf_fromfile\n");
        token.close();

        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), dir.path());
        env.insert(QStringLiteral("HF_HOME"), dir.path());
        HubSettings s = HubSettings::fromEnvironment(env);
        QCOMPARE(s.endpoint, QStringLiteral("https://huggingface.co"));
        QCOMPARE(s.token, QByteArray("hf_fromfile"));  // $HF_HOME/token, trimmed
        QVERIFY(!s.offline);
        QVERIFY(s.userAgent.startsWith("hfcache/" HFCACHE_VERSION));
        QCOMPARE(s.stateDir, dir.path() + QStringLiteral("/.cache/hfcache"));
        QCOMPARE(s.downloadTimeoutMs, 10000);

        env.insert(QStringLiteral("HF_ENDPOINT"), QStringLiteral("http://127.0.0.1:8080//"));
        env.insert(QStringLiteral("HF_TOKEN"), QStringLiteral("hf_fromenv"));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), dir.filePath(QStringLiteral("xdg")));
        env.insert(QStringLiteral("HF_HUB_DOWNLOAD_TIMEOUT"), QStringLiteral("2.5"));
        env.insert(QStringLiteral("HF_HUB_ETAG_TIMEOUT"), QStringLiteral("nonsense"));
        s = HubSettings::fromEnvironment(env);
        QCOMPARE(s.endpoint, QStringLiteral("http://127.0.0.1:8080"));
        QCOMPARE(s.token, QByteArray("hf_fromenv"));
        QCOMPARE(s.stateDir, dir.filePath(QStringLiteral("xdg/hfcache")));
        QCOMPARE(s.downloadTimeoutMs, 2500);
        QCOMPARE(s.apiTimeoutMs, 10000);

        env.remove(QStringLiteral("HF_TOKEN"));
        env.insert(QStringLiteral("HF_TOKEN_PATH"), dir.filePath(QStringLiteral("missing-token")));
        QVERIFY(HubSettings::fromEnvironment(env).token.isEmpty());
    }

    void offlineSpellings_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("offline");
        QTest::newRow("1") << "HF_HUB_OFFLINE" << "1" << true;
        QTest::newRow("on") << "HF_HUB_OFFLINE" << "on" << true;
        QTest::newRow("YES") << "HF_HUB_OFFLINE" << "YES" << true;
        QTest::newRow("True") << "HF_HUB_OFFLINE" << "True" << true;
        QTest::newRow("transformers") << "TRANSFORMERS_OFFLINE" << "1" << true;
        QTest::newRow("0") << "HF_HUB_OFFLINE" << "0" << false;
        QTest::newRow("empty") << "HF_HUB_OFFLINE" << "" << false;
        QTest::newRow("no") << "HF_HUB_OFFLINE" << "no" << false;
    }
    void offlineSpellings()
    {
        QFETCH(QString, variable);
        QFETCH(QString, value);
        QFETCH(bool, offline);
        QProcessEnvironment env;
        env.insert(QStringLiteral("HOME"), QStringLiteral("/nonexistent"));
        env.insert(variable, value);
        QCOMPARE(HubSettings::fromEnvironment(env).offline, offline);
    }

    void urls()
    {
        HubSettings settings;
        settings.endpoint = QStringLiteral("http://127.0.0.1:8080");
        settings.offline = true;
        const HubClient client(settings);
        QCOMPARE(HubClient::quote("refs/pr/1"), QByteArray("refs%2Fpr%2F1"));
        QCOMPARE(client.apiUrl(RepoType::Model, QStringLiteral("org/m"), "/revision/" + HubClient::quote("refs/pr/1")).toEncoded(),
                 QByteArray("http://127.0.0.1:8080/api/models/org/m/revision/refs%2Fpr%2F1"));
        QCOMPARE(client.resolveUrl(RepoType::Dataset, QStringLiteral("org/d"), QStringLiteral("refs/convert/parquet"),
                                   "data/a b.parquet").toEncoded(),
                 QByteArray("http://127.0.0.1:8080/datasets/org/d/resolve/refs%2Fconvert%2Fparquet/data/a%20b.parquet"));
        QCOMPARE(client.resolveUrl(RepoType::Model, QStringLiteral("gpt2"), QStringLiteral("main"), "config.json").toEncoded(),
                 QByteArray("http://127.0.0.1:8080/gpt2/resolve/main/config.json"));
        QVERIFY(!client.findChild<QNetworkAccessManager *>());  // offline: never created
    }

    void safePaths_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<bool>("safe");
        QTest::newRow("plain") << QByteArray("config.json") << true;
        QTest::newRow("nested") << QByteArray("a/b/c.bin") << true;
        QTest::newRow("dotfile") << QByteArray(".gitattributes") << true;
        QTest::newRow("dots in name") << QByteArray("a..b") << true;
        QTest::newRow("parent") << QByteArray("../x") << false;
        QTest::newRow("inner parent") << QByteArray("a/../../x") << false;
        QTest::newRow("absolute") << QByteArray("/etc/passwd") << false;
        QTest::newRow("empty segment") << QByteArray("a//b") << false;
        QTest::newRow("dot") << QByteArray("./a") << false;
        QTest::newRow("backslash") << QByteArray("..\\x") << false;
        QTest::newRow("empty") << QByteArray() << false;
    }
    void safePaths()
    {
        QFETCH(QByteArray, path);
        QFETCH(bool, safe);
        QCOMPARE(RemoteTree::isSafePath(path), safe);
    }

    void digests()
    {
        BlobHasher emptyGit(BlobHasher::Algorithm::GitSha1, 0);
        QCOMPARE(emptyGit.hexDigest(), QByteArray("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"));  // git hash-object /dev/null
        BlobHasher hello(BlobHasher::Algorithm::GitSha1, 6);
        hello.update(QByteArray("hel"));
        hello.update(QByteArray("lo\n"));
        QCOMPARE(hello.hexDigest(), QByteArray("ce013625030ba8dba906f756967f9e9ca394464a"));
        BlobHasher sha(BlobHasher::Algorithm::Sha256, 0);
        QCOMPARE(sha.hexDigest(), QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(BlobHasher::algorithmFor(QByteArray(64, 'a')), std::optional(BlobHasher::Algorithm::Sha256));
        QCOMPARE(BlobHasher::algorithmFor(QByteArray(40, '0')), std::optional(BlobHasher::Algorithm::GitSha1));
        QVERIFY(!BlobHasher::algorithmFor(QByteArray(40, 'A')));
        QVERIFY(!BlobHasher::algorithmFor("../../etc/passwd"));
    }

    void linkTargets()
    {
        QCOMPARE(CacheWriter::linkTarget("config.json", "e"), QByteArray("../../blobs/e"));
        QCOMPARE(CacheWriter::linkTarget("onnx/model.onnx", "e"), QByteArray("../../../blobs/e"));
        QCOMPARE(CacheWriter::linkTarget("a/b/f.bin", "e"), QByteArray("../../../../blobs/e"));
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{8}$")).match(QString::fromLatin1(CacheWriter::randomSuffix())).hasMatch());
    }

    void treesFileRoundTrip()
    {
        RemoteTree tree;
        tree.commit = QByteArray(40, 'c');
        QString error;
        QVERIFY2(tree.addApiPage(R"([{"type":"directory","oid":"x","size":0,"path":"data"},
            {"type":"file","oid":"cc9cd18f348e6265216f9a42fa229608f1b0d402","size":181,"path":"b.txt"},
            {"type":"file","oid":"6d370cbff9b94fb20c7520b492734691ebaa7849","size":131072,"path":"data/t.parquet",
             "lfs":{"oid":"e1314a725d2041ca2f326c00cad090db429df487b8162f00b91e96efbde17a82","size":131072,"pointerSize":134}}])",
                                &error), qPrintable(error));
        tree.sort();
        QCOMPARE(tree.files.size(), 2);
        QCOMPARE(tree.files[1].etag(), QByteArray("e1314a725d2041ca2f326c00cad090db429df487b8162f00b91e96efbde17a82"));
        const QByteArray written = tree.toTreesFile();
        QCOMPARE(written, QByteArray("{\n \"format_version\": 1,\n \"files\": {\n  \"b.txt\": {\n   \"size\": 181,\n"
                                     "   \"blob_id\": \"cc9cd18f348e6265216f9a42fa229608f1b0d402\"\n  },\n"
                                     "  \"data/t.parquet\": {\n   \"size\": 131072,\n"
                                     "   \"blob_id\": \"6d370cbff9b94fb20c7520b492734691ebaa7849\",\n"
                                     "   \"lfs_sha256\": \"e1314a725d2041ca2f326c00cad090db429df487b8162f00b91e96efbde17a82\",\n"
                                     "   \"lfs_size\": 131072\n  }\n }\n}"));
        const auto back = RemoteTree::fromTreesFile(written, tree.commit, &error);
        QVERIFY(back);
        QCOMPARE(back->toTreesFile(), written);

        RemoteTree evil;
        QVERIFY(!evil.addApiPage(R"([{"type":"file","oid":"cc9cd18f348e6265216f9a42fa229608f1b0d402","size":1,"path":"../../x"}])", &error));
        QVERIFY(error.contains(QLatin1String("unsafe")));
        QVERIFY(!evil.addApiPage(R"([{"type":"file","oid":"../../../etc/passwd","size":1,"path":"x"}])", &error));
        QVERIFY(!evil.addApiPage("<html>", &error));
    }

    void updateStore()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state/update-checks.json"));
        UpdateResult r;
        r.target = {RepoType::Dataset, QStringLiteral("org/d"), QStringLiteral("refs/pr/1"), QByteArray(40, 'a')};
        r.state = UpdateState::UpdateAvailable;
        r.remoteCommit = QByteArray(40, 'b');
        r.checkedAtMs = 1234567890123;
        QString error;
        {
            UpdateStore store(path, QStringLiteral("https://mirror.example"));
            store.put(r);
            QVERIFY2(store.save(&error), qPrintable(error));
        }
        {
            UpdateStore store(path, QStringLiteral("https://huggingface.co"));
            store.load();
            QVERIFY(!store.find(r.target));  // another endpoint's answers do not count
            UpdateResult other = r;
            other.state = UpdateState::Gone;
            store.put(other);
            QVERIFY(store.save(&error));
        }
        UpdateStore store(path, QStringLiteral("https://mirror.example"));
        store.load();
        QCOMPARE(store.results().size(), 1);
        const UpdateResult *found = store.find(r.target);
        QVERIFY(found);  // kept when the other endpoint saved
        QCOMPARE(found->state, UpdateState::UpdateAvailable);
        QCOMPARE(found->remoteCommit, r.remoteCommit);
        QCOMPARE(found->checkedAtMs, r.checkedAtMs);
    }
};

QTEST_GUILESS_MAIN(tst_HubSettings)
#include "tst_HubSettings.moc"
