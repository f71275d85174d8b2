// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// `hfcache verify` on copies of the real fixtures: clean caches pass, one flipped byte and a
// truncated blob are found with the files they break, trees/ listings catch missing files.
#include "FixtureCopies.h"
#include "MaintainFixture.h"
#include "support/TestSupport.h"
#include "cache/CacheScan.h"
#include "maintain/CacheVerifier.h"
#include "cache/BlobHasher.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace hfcache;

class TestVerify : public QObject
{
    Q_OBJECT
private:
    FixtureCopies m_caches;

    static QJsonObject verifyJson(const QString &cache, const QStringList &targets, int expectedExit)
    {
        const auto r = TestSupport::runCli(QStringList{"verify", "--json", "--cache-dir", cache} + targets);
        if (r.exitCode != expectedExit)
            qWarning() << r.exitCode << r.err;
        return r.exitCode == expectedExit ? QJsonDocument::fromJson(r.out).object() : QJsonObject();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_caches.extract()); }

    void cleanFixturesPass_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<int>("listings");
        QTest::newRow("0.36") << "fixture-cache" << 0;
        QTest::newRow("1.28") << "fixture-cache-v1.28" << 6;
    }

    void cleanFixturesPass()
    {
        QFETCH(QString, fixture);
        QFETCH(int, listings);
        const QJsonObject json = verifyJson(m_caches.fixtures() + '/' + fixture, {}, 0);
        QVERIFY(json["ok"].toBool());
        QVERIFY(json["blobs_checked"].toInt() > 20);
        QCOMPARE(json["listings_checked"].toInt(), listings);
        QVERIFY(json["corrupt"].toArray().isEmpty());
        // Both kinds of names were really hashed.
        QVERIFY(json["bytes_hashed"].toDouble() > 1048576);
    }

    void hasherKnownValues()
    {
        BlobHasher sha(BlobHasher::Algorithm::Sha256, 3);
        sha.update("abc", 3);
        QCOMPARE(sha.hexDigest(), QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        // `git hash-object` of "hello\n".
        BlobHasher git(BlobHasher::Algorithm::GitSha1, 6);
        git.update("hello\n", 6);
        QCOMPARE(git.hexDigest(), QByteArray("ce013625030ba8dba906f756967f9e9ca394464a"));
    }

    void flippedAndTruncatedBlobs()
    {
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache-v1.28"));
        // The shared weights of gpt2 (sha256 name): one byte flipped in the middle.
        const QString weights = cache + "/models--gpt2/blobs/907382d4e77b37b1d9a4959f0607d437ac9ca68b1ec31c72815b7cc11843cb3d";
        QFile f(weights);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(500000));
        char byte = 0;
        QVERIFY(f.getChar(&byte));
        QVERIFY(f.seek(500000));
        QVERIFY(f.putChar(char(byte ^ 0x01)));
        f.close();
        // A git-sha1 blob of tiny-model cut short.
        const QString git = cache + "/models--fixture-org--tiny-model/blobs/8493f52ace7726a797ed3d03b032beec7e7eb21d";
        QVERIFY(QFile::resize(git, QFileInfo(git).size() / 2));

        const auto r = TestSupport::runCli({"verify", "--cache-dir", cache});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains("CORRUPT model/gpt2"));
        QVERIFY(r.out.contains("breaks @53f34914cfdc model.safetensors"));
        QVERIFY(r.out.contains("breaks @ae075a1a2126 model.safetensors"));

        const QJsonObject json = verifyJson(cache, {}, 1);
        const QJsonArray corrupt = json["corrupt"].toArray();
        QCOMPARE(corrupt.size(), 2);
        QStringList paths;
        for (const QJsonValue &c : corrupt)
            paths << c["path"].toString();
        QVERIFY(paths.contains(weights));
        QVERIFY(paths.contains(git));
        for (const QJsonValue &c : corrupt) {
            QVERIFY(!c["breaks"].toArray().isEmpty());
            QVERIFY(c["actual"].toString() != c["expected"].toString());
        }
        // The truncated file also disagrees with the Hub's listing (size).
        bool sizeProblem = false;
        for (const QJsonValue &p : json["listing_problems"].toArray())
            sizeProblem = sizeProblem || p["kind"].toString() == "wrong-size";
        QVERIFY(sizeProblem);

        // Limited to one revision: only what it uses.
        const QJsonObject one = verifyJson(cache, {"gpt2@main"}, 1);
        QCOMPARE(one["corrupt"].toArray().size(), 1);
        QCOMPARE(one["corrupt"].toArray().at(0).toObject()["path"].toString(), weights);
        const QJsonObject other = verifyJson(cache, {"dataset/fixture-org/tiny-dataset"}, 0);
        QVERIFY(other["ok"].toBool());
    }

    void listingReportsMissingFile()
    {
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache-v1.28"));
        QFile main(cache + "/models--gpt2/refs/main");
        QVERIFY(main.open(QIODevice::ReadOnly));
        const QString commit = QString::fromLatin1(main.readAll());
        QVERIFY(QFile::remove(cache + "/models--gpt2/snapshots/" + commit + "/vocab.json"));
        const QJsonObject json = verifyJson(cache, {"gpt2"}, 1);
        const QJsonArray problems = json["listing_problems"].toArray();
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.at(0).toObject()["kind"].toString(), QStringLiteral("missing"));
        QCOMPARE(problems.at(0).toObject()["file"].toString(), QStringLiteral("vocab.json"));
        QCOMPARE(problems.at(0).toObject()["revision"].toString(), commit);
        QVERIFY(json["corrupt"].toArray().isEmpty());
    }

    void unreadableBlobIsReported()
    {
        const auto user = TestSupport::ensureUser(QStringLiteral("hfct-mnt-reader"));
        if (!user)
            QSKIP("needs root (useradd)");
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache"));
        QVERIFY(TestSupport::runProgram("chmod", {"-R", "a+rX", m_caches.dir()}) == 0);
        const QString blob = cache + "/models--gpt2/blobs/c84b377f0b13918e5221290af20fe0a3e834f75f";
        QVERIFY(TestSupport::runProgram("chmod", {"0600", blob}) == 0);
        QByteArray out, err;
        QCOMPARE(TestSupport::runAsUser(*user, TestSupport::cliPath(), {"verify", "--cache-dir", cache, "gpt2"}, &out, &err), 1);
        QVERIFY2(out.contains("cannot open " + QFile::encodeName(blob) + ": Permission denied"), out.constData());
    }

    void cancelStopsEarly()
    {
        const CacheSnapshotPtr snapshot = CacheScan::run(QFile::encodeName(m_caches.fixtures() + "/fixture-cache-v1.28"));
        QVERIFY(snapshot);
        QList<CacheVerifier::Target> targets;
        for (const CachedRepoPtr &repo : snapshot->repos)
            targets.append({repo, {}});
        std::atomic_bool cancel{true};
        CacheVerifier::Options options;
        options.cancel = &cancel;
        const VerifyReport report = CacheVerifier::run(targets, options);
        QVERIFY(report.cancelled);
        QVERIFY(!report.ok());
        QCOMPARE(report.blobsChecked, 0);
    }
};

QTEST_GUILESS_MAIN(TestVerify)
#include "tst_Verify.moc"
