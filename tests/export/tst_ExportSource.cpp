// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ExportTestCache.h"
#include "export/ExportSource.h"

#include "support/TestSupport.h"

#include <QtTest>

using namespace hfcache;

class TestExportSource : public QObject
{
    Q_OBJECT
private:
    static std::optional<ExportSource> source(const ExportTestRepo &repo, QString *error, ExportSource::Options options = {})
    {
        return ExportSource::fromSnapshot(repo.repoPath, repo.commit, options, error);
    }

private Q_SLOTS:
    void resolvesEveryKindOfEntry()
    {
        QTemporaryDir dir;
        ExportTestRepo repo(dir.path());
        const QByteArray weights = repo.addBlob(QByteArray(5000, 'w'));
        const QByteArray config = repo.addBlob("{}", true);
        repo.linkBlob("model.safetensors", weights);
        repo.linkBlob("sub/deeper/config.json", config);
        repo.link("absolute.json", repo.repoPath + "/blobs/" + config);   // huggingface_hub 0.13.0
        repo.link("chain.json", "sub/deeper/config.json");                // a link to a link
        repo.writeFile("snapshots/" + repo.commit + "/plain.txt", "no-symlink mode");
        QString error;
        const auto s = source(repo, &error);
        QVERIFY2(s, qPrintable(error));
        QStringList paths;
        for (const ExportItem &item : s->items())
            paths << QString::fromUtf8(item.path);
        QCOMPARE(paths, QStringList({QStringLiteral("absolute.json"), QStringLiteral("chain.json"), QStringLiteral("model.safetensors"),
                                     QStringLiteral("plain.txt"), QStringLiteral("sub/deeper/config.json")}));
        QCOMPARE(s->items().at(2).hashName, weights);
        QCOMPARE(s->items().at(2).size, quint64(5000));
        QCOMPARE(s->items().at(1).blobName, config);
        QCOMPARE(s->items().at(3).blobName, QByteArray());
        QCOMPARE(s->totalBytes(), quint64(5000 + 2 + 2 + 2 + 15));
    }

    void refusesLinksLeavingBlobs()
    {
        QTemporaryDir dir;
        ExportTestRepo repo(dir.path());
        repo.link("passwd", "/etc/passwd");
        repo.link("ref", "../../refs/main");
        repo.link("up/escape", "../../../../../../../../../etc/hostname");
        QString error;
        QVERIFY(!source(repo, &error));
        QVERIFY2(error.contains(QLatin1String("passwd -> /etc/passwd: leaves the repo's blobs/")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("up/escape -> ")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("ref -> ../../refs/main: ends at")) && error.contains(QLatin1String("outside blobs/")), qPrintable(error));
        const auto allowed = source(repo, &error, {true, false, false});
        QVERIFY2(allowed, qPrintable(error));
        QCOMPARE(allowed->items().first().contentPath, QByteArray("/etc/passwd"));
    }

    void refusesLoops()
    {
        QTemporaryDir dir;
        ExportTestRepo repo(dir.path());
        repo.link("a", "b");
        repo.link("b", "a");
        repo.link("self", "self");
        repo.link("blobloop", "../../blobs/x");
        QVERIFY(::symlink("x", (repo.repoPath + "/blobs/x").constData()) == 0);
        QString error;
        QVERIFY(!source(repo, &error));
        for (const char *name : {"a -> b: a loop", "b -> a: a loop", "self -> self: a loop", "blobloop -> ../../blobs/x: a loop"})
            QVERIFY2(error.contains(QLatin1String(name)), qPrintable(error));
    }

    void missingBlobsAreListed()
    {
        QTemporaryDir dir;
        ExportTestRepo repo(dir.path());
        repo.linkBlob("ok.json", repo.addBlob("{}"));
        repo.linkBlob("gone-1.bin", QByteArray(64, '1'));
        repo.linkBlob("dir/gone 2.bin", QByteArray(64, '2'));
        // A download in progress is never exported, even when something links to it.
        repo.writeFile("blobs/" + QByteArray(64, '3') + ".incomplete", "partial");
        repo.linkBlob("partial.bin", QByteArray(64, '3') + ".incomplete");
        QString error;
        QVERIFY(!source(repo, &error));
        QVERIFY2(error.contains(QLatin1String("3 file(s) missing")) && error.contains(QLatin1String("gone-1.bin"))
                     && error.contains(QLatin1String("dir/gone 2.bin")) && error.contains(QLatin1String("partial.bin"))
                     && error.contains(QLatin1String("--skip-missing")), qPrintable(error));
        const auto partial = source(repo, &error, {false, true, false});
        QVERIFY2(partial, qPrintable(error));
        QCOMPARE(partial->items().size(), 1);
        QCOMPARE(partial->skipped(), QList<QByteArray>({"dir/gone 2.bin", "gone-1.bin", "partial.bin"}));
    }

