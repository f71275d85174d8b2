// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// `hfcache rm` and `hfcache prune` on copies of the real fixture caches: each kind of target
// leaves exactly the expected tree, compared with an independent oracle read from the files.
#include "FixtureCopies.h"
#include "MaintainFixture.h"
#include "support/TestSupport.h"
#include "cache/CacheScan.h"
#include "maintain/DeleteExecutor.h"
#include "maintain/DeletePlanner.h"
#include "maintain/ProcInUseChecker.h"
#include "maintain/PruneOptions.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <algorithm>
#include <sys/stat.h>

using namespace hfcache;
using MaintainFixture::listing;

class TestDelete : public QObject
{
    Q_OBJECT
private:
    FixtureCopies m_caches;

    static QString readRef(const QString &cache, const QString &folder, const QString &ref)
    {
        QFile file(cache + QLatin1Char('/') + folder + QStringLiteral("/refs/") + ref);
        return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll().trimmed()) : QString();
    }

    static QString detachedGpt2(const QString &cache)
    {
        const QString main = readRef(cache, QStringLiteral("models--gpt2"), QStringLiteral("main"));
        for (const QString &commit : MaintainFixture::commitsOf(cache, QStringLiteral("models--gpt2"))) {
            if (commit != main)
                return commit;
        }
        return {};
    }

    // Bytes on disk of the inodes a removal frees (each once; all links must go).
    static quint64 blocksOf(const QString &cache, const QSet<QString> &removed)
    {
        QHash<QPair<quint64, quint64>, int> links;
        QHash<QPair<quint64, quint64>, struct stat> stats;
        for (const QString &path : removed) {
            struct stat st;
            if (::lstat(QFile::encodeName(cache + QLatin1Char('/') + path).constData(), &st) != 0)
                continue;
            const QPair<quint64, quint64> key{st.st_dev, st.st_ino};
            ++links[key];
            stats.insert(key, st);
        }
        quint64 total = 0;
        for (auto it = stats.cbegin(); it != stats.cend(); ++it) {
            if (S_ISDIR(it->st_mode) || links.value(it.key()) >= int(it->st_nlink))
                total += quint64(it->st_blocks) * 512;
        }
        return total;
    }

    static QSet<QString> wholeRepo(const QSet<QString> &all, const QString &folder)
    {
        QSet<QString> removed;
        const QString locks = QStringLiteral(".locks/") + folder;
        for (const QString &path : all) {
            if (path == folder || path.startsWith(folder + QLatin1Char('/')) || path == locks
                || path.startsWith(locks + QLatin1Char('/')))
                removed.insert(path);
        }
        return removed;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_caches.extract()); }

    void revisionLeavesExpectedTree_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("target");   // "%detached%" is replaced by gpt2's detached commit
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("ref");      // the ref naming the revision (empty: the detached one)
        for (const QString &fixture : {QStringLiteral("fixture-cache"), QStringLiteral("fixture-cache-v1.28")}) {
            const QByteArray v = fixture.toLatin1();
            QTest::newRow(v + " bare detached hash") << fixture << "%detached%" << "models--gpt2" << "";
            QTest::newRow(v + " repo@prefix") << fixture << "gpt2@%detached8%" << "models--gpt2" << "";
            QTest::newRow(v + " PR ref") << fixture << "fixture-org/tiny-model@refs/pr/1"
                                         << "models--fixture-org--tiny-model" << "refs/pr/1";
            QTest::newRow(v + " tag shared with a branch") << fixture << "model/fixture-org/tiny-model@v1.0"
                                                           << "models--fixture-org--tiny-model" << "v1.0";
            QTest::newRow(v + " main") << fixture << "fixture-org/tiny-model@main"
                                       << "models--fixture-org--tiny-model" << "main";
        }
    }

    void revisionLeavesExpectedTree()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, target);
        QFETCH(QString, folder);
        QFETCH(QString, ref);
        const QString cache = m_caches.freshCopy(fixture);
        QVERIFY(!cache.isEmpty());
        const QString commit = ref.isEmpty() ? detachedGpt2(cache) : readRef(cache, folder, ref);
        QVERIFY(!commit.isEmpty());
        target.replace(QStringLiteral("%detached8%"), commit.left(8)).replace(QStringLiteral("%detached%"), commit);

        const QSet<QString> before = listing(cache);
        const QSet<QString> expected = MaintainFixture::expectedRemoval(cache, folder, {commit});
        QVERIFY(expected.contains(folder + QStringLiteral("/snapshots/") + commit));
        const quint64 expectedBytes = blocksOf(cache, expected);

        const auto dry = TestSupport::runCli({"rm", "--cache-dir", cache, target, "--dry-run", "--json"});
        QCOMPARE(dry.exitCode, 0);
        QCOMPARE(listing(cache), before);
        const QJsonObject plan = QJsonDocument::fromJson(dry.out).object()[QStringLiteral("plan")].toObject();
        QCOMPARE(quint64(plan[QStringLiteral("bytes_freed")].toDouble()), expectedBytes);

        const auto run = TestSupport::runCli({"rm", "--cache-dir", cache, target, "--yes"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QSet<QString> after = listing(cache);
        QVERIFY2(after.isEmpty() || (after - before).isEmpty(), "rm created files");
        QCOMPARE(before - after, expected);
        QCOMPARE(MaintainFixture::brokenLinks(cache), QStringList());
        QVERIFY(run.out.contains("freed"));
    }

    // huggingface_hub's strategy: the detached revision frees only the blobs main does not use.
    void detachedFreesOnlyUnsharedBlobs()
    {
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache-v1.28"));
        ScanOptions options;
        const CacheSnapshotPtr snapshot = CacheScan::run(QFile::encodeName(cache), options);
        QVERIFY(snapshot);
        const CachedRepoPtr gpt2 = snapshot->repo(QStringLiteral("model/gpt2"));
        QVERIFY(gpt2);
        DeletePlanner planner(snapshot);
        planner.addRevision(gpt2, detachedGpt2(cache).toLatin1());
        const DeletePlan plan = planner.build();
        QCOMPARE(plan.items.size(), 1);
        QSet<QByteArray> blobs;
        for (const DeleteOperation &op : plan.items[0].operations) {
            if (op.kind == DeleteOperation::Kind::Blob)
                blobs.insert(op.path.mid(op.path.lastIndexOf('/') + 1));
        }
        // README.md and config.json differ between the two commits; the weights are shared.
        QCOMPARE(blobs, (QSet<QByteArray>{"f4fbfe6b3f59891c9bacb4bc9b430eeb6b9d9746", "cc4c68b75ec8d5fd611de0037c9749d0218ebb01"}));
        QVERIFY(plan.render().contains(QStringLiteral("model/gpt2@")));
        const auto run = TestSupport::runCli({"rm", "--cache-dir", cache, "gpt2@" + detachedGpt2(cache), "--yes"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(QFile::exists(cache + "/models--gpt2/blobs/907382d4e77b37b1d9a4959f0607d437ac9ca68b1ec31c72815b7cc11843cb3d"));
        QVERIFY(QFile::exists(cache + "/models--gpt2/snapshots/" + readRef(cache, "models--gpt2", "main") + "/model.safetensors"));
    }

    void wholeRepoLeavesExpectedTree_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QStringList>("targets");
        QTest::addColumn<QString>("folder");
        for (const QString &fixture : {QStringLiteral("fixture-cache"), QStringLiteral("fixture-cache-v1.28")}) {
            const QByteArray v = fixture.toLatin1();
            QTest::newRow(v + " org/name") << fixture << QStringList{"fixture-org/tiny-model"} << "models--fixture-org--tiny-model";
            QTest::newRow(v + " no namespace") << fixture << QStringList{"model/gpt2"} << "models--gpt2";
            QTest::newRow(v + " dataset, its only revision") << fixture << QStringList{"dataset/fixture-org/tiny-dataset@main"}
                                                             << "datasets--fixture-org--tiny-dataset";
            QTest::newRow(v + " refs-only repo") << fixture << QStringList{"fixture-org/bert-mini"} << "models--fixture-org--bert-mini";
            QTest::newRow(v + " interrupted download") << fixture << QStringList{"fixture-org/stalled-model"}
                                                       << "models--fixture-org--stalled-model";
            QTest::newRow(v + " every revision one by one")
                << fixture << QStringList{"fixture-org/tiny-model@main", "fixture-org/tiny-model@dev", "fixture-org/tiny-model@refs/pr/1"}
                << "models--fixture-org--tiny-model";
        }
    }

    void wholeRepoLeavesExpectedTree()
    {
        QFETCH(QString, fixture);
        QFETCH(QStringList, targets);
        QFETCH(QString, folder);
        const QString cache = m_caches.freshCopy(fixture);
        const QSet<QString> before = listing(cache);
        const QSet<QString> expected = wholeRepo(before, folder);
        QVERIFY(expected.contains(folder));
        const auto run = TestSupport::runCli(QStringList{"rm", "--cache-dir", cache, "--yes"} + targets);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.contains("the whole folder"));
        QCOMPARE(before - listing(cache), expected);
        QVERIFY((listing(cache) - before).isEmpty());
    }

    void usageErrorsChangeNothing()
    {
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache-v1.28"));
        const QSet<QString> before = listing(cache);
        // Not a terminal and no --yes: refuse, say how.
        auto r = TestSupport::runCli({"rm", "--cache-dir", cache, "gpt2"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--yes"));
        r = TestSupport::runCli({"rm", "--cache-dir", cache, "gpt2", "no-such/repo", "--yes"});
        QCOMPARE(r.exitCode, 2);
        r = TestSupport::runCli({"rm", "--cache-dir", cache, QString(40, QLatin1Char('a')), "--yes"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("no revision"));
        r = TestSupport::runCli({"rm", "--cache-dir", cache, "gpt2@nosuchref", "--yes"});
        QCOMPARE(r.exitCode, 2);
        r = TestSupport::runCli({"rm", "--cache-dir", cache});
        QCOMPARE(r.exitCode, 2);
        r = TestSupport::runCli({"prune", "--cache-dir", cache, "--older-than", "30x", "--yes"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("invalid duration"));
        r = TestSupport::runCli({"prune", "--cache-dir", cache, "--keep-latest", "-1", "--yes"});
        QCOMPARE(r.exitCode, 2);
        r = TestSupport::runCli({"prune", "--cache-dir", cache});
        QCOMPARE(r.exitCode, 2);
        r = TestSupport::runCli({"prune", "--cache-dir", cache, "--dry-run"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(listing(cache), before);
    }

    // On a terminal, rm asks; only "y" deletes. (`script` gives the CLI a pseudo-terminal.)
    void confirmationOnATerminal()
    {
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache-v1.28"));
        const QSet<QString> before = listing(cache);
        const QString detached = detachedGpt2(cache);
        const QString command = QStringLiteral("'%1' rm --cache-dir '%2' gpt2@%3").arg(TestSupport::cliPath(), cache, detached);
        for (const QByteArray &answer : {QByteArray("n\n"), QByteArray("y\n")}) {
            QProcess script;
            script.start(QStringLiteral("script"), {QStringLiteral("-qec"), command, QStringLiteral("/dev/null")});
            QVERIFY(script.waitForStarted());
            QByteArray shown;
            QTRY_VERIFY_WITH_TIMEOUT((shown += script.readAll()).contains("[y/N]"), 30000);
            script.write(answer);
            QVERIFY(script.waitForFinished(30000));
            shown += script.readAll();
            if (answer.startsWith('n')) {
                QCOMPARE(script.exitCode(), 1);
                QVERIFY(shown.contains("Nothing deleted"));
                QCOMPARE(listing(cache), before);
            } else {
                QVERIFY2(script.exitCode() == 0, shown.constData());
                QVERIFY(!QFile::exists(cache + "/models--gpt2/snapshots/" + detached));
            }
        }
    }

    // Default prune = hf cache prune: detached revisions and interrupted downloads (+ their locks).
    void pruneDefault()
    {
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache"));
        const QSet<QString> before = listing(cache);
        QSet<QString> expected = MaintainFixture::expectedRemoval(cache, QStringLiteral("models--gpt2"), {detachedGpt2(cache)});
        for (const QString &path : before) {
            if (path.endsWith(QStringLiteral(".incomplete"))) {
                expected.insert(path);
                const QString etag = path.section(QLatin1Char('/'), -1).section(QLatin1Char('.'), 0, 0);
                const QString lock = QStringLiteral(".locks/") + path.section(QLatin1Char('/'), 0, 0) + QLatin1Char('/') + etag + ".lock";
                if (before.contains(lock))
                    expected.insert(lock);
            }
        }
        const auto r = TestSupport::runCli({"prune", "--cache-dir", cache, "--yes"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(before - listing(cache), expected);
    }

    void pruneOrphans()
    {
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache-v1.28"));
        // An orphan with a real content name, and a foreign file that is no blob at all.
        const QByteArray content = "orphan content\n";
        const QString orphan = cache + "/models--gpt2/blobs/" + QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex();
        QFile f(orphan);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        QFile foreign(cache + "/models--gpt2/blobs/tmp_probe");
        QVERIFY(foreign.open(QIODevice::WriteOnly));
        foreign.close();
        const QSet<QString> before = listing(cache);
        const auto r = TestSupport::runCli({"prune", "--cache-dir", cache, "--orphans", "--yes", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(json["result"].toObject()["items_done"].toInt(), 1);
        QCOMPARE(before - listing(cache), QSet<QString>{orphan.mid(cache.size() + 1)});
    }

    void pruneOlderThanAndKeepLatest()
    {
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache-v1.28"));
        const QString gpt2 = cache + "/models--gpt2";
        const QString main = readRef(cache, "models--gpt2", "main");
        // main was last read 60 days ago; the detached revision today (through its own blobs).
        QVERIFY(TestSupport::runProgram("sh", {"-c", "touch -a -h -d '60 days ago' " + gpt2 + "/blobs/*"}) == 0);
        QVERIFY(TestSupport::runProgram("sh", {"-c", "touch -a " + gpt2 + "/blobs/f4fbfe6b3f59891c9bacb4bc9b430eeb6b9d9746 "
                                                      + gpt2 + "/blobs/cc4c68b75ec8d5fd611de0037c9749d0218ebb01"}) == 0);
        QSet<QString> before = listing(cache);
        // main is old but a ref points to it: kept, and said so, unless --include-refs.
        auto r = TestSupport::runCli({"prune", "--cache-dir", cache, "--older-than", "30d", "--yes"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(listing(cache), before);
        QVERIFY2(r.out.contains("ref main points to it (it matched: not accessed for 60 day(s))"), r.out.constData());
        QSet<QString> expected = MaintainFixture::expectedRemoval(cache, "models--gpt2", {main});
        r = TestSupport::runCli({"prune", "--cache-dir", cache, "--older-than", "30d", "--include-refs", "--yes"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(before - listing(cache), expected);
        QVERIFY(r.out.contains("not accessed for 60 day(s)"));

        // tiny-model: the three snapshots get distinct ages. With --include-refs, --keep-latest 1
        // keeps main's revision although another snapshot folder is newer.
        const QString tiny = "models--fixture-org--tiny-model";
        const QString tinyMain = readRef(cache, tiny, "main");
        const QStringList commits = MaintainFixture::commitsOf(cache, tiny);
        QCOMPARE(commits.size(), 3);
        for (int i = 0; i < 3; ++i)
            QVERIFY(TestSupport::runProgram("touch", {"-d", QStringLiteral("%1 days ago").arg(i + 1),
                                                      cache + '/' + tiny + "/snapshots/" + commits[i]}) == 0);
        QStringList others = commits;
        others.removeAll(tinyMain);
        before = listing(cache);
        expected = MaintainFixture::expectedRemoval(cache, tiny, others);
        r = TestSupport::runCli({"prune", "--cache-dir", cache, "--keep-latest", "1", "--include-refs", "--yes"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QSet<QString> removed = before - listing(cache);
        // gpt2 has one revision left and dataset one: both kept by --keep-latest 1.
        QCOMPARE(removed, expected);
    }

    // A later hf_hub_download(revision="v1.0") links a file into v1.0's snapshot and reads its
    // blobs: the tag's folder is now the newest. --keep-latest still never plans a revision a
    // ref points to, ranks main's first, then by when a ref moved to it (the download does not
    // rewrite the ref), and says why per item and per kept revision.
    void keepLatestNeverPlansRefs()
    {
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache-v1.28"));
        const QString tiny = "models--fixture-org--tiny-model";
        const QString main = readRef(cache, tiny, "main");
        const QString tag = readRef(cache, tiny, "v1.0");
        const QString pr = readRef(cache, tiny, "refs/pr/1");
        QVERIFY(main != tag && tag != pr && !pr.isEmpty());
        // main's files were read long ago, v1.0's just now, and its folder changed just now.
        QVERIFY(TestSupport::runProgram("sh", {"-c", "touch -a -d '90 days ago' " + cache + '/' + tiny + "/blobs/*"}) == 0);
        QVERIFY(TestSupport::runProgram("sh", {"-c", "cat " + cache + '/' + tiny + "/snapshots/" + tag + "/* > /dev/null"}) == 0);
        QVERIFY(TestSupport::runProgram("touch", {cache + '/' + tiny + "/snapshots/" + tag}) == 0);
        QVERIFY(TestSupport::runProgram("touch", {"-d", "10 days ago", cache + '/' + tiny + "/snapshots/" + main}) == 0);
        // The refs moved: v1.0 and dev 30 days ago, refs/pr/1 20 days ago, main 10 days ago.
        const QString refs = cache + '/' + tiny + "/refs/";
        QVERIFY(TestSupport::runProgram("touch", {"-d", "30 days ago", refs + "v1.0", refs + "dev"}) == 0);
        QVERIFY(TestSupport::runProgram("touch", {"-d", "20 days ago", refs + "refs/pr/1"}) == 0);
        QVERIFY(TestSupport::runProgram("touch", {"-d", "10 days ago", refs + "main"}) == 0);

        const QSet<QString> before = listing(cache);
        auto r = TestSupport::runCli({"prune", "--cache-dir", cache, "--keep-latest", "1", "--dry-run", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QJsonObject plan = QJsonDocument::fromJson(r.out).object()["plan"].toObject();
        for (const QJsonValue &item : plan["items"].toArray()) {
            QVERIFY2(item["refs"].toArray().isEmpty(), r.out.constData());  // detached only (gpt2's)
            QVERIFY(item["reason"].toString().contains(QStringLiteral("not among the 1 newest: #2 of 2")));
        }
        QStringList keptPaths;
        for (const QJsonValue &note : plan["kept"].toArray()) {
            keptPaths << note["path"].toString();
            QVERIFY(note["reason"].toString().contains(QStringLiteral("--include-refs")));
        }
        keptPaths.sort();
        QStringList wanted{tiny + "/snapshots/" + tag, tiny + "/snapshots/" + pr};
        wanted.sort();
        QCOMPARE(keptPaths, wanted);
        QCOMPARE(listing(cache), before);

        // Text: the reason per item and per kept revision.
        r = TestSupport::runCli({"prune", "--cache-dir", cache, "--keep-latest", "1", "--dry-run"});
        QVERIFY2(r.out.contains("ref refs/pr/1 points to it (it matched: not among the 1 newest: #2 of 3)"), r.out.constData());
        QVERIFY2(r.out.contains("refs dev, v1.0 point to it (it matched: not among the 1 newest: #3 of 3)"), r.out.constData());

        // Asked explicitly: the tag and the PR go, main's revision stays (ranked first).
        r = TestSupport::runCli({"prune", "--cache-dir", cache, "--keep-latest", "1", "--include-refs", "--dry-run", "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        plan = QJsonDocument::fromJson(r.out).object()["plan"].toObject();
        QStringList planned;
        for (const QJsonValue &item : plan["items"].toArray()) {
            if (item["repo"].toString() == QLatin1String("model/fixture-org/tiny-model"))
                planned << item["revision"].toString();
        }
        planned.sort();
        QStringList tagAndPr{tag, pr};
        tagAndPr.sort();
        QCOMPARE(planned, tagAndPr);
    }

    // An rm killed after its first operations (refs, then the snapshot: the state kill -9 left)
    // is re-run: by ref it cannot resolve any more and says precisely what is left; by commit it
    // finishes .no_exist and the listing; prune --orphans then leaves the planned tree.
    void rerunAfterInterruptedRm()
    {
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache-v1.28"));
        const QString tiny = "models--fixture-org--tiny-model";
        const QString pr = readRef(cache, tiny, "refs/pr/1");
        const QSet<QString> expected = MaintainFixture::expectedRemoval(cache, tiny, {pr});
        const QSet<QString> before = listing(cache);
        QVERIFY(QFile::remove(cache + '/' + tiny + "/refs/refs/pr/1"));
        TestSupport::removeTree(cache + '/' + tiny + "/snapshots/" + pr);

        auto r = TestSupport::runCli({"rm", "--cache-dir", cache, "fixture-org/tiny-model@refs/pr/1", "--yes"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("this is what is left in model/fixture-org/tiny-model: 2 orphan blob(s)")
                     && r.err.contains("hfcache prune --orphans"),
                 r.err.constData());

        for (const QString &target : {QStringLiteral("fixture-org/tiny-model@") + pr, pr}) {
            r = TestSupport::runCli({"rm", "--cache-dir", cache, target, "--dry-run"});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QVERIFY2(r.out.contains("finishing an interrupted delete") && r.out.contains("2 in this repo"), r.out.constData());
        }
        r = TestSupport::runCli({"rm", "--cache-dir", cache, pr, "--yes"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!QFileInfo::exists(cache + '/' + tiny + "/.no_exist/" + pr));
        QVERIFY(!QFileInfo::exists(cache + '/' + tiny + "/trees/" + pr + ".json"));
        r = TestSupport::runCli({"prune", "--cache-dir", cache, "--orphans", "--yes"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QSet<QString> removed;
        for (const QString &path : before - listing(cache)) {
            if (path.contains(tiny))
                removed.insert(path);
        }
        QCOMPARE(removed, expected);
        // And again: nothing of it is left, so that is an unknown target now.
        r = TestSupport::runCli({"rm", "--cache-dir", cache, pr, "--yes"});
        QCOMPARE(r.exitCode, 2);
    }

    // Two deletes of the same plan, one after the other as if concurrent: the second frees
    // nothing and says that another process removed the entries first.
    void concurrentDeleteCountsOwnWork()
    {
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache-v1.28"));
        const CacheSnapshotPtr snapshot = CacheScan::run(QFile::encodeName(cache));
        DeletePlanner planner(snapshot);
        planner.addRepo(snapshot->repo(QStringLiteral("model/gpt2")));
        const DeletePlan plan = planner.build();
        const DeleteResult first = DeleteExecutor::execute(plan, {});
        QVERIFY(first.ok());
        QVERIFY(first.bytesFreed > 0);
        QCOMPARE(first.alreadyGone, 0);
        const DeleteResult second = DeleteExecutor::execute(plan, {});
        QStringList why;
        for (const DeleteNote &note : second.refusals)
            why << QString::fromUtf8(note.path) + QStringLiteral(": ") + note.reason;
        for (const DeleteFailure &failure : second.failures)
            why << failure.error;
        QVERIFY2(second.ok(), qPrintable(why.join(QLatin1Char('\n'))));
        QCOMPARE(second.bytesFreed, quint64(0));
        QCOMPARE(second.removed, 0);
        QVERIFY(second.alreadyGone > 0);
    }

    // The check asks about an interrupted download's .incomplete blob twice, on two threads at
    // once (as content the plan deletes, and as a file that tells whether a download runs): only
    // one of the questions may lease-probe it, or each probe sees the other's descriptor and calls
    // the file used (where a process cannot be inspected: a container's PID 1, other users').
    // Many checks, so that two probes would have met.
    void incompleteBlobProbedOnce()
    {
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache-v1.28"));
        const CacheSnapshotPtr snapshot = CacheScan::run(QFile::encodeName(cache));
        DeletePlanner planner(snapshot);
        planner.addRepo(snapshot->repo(QStringLiteral("model/fixture-org/stalled-model")));
        const DeletePlan plan = planner.build();
        QVERIFY(std::any_of(plan.contentFiles.cbegin(), plan.contentFiles.cend(),
                            [](const QByteArray &path) { return path.endsWith(".incomplete"); }));
        const ProcInUseChecker checker;
        DeleteExecutor::Options options;
        options.inUse = &checker;
        for (int i = 0; i < 300; ++i) {
            const DeleteResult result = DeleteExecutor::check(plan, options);
            QVERIFY2(result.refusals.isEmpty(), qPrintable(result.refusals.value(0).reason));
        }
    }

    // Every item of every kind carries every key README lists, and so does the whole object.
    void jsonItemsCarryEveryKey()
    {
        const QString cache = m_caches.freshCopy(QStringLiteral("fixture-cache"));
        const QByteArray content = "orphan content\n";
        QFile orphan(cache + "/models--gpt2/blobs/" + QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
        QVERIFY(orphan.open(QIODevice::WriteOnly));
        orphan.write(content);
        orphan.close();
        QSet<QString> kinds;
        for (const QStringList &args : {QStringList{"prune", "--detached", "--incomplete", "--orphans"},
                                        QStringList{"rm", "gpt2", "fixture-org/tiny-model@refs/pr/1"}}) {
            const auto r = TestSupport::runCli(args + QStringList{"--cache-dir", cache, "--dry-run", "--json"});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            const QJsonObject json = QJsonDocument::fromJson(r.out).object();
            for (const char *key : {"dry_run", "plan", "refused", "refusals", "kept", "forced", "result"})
                QVERIFY2(json.contains(QLatin1String(key)), key);
            const QJsonObject plan = json["plan"].toObject();
            for (const char *key : {"cache_dir", "bytes_freed", "apparent_freed", "items", "kept"})
                QVERIFY2(plan.contains(QLatin1String(key)), key);
            for (const QJsonValue &value : plan["items"].toArray()) {
                const QJsonObject item = value.toObject();
                kinds.insert(item["kind"].toString());
                for (const char *key : {"kind", "repo", "revision", "refs", "reason", "bytes_freed", "files", "operations"})
                    QVERIFY2(item.contains(QLatin1String(key)), qPrintable(item["kind"].toString() + ": " + key));
                QVERIFY(item["refs"].isArray());
                QCOMPARE(item["revision"].isNull(), item["kind"].toString() != QLatin1String("revision"));
                for (const QJsonValue &op : item["operations"].toArray())
                    QVERIFY(op.toObject().contains(QLatin1String("kind")) && op.toObject().contains(QLatin1String("path")));
            }
        }
        QCOMPARE(kinds, (QSet<QString>{"repo", "revision", "orphan-blobs", "incomplete-downloads"}));
    }
};

QTEST_GUILESS_MAIN(TestDelete)
#include "tst_Delete.moc"
