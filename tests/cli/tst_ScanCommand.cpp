// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// `hfcache scan`, `where` and `demo-cache` as a user and a script see them.
#include "support/TestSupport.h"
#include "cli/ScanFilter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest>

using namespace hfcache;

class TestScanCommand : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_cache;

    QJsonObject scanJson(const QStringList &extra = {})
    {
        const auto result = TestSupport::runCli(QStringList{"scan", "--json", "--cache-dir", m_cache} + extra);
        if (result.exitCode != 0)
            qWarning() << result.err;
        return QJsonDocument::fromJson(result.out).object();
    }

    QStringList repoIds(const QJsonObject &scan)
    {
        QStringList ids;
        for (const QJsonValue &r : scan[QStringLiteral("repos")].toArray())
            ids << r[QStringLiteral("repo_id")].toString();
        return ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!TestSupport::extractFixtures(m_dir).isEmpty());
        m_cache = m_dir.path() + QStringLiteral("/fixture-cache-v1.28");
    }

    void jsonKeysArePinned()
    {
        const QJsonObject scan = scanJson({"--files"});
        for (const char *key : {"cache_dir", "size_on_disk", "size_apparent", "repos", "findings"})
            QVERIFY2(scan.contains(QLatin1String(key)), key);
        QCOMPARE(scan[QStringLiteral("cache_dir")].toString(), m_cache);
        const QJsonArray repos = scan[QStringLiteral("repos")].toArray();
        QCOMPARE(repos.size(), 7);
        for (const QJsonValue &repoValue : repos) {
            const QJsonObject repo = repoValue.toObject();
            for (const char *key : {"repo_id", "repo_type", "repo_path", "size_on_disk", "size_apparent", "nb_files",
                                    "last_accessed", "last_modified", "refs", "revisions", "findings"})
                QVERIFY2(repo.contains(QLatin1String(key)), key);
            QVERIFY(repo[QStringLiteral("repo_path")].toString().startsWith(m_cache + '/'));
            QVERIFY(repo[QStringLiteral("size_on_disk")].isDouble());
            for (const QJsonValue &revision : repo[QStringLiteral("revisions")].toArray()) {
                for (const char *key : {"commit_hash", "refs", "detached", "snapshot_path", "size_on_disk", "nb_files", "files"})
                    QVERIFY2(revision.toObject().contains(QLatin1String(key)), key);
                for (const QJsonValue &file : revision[QStringLiteral("files")].toArray()) {
                    for (const char *key : {"path", "blob", "size", "kind", "link_target"})
                        QVERIFY2(file.toObject().contains(QLatin1String(key)), key);
                    QCOMPARE(file[QStringLiteral("kind")].toString(), QStringLiteral("symlink"));
                }
            }
            for (const QJsonValue &finding : repo[QStringLiteral("findings")].toArray()) {
                QVERIFY(QStringList({"info", "warning", "error"}).contains(finding[QStringLiteral("severity")].toString()));
                QVERIFY(finding[QStringLiteral("path")].toString().startsWith(m_cache));
                QVERIFY(!finding[QStringLiteral("message")].toString().isEmpty());
            }
        }
        const QString time = repos[0][QStringLiteral("last_modified")].toString();
        QVERIFY2(QRegularExpression(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$)")).match(time).hasMatch(),
                 qPrintable(time));
        // Without --files the records stay out of the output.
        QVERIFY(!scanJson()[QStringLiteral("repos")][0][QStringLiteral("revisions")][0].toObject().contains(QStringLiteral("files")));
    }

    void filters_data()
    {
        QTest::addColumn<QStringList>("filters");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("type") << QStringList{"type=dataset"} << QStringList{"fixture-org/tiny-dataset"};
        QTest::newRow("size") << QStringList{"size>1M"} << QStringList{"fixture-org/tiny-model", "gpt2"};
        QTest::newRow("size and type") << QStringList{"size>=1mb", "type=model"} << QStringList{"fixture-org/tiny-model", "gpt2"};
        QTest::newRow("refs") << QStringList{"refs=refs/pr/1"} << QStringList{"fixture-org/tiny-model"};
        QTest::newRow("refs case-insensitive") << QStringList{"refs=V1.0"} << QStringList{"fixture-org/tiny-model"};
        // size is the SIZE column: bytes on disk, so one small file counts a 4 kB block.
        QTest::newRow("recent and small") << QStringList{"accessed<1d", "size<5k"}
                                          << QStringList{"fixture-org/bert-mini", "fixture-org/broken-model",
                                                         "fixture-org/stalled-model", "old-org/renamed-model"};
        QTest::newRow("old") << QStringList{"modified>30d"} << QStringList{};
        // A plain number is seconds (accessed) or bytes (size), as `hf cache ls` reads them.
        QTest::newRow("plain age") << QStringList{"accessed<315360000", "type=dataset"} << QStringList{"fixture-org/tiny-dataset"};
        QTest::newRow("plain bytes") << QStringList{"size>1000000"} << QStringList{"fixture-org/tiny-model", "gpt2"};
        // Just below 2^63 bytes: nothing is that big (a double -> int64 overflow once matched everything).
        QTest::newRow("huge size") << QStringList{"size>9000000000000000000"} << QStringList{};
    }

    void filters()
    {
        QFETCH(QStringList, filters);
        QFETCH(QStringList, expected);
        QStringList args;
        for (const QString &f : filters)
            args << "--filter" << f;
        QStringList ids = repoIds(scanJson(args));
        ids.sort();
        QCOMPARE(ids, expected);
    }

    void badFilter_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("message");
        QTest::newRow("no op") << "size" << "invalid filter 'size'";
        QTest::newRow("unknown key") << "color=red" << "unknown key 'color'";
        QTest::newRow("bad size") << "size>big" << "cannot read 'big'";
        QTest::newRow("type op") << "type>model" << "only supports '='";
        QTest::newRow("2^63 bytes") << "size>9223372036854775808" << "below 2^63";
        QTest::newRow("10 exabytes") << "size>10000P" << "below 2^63";
    }

    void badFilter()
    {
        QFETCH(QString, expression);
        QFETCH(QString, message);
        const auto result = TestSupport::runCli({"scan", "--cache-dir", m_cache, "--filter", expression});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message.toUtf8()), result.err.constData());
    }

    void sorting()
    {
        QStringList bySize = repoIds(scanJson({"--sort", "size"}));
        QCOMPARE(bySize.first(), QStringLiteral("fixture-org/tiny-model"));
        QStringList byName = repoIds(scanJson({"--sort", "name:desc"}));
        QCOMPARE(byName.first(), QStringLiteral("old-org/renamed-model"));
        QCOMPARE(TestSupport::runCli({"scan", "--cache-dir", m_cache, "--sort", "colour"}).exitCode, 2);
        QCOMPARE(repoIds(scanJson({"--sort", "SIZE"})), bySize);  // keys in any case
        QCOMPARE(repoIds(scanJson({"--sort", "Name:DESC"})), byName);
    }

    // A filtered table's footer describes the rows shown, and the whole cache on its own line.
    void filteredFooter()
    {
        const auto result = TestSupport::runCli({"scan", "--cache-dir", m_cache, "--filter", "type=dataset"});
        QCOMPARE(result.exitCode, 0);
        const QString out = QString::fromUtf8(result.out);
        QVERIFY2(out.contains(QStringLiteral("Shown (matching the filter): 1 of 7 repo(s)")), qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("Whole cache: 7 repo(s) with 9 revision(s)")));
        QVERIFY(!out.contains(QStringLiteral("Found 1 repo(s)")));
        const auto revisions = TestSupport::runCli({"scan", "--revisions", "--cache-dir", m_cache, "--filter", "refs=main"});
        QVERIFY2(revisions.out.contains(" of 7 repo(s); those repos hold"), revisions.out.constData());
    }

    void humanTable()
    {
        const auto result = TestSupport::runCli({"scan", "--revisions", "--cache-dir", m_cache});
        QCOMPARE(result.exitCode, 0);
        const QString out = QString::fromUtf8(result.out);
        for (const char *column : {"REPO", "TYPE", "SIZE", "FILES", "REVISIONS", "REFS", "LAST_ACCESSED", "LAST_MODIFIED", "FINDINGS"})
            QVERIFY2(out.section(QLatin1Char('\n'), 0, 0).contains(QLatin1String(column)), column);
        QVERIFY(out.contains(QStringLiteral("@7828a4d3446767474f884da7e860ee3bd48cee56")));
        QVERIFY(out.contains(QStringLiteral("(detached)")));
        QVERIFY(out.contains(QStringLiteral("Found 7 repo(s) with 9 revision(s)")));
        QVERIFY(out.contains(QStringLiteral("repo-without-snapshots")));
    }

    void usageErrors()
    {
        QCOMPARE(TestSupport::runCli({}).exitCode, 2);
        QCOMPARE(TestSupport::runCli({"frobnicate"}).exitCode, 2);
        QCOMPARE(TestSupport::runCli({"scan", "--no-such-option"}).exitCode, 2);
        QCOMPARE(TestSupport::runCli({"scan", "stray-argument"}).exitCode, 2);
        for (const char *threads : {"0", "-3", "many", "100000"}) {
            const auto result = TestSupport::runCli({"scan", "--cache-dir", m_cache, "--threads", threads});
            QCOMPARE(result.exitCode, 2);
            QVERIFY2(result.err.contains("--threads must be a whole number from 1 to 1024"), result.err.constData());
        }
        QCOMPARE(TestSupport::runCli({"scan", "--cache-dir", m_cache, "--threads", "1"}).exitCode, 0);
        const auto version = TestSupport::runCli({"--version"});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("hfcache "));
        QCOMPARE(TestSupport::runCli({"scan", "--help"}).exitCode, 0);
        // zstd has no level 0 (its help says 1-19): refused before anything is written.
        QTemporaryDir out;
        const QString archive = out.filePath(QStringLiteral("gpt2.tar.zst"));
        const auto zstd0 = TestSupport::runCli({"export", "gpt2", "--cache-dir", m_cache, "--archive", archive, "--level", "0"});
        QCOMPARE(zstd0.exitCode, 2);
        QVERIFY2(zstd0.err.contains("1-19 for .tar.zst"), zstd0.err.constData());
        QVERIFY(!QFileInfo::exists(archive));
    }

    void demoCacheIsLayoutExact()
    {
        QTemporaryDir dir;
        const QString demo = dir.path() + QStringLiteral("/demo");
        QCOMPARE(TestSupport::runCli({"demo-cache", demo}).exitCode, 0);
        const QJsonObject scan = QJsonDocument::fromJson(
            TestSupport::runCli({"scan", "--json", "--cache-dir", demo}).out).object();
        const QJsonArray repos = scan[QStringLiteral("repos")].toArray();
        QCOMPARE(repos.size(), 3);
        int revisions = 0, detached = 0;
        QStringList refs;
        for (const QJsonValue &repo : repos) {
            for (const QJsonValue &f : repo[QStringLiteral("findings")].toArray())
                QCOMPARE(f[QStringLiteral("severity")].toString(), QStringLiteral("info"));  // only "detached"
            for (const QJsonValue &r : repo[QStringLiteral("refs")].toArray())
                refs << r.toString();
            for (const QJsonValue &revision : repo[QStringLiteral("revisions")].toArray()) {
                ++revisions;
                detached += revision[QStringLiteral("detached")].toBool() ? 1 : 0;
            }
        }
        QCOMPARE(revisions, 5);
        QCOMPARE(detached, 1);
        QVERIFY(refs.contains(QStringLiteral("refs/pr/1")));
        QVERIFY(QFileInfo::exists(demo + QStringLiteral("/CACHEDIR.TAG")));
        // A non-empty folder is refused, and nothing in it changes.
        const auto again = TestSupport::runCli({"demo-cache", demo});
        QCOMPARE(again.exitCode, 2);
        QVERIFY(again.err.contains("is not empty"));
    }

    void where()
    {
        qputenv("HF_HOME", "/srv/hf");
        qunsetenv("HF_HUB_CACHE");
        qunsetenv("HUGGINGFACE_HUB_CACHE");
        const auto result = TestSupport::runCli({"where", "--json"});
        QCOMPARE(result.exitCode, 0);
        const QJsonObject where = QJsonDocument::fromJson(result.out).object();
        QCOMPARE(where[QStringLiteral("hub_cache")].toString(), QStringLiteral("/srv/hf/hub"));
        QCOMPARE(where[QStringLiteral("token_path")].toString(), QStringLiteral("/srv/hf/token"));
        QCOMPARE(where[QStringLiteral("xet_cache")].toString(), QStringLiteral("/srv/hf/xet"));
        QCOMPARE(TestSupport::runCli({"where", "--hub-cache"}).out, QByteArray("/srv/hf/hub\n"));
        QCOMPARE(where[QStringLiteral("hub_cache_source")].toString(), QStringLiteral("HF_HOME"));  // not "default"
        // --cache-dir, like every other command: what they would use.
        const auto given = TestSupport::runCli({"where", "--json", "--cache-dir", "/srv/other/../cache"});
        QCOMPARE(given.exitCode, 0);
        const QJsonObject givenWhere = QJsonDocument::fromJson(given.out).object();
        QCOMPARE(givenWhere[QStringLiteral("hub_cache")].toString(), QStringLiteral("/srv/cache"));
        QCOMPARE(givenWhere[QStringLiteral("hub_cache_source")].toString(), QStringLiteral("--cache-dir"));
        QCOMPARE(TestSupport::runCli({"where", "--hub-cache", "--cache-dir", "/srv/cache"}).out, QByteArray("/srv/cache\n"));
        qunsetenv("HF_HOME");
    }

    // An empty HF_HUB_CACHE makes scan read the current folder: every command says so, not only
    // `where`; an empty HF_TOKEN_PATH too.
    void emptyVariablesWarnInEveryCommand()
    {
        qputenv("HF_HUB_CACHE", "");
        const auto scan = TestSupport::runCli({"scan", "--cache-dir", m_cache});
        QVERIFY2(scan.err.contains("warning: HF_HUB_CACHE is set but empty"), scan.err.constData());
        QVERIFY(TestSupport::runCli({"locks", "--cache-dir", m_cache}).err.contains("HF_HUB_CACHE is set but empty"));
        qunsetenv("HF_HUB_CACHE");
        QVERIFY(!TestSupport::runCli({"scan", "--cache-dir", m_cache}).err.contains("warning"));
        qputenv("HF_TOKEN_PATH", "");
        const auto doctor = TestSupport::runCli({"doctor", "--cache-dir", m_cache, "--json"});
        QVERIFY2(doctor.err.contains("warning: HF_TOKEN_PATH is set but empty"), doctor.err.constData());
        QVERIFY(!QJsonDocument::fromJson(doctor.out).isNull());  // stdout stays the JSON
        qunsetenv("HF_TOKEN_PATH");
    }
};

QTEST_GUILESS_MAIN(TestScanCommand)
#include "tst_ScanCommand.moc"