    void refusesWhatCannotBeOpened()
    {
        QTemporaryDir dir;
        ExportTestRepo repo(dir.path());
        QString error;
        QVERIFY(!ExportSource::fromSnapshot(repo.repoPath, QByteArray(40, 'b'), {}, &error));
        QVERIFY2(error.contains(QLatin1String("cannot open the snapshot")) && error.contains(QLatin1String("No such file")), qPrintable(error));
        QVERIFY(!ExportSource::fromSnapshot(repo.repoPath, "../../etc", {}, &error));
        QVERIFY(!ExportSource::fromLocalDir(QFile::encodeName(dir.path()) + "/nothing", {}, &error));
        QVERIFY2(error.contains(QLatin1String("nothing")), qPrintable(error));
    }

    void localDirLeavesItsMetadata()
    {
        QTemporaryDir dir;
        const QString root = TestSupport::extractFixtures(dir);
        const QByteArray localDir = QFile::encodeName(root + QStringLiteral("/fixture-localdir-v1.28/bert-mini"));
        QString error;
        const auto s = ExportSource::fromLocalDir(localDir, {}, &error);
        QVERIFY2(s, qPrintable(error));
        int hashed = 0;
        for (const ExportItem &item : s->items()) {
            QVERIFY2(!item.path.startsWith(".cache/"), item.path.constData());
            hashed += item.hashName.isEmpty() ? 0 : 1;
        }
        QVERIFY(s->items().size() >= 4);
        QCOMPARE(hashed, int(s->items().size()));  // every file has its etag in download/*.metadata
        const auto kept = ExportSource::fromLocalDir(localDir, {false, false, true}, &error);
        QVERIFY(kept->items().size() > s->items().size());
        QVERIFY(std::any_of(kept->items().cbegin(), kept->items().cend(),
                            [](const ExportItem &i) { return i.path == ".cache/huggingface/.gitignore"; }));
    }

    void treeListing()
    {
        QTemporaryDir dir;
        const QString root = TestSupport::extractFixtures(dir);
        const QByteArray repo = QFile::encodeName(root + QStringLiteral("/fixture-cache-v1.28/models--fixture-org--tiny-model"));
        const QByteArray commit = readAllBytes(repo + "/refs/main");
        QString error;
        auto s = ExportSource::fromSnapshot(repo, commit, {}, &error);
        QVERIFY2(s, qPrintable(error));
        QStringList problems;
        QVERIFY(s->checkTreeListing(&problems));
        QCOMPARE(problems, QStringList());
        QCOMPARE(s->skipped(), QList<QByteArray>());
        // A listing that disagrees: one size changed, one file unknown to it.
        const QByteArray listingPath = repo + "/trees/" + commit + ".json";
        QByteArray listing = readAllBytes(listingPath);
        listing.replace("\"size\": 111", "\"size\": 112").replace("\"tokenizer.json\"", "\"tokenizer2.json\"");
        QFile file(QString::fromLocal8Bit(listingPath));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(listing);
        file.close();
        problems.clear();
        // The listed tokenizer2.json is not in the snapshot: the revision is incomplete.
        QVERIFY(!ExportSource::fromSnapshot(repo, commit, {}, &error));
        QVERIFY2(error.contains(QLatin1String("1 file(s) missing from the cache")) && error.contains(QLatin1String("tokenizer2.json")),
                 qPrintable(error));
        s = ExportSource::fromSnapshot(repo, commit, {false, true, false}, &error);
        QVERIFY2(s, qPrintable(error));
        QCOMPARE(s->skipped(), QList<QByteArray>({"tokenizer2.json"}));
        QVERIFY(s->checkTreeListing(&problems));
        QCOMPARE(problems.size(), 2);
        QVERIFY2(problems.join(u'\n').contains(QLatin1String("config.json is 111 bytes")), qPrintable(problems.join(u'\n')));
        QVERIFY(problems.join(u'\n').contains(QLatin1String("tokenizer.json is not in")));
    }
};

QTEST_GUILESS_MAIN(TestExportSource)
#include "tst_ExportSource.moc"
