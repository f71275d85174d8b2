// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// `hfcache scan` on local_dir download folders the real huggingface_hub client wrote
// (fixture-localdir, fixture-localdir-v1.28), on the 0.23.0 layout and on broken ones; the
// commands that need a hub cache refuse such a folder.
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest>

#include <sys/stat.h>

namespace {

const QString FixtureCommit = QStringLiteral("8d3cf433466ffeb5a55801526b5c79624edcd887");

QJsonObject jsonOf(const TestSupport::CliResult &result)
{
    return QJsonDocument::fromJson(result.out).object();
}

QJsonObject onlyRepo(const QJsonObject &scan)
{
    return scan[QStringLiteral("repos")].toArray().first().toObject();
}

QStringList findingCodes(const QJsonObject &repo)
{
    QStringList codes;
    for (const QJsonValue &f : repo[QStringLiteral("findings")].toArray())
        codes << f[QStringLiteral("code")].toString();
    return codes;
}

QJsonArray filesOf(const QJsonObject &repo)
{
    return repo[QStringLiteral("revisions")][0][QStringLiteral("files")].toArray();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

// The regular files of `folder` outside .cache/, with their sizes, from fixture-tree.txt.
QMap<QString, qint64> groundTruth(const QString &folder)
{
    QFile tree(TestSupport::sharedDir() + QStringLiteral("/fixtures/fixture-tree.txt"));
    QMap<QString, qint64> files;
    if (!tree.open(QIODevice::ReadOnly))
        return files;
    const QString prefix = folder + QLatin1Char('/');
    while (!tree.atEnd()) {
        const QStringList fields = QString::fromUtf8(tree.readLine()).split(QLatin1Char(' '));
        if (fields.size() < 4 || !fields[0].startsWith(QLatin1Char('-')) || !fields[3].startsWith(prefix))
            continue;
        const QString relative = fields[3].mid(prefix.size());
        if (!relative.startsWith(QLatin1String(".cache/")))
            files.insert(relative, fields[2].toLongLong());
    }
    return files;
}

} // namespace

class TestScanLocalDir : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_fixtureDir;
    QTemporaryDir m_work;
    QString m_fixtures;
    int m_copies = 0;

    QString copyOf(const QString &fixture)
    {
        const QString target = m_work.path() + QStringLiteral("/copy-%1").arg(++m_copies);
        if (TestSupport::runProgram(QStringLiteral("cp"), {QStringLiteral("-a"), m_fixtures + QLatin1Char('/') + fixture, target}) != 0)
            qFatal("cannot copy %s", qPrintable(fixture));
        return target;
    }

    // bert-mini as huggingface_hub 0.23.0 left it: the bookkeeping in .huggingface/.
    QString legacyCopy()
    {
        const QString dir = copyOf(QStringLiteral("fixture-localdir/bert-mini"));
        if (!QDir().rename(dir + QStringLiteral("/.cache/huggingface"), dir + QStringLiteral("/.huggingface"))
            || !QDir().rmdir(dir + QStringLiteral("/.cache")))
            qFatal("cannot make the 0.23.0 layout");
        return dir;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fixtures = TestSupport::extractFixtures(m_fixtureDir);
        QVERIFY(!m_fixtures.isEmpty());
        QVERIFY(m_work.isValid());
    }

    void explicitLocalDir_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QString>("commit");
        QTest::addColumn<bool>("treeListing");
        const QString gpt2 = QStringLiteral("53f34914cfdc9ab92883d642348e8b8e40fecc67");
        QTest::newRow("0.36 bert-mini") << "fixture-localdir/bert-mini" << FixtureCommit << false;
        QTest::newRow("1.28 bert-mini") << "fixture-localdir-v1.28/bert-mini" << FixtureCommit << true;
        QTest::newRow("0.36 gpt2-config-only") << "fixture-localdir/gpt2-config-only" << gpt2 << false;
        QTest::newRow("1.28 gpt2-config-only") << "fixture-localdir-v1.28/gpt2-config-only" << gpt2 << false;
    }

    void explicitLocalDir()
    {
        QFETCH(QString, folder);
        QFETCH(QString, commit);
        QFETCH(bool, treeListing);
        const QString dir = m_fixtures + QLatin1Char('/') + folder;
        const auto result = TestSupport::runCli({"scan", "--json", "--files", "--local-dir", dir});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.err.isEmpty(), result.err.constData());  // asked for: no note
        const QJsonObject scan = jsonOf(result);
        for (const char *key : {"layout", "cache_dir", "local_dir", "bookkeeping", "size_on_disk", "size_apparent", "repos", "findings"})
            QVERIFY2(scan.contains(QLatin1String(key)), key);
        QCOMPARE(scan[QStringLiteral("layout")].toString(), QStringLiteral("local_dir"));
        QVERIFY(scan[QStringLiteral("cache_dir")].isNull());
        QCOMPARE(scan[QStringLiteral("local_dir")].toString(), dir);
        QCOMPARE(scan[QStringLiteral("bookkeeping")].toString(), QStringLiteral(".cache/huggingface"));

        // The same repo keys as for a cache; what a local_dir cannot know is null.
        const QJsonObject repo = onlyRepo(scan);
        for (const char *key : {"repo_id", "repo_type", "repo_path", "size_on_disk", "size_apparent", "nb_files",
                                "last_accessed", "last_modified", "refs", "revisions", "findings"})
            QVERIFY2(repo.contains(QLatin1String(key)), key);
        QCOMPARE(repo[QStringLiteral("repo_id")].toString(), folder.section(QLatin1Char('/'), -1));
        QVERIFY(repo[QStringLiteral("repo_type")].isNull());
        QVERIFY2(findingCodes(repo).isEmpty(), qPrintable(findingCodes(repo).join(' ')));
        const QJsonObject revision = repo[QStringLiteral("revisions")][0].toObject();
        QCOMPARE(revision[QStringLiteral("commit_hash")].toString(), commit);
        QCOMPARE(revision[QStringLiteral("snapshot_path")].toString(), dir);
        QVERIFY(revision[QStringLiteral("detached")].isNull());
        QCOMPARE(revision[QStringLiteral("has_tree_listing")].toBool(), treeListing);

        // Every file of the ground truth, with its size and the etag its metadata names.
        const QMap<QString, qint64> truth = groundTruth(folder);
        QVERIFY(!truth.isEmpty());
        const QJsonArray files = filesOf(repo);
        QCOMPARE(files.size(), truth.size());
        qint64 total = 0;
        for (const QJsonValue &file : files) {
            const QString path = file[QStringLiteral("path")].toString();
            QVERIFY2(truth.contains(path), qPrintable(path));
            QCOMPARE(file[QStringLiteral("size")].toInteger(), truth.value(path));
            QCOMPARE(file[QStringLiteral("kind")].toString(), QStringLiteral("file"));
            QCOMPARE(file[QStringLiteral("metadata")].toString(), QStringLiteral("fresh"));
            const QString blob = file[QStringLiteral("blob")].toString();
            QVERIFY2(blob.size() == 40 || blob.size() == 64, qPrintable(blob));
            total += truth.value(path);
        }
        QCOMPARE(repo[QStringLiteral("size_apparent")].toInteger(), total);
        QCOMPARE(repo[QStringLiteral("nb_files")].toInt(), int(truth.size()));
    }

    void cacheDirThatIsALocalDirIsScannedAsOne()
    {
        const QString dir = m_fixtures + QStringLiteral("/fixture-localdir-v1.28/bert-mini");
        const auto json = TestSupport::runCli({"scan", "--json", "--cache-dir", dir});
        QCOMPARE(json.exitCode, 0);
        QVERIFY2(json.err.contains("note: " + QFile::encodeName(dir) + " is a local_dir download folder"), json.err.constData());
        QVERIFY(json.err.contains("--local-dir"));
        QCOMPARE(jsonOf(json)[QStringLiteral("layout")].toString(), QStringLiteral("local_dir"));
        QCOMPARE(onlyRepo(jsonOf(json))[QStringLiteral("nb_files")].toInt(), 5);

        const auto human = TestSupport::runCli({"scan", "--revisions", "--cache-dir", dir});
        QCOMPARE(human.exitCode, 0);
        QVERIFY2(QRegularExpression(QStringLiteral("\\nbert-mini +local_dir +540.7 kB +5 +1 ")).match(QString::fromUtf8(human.out)).hasMatch(),
                 human.out.constData());
        QVERIFY(human.out.contains("@" + FixtureCommit.toLatin1()));
        QVERIFY(!human.out.contains("(detached)"));
        QVERIFY2(human.out.contains("local_dir download folder " + QFile::encodeName(dir) + " (bookkeeping in "
                                    ".cache/huggingface/): 5 file(s) from commit " + FixtureCommit.toLatin1()),
                 human.out.constData());
    }

    void hubCachesStayHubCaches()
    {
        // A plain cache: no note, the same keys as before plus "layout".
        const QString cache = m_fixtures + QStringLiteral("/fixture-cache");
        auto result = TestSupport::runCli({"scan", "--json", "--cache-dir", cache});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.err.isEmpty());
        QCOMPARE(jsonOf(result)[QStringLiteral("layout")].toString(), QStringLiteral("hub_cache"));
        QCOMPARE(jsonOf(result)[QStringLiteral("cache_dir")].toString(), cache);

        // A cache that also got local_dir bookkeeping holds repo folders: still a cache, with a note.
        const QString mixed = copyOf(QStringLiteral("fixture-cache"));
        QVERIFY(QDir().mkpath(mixed + QStringLiteral("/.cache/huggingface/download")));
        result = TestSupport::runCli({"scan", "--json", "--cache-dir", mixed});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.err.contains("also holds local_dir bookkeeping; scanned as a hub cache"), result.err.constData());
        QCOMPARE(jsonOf(result)[QStringLiteral("layout")].toString(), QStringLiteral("hub_cache"));
        QCOMPARE(jsonOf(result)[QStringLiteral("repos")].toArray().size(), 7);
        QCOMPARE(TestSupport::runCli({"doctor", "--cache-dir", mixed}).err.contains("local_dir download folder"), false);

        // A folder of local_dirs is neither; scanned as the (empty) cache it was named as.
        result = TestSupport::runCli({"scan", "--json", "--cache-dir", m_fixtures + QStringLiteral("/fixture-localdir")});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(jsonOf(result)[QStringLiteral("layout")].toString(), QStringLiteral("hub_cache"));
    }

    void commandsNeedingACacheRefuseALocalDir_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("doctor") << QStringList{"doctor"};
        QTest::newRow("rm") << QStringList{"rm", "gpt2", "--yes"};
        QTest::newRow("prune") << QStringList{"prune", "--yes"};
        QTest::newRow("verify") << QStringList{"verify", "gpt2"};
        QTest::newRow("export") << QStringList{"export", "gpt2", "--to", m_work.path() + QStringLiteral("/never")};
        QTest::newRow("check-updates") << QStringList{"check-updates"};
        QTest::newRow("fetch") << QStringList{"fetch", "gpt2"};
        QTest::newRow("repair") << QStringList{"repair", "--mine", "--dry-run"};
        QTest::newRow("locks") << QStringList{"locks"};
    }

    void commandsNeedingACacheRefuseALocalDir()
    {
        QFETCH(QStringList, args);
        const QString dir = copyOf(QStringLiteral("fixture-localdir/bert-mini"));
        const auto result = TestSupport::runCli(args + QStringList{"--cache-dir", dir});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.startsWith("hfcache: " + QFile::encodeName(dir) + " is a local_dir download folder"),
                 result.err.constData());
        QVERIFY(result.err.contains("'hfcache scan --local-dir'"));
        QVERIFY(result.out.isEmpty());
        // Nothing was written into it.
        QVERIFY(!QFileInfo::exists(m_work.path() + QStringLiteral("/never")));
        QCOMPARE(QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size(), 6);
    }

    void legacyLayoutOf0_23()
    {
        const QString dir = legacyCopy();
        // 0.23 development versions wrote JSON; it is read too.
        QVERIFY(writeFile(dir + QStringLiteral("/.huggingface/download/config.json.metadata"),
                          "{\n    \"commit_hash\": \"8d3cf433466ffeb5a55801526b5c79624edcd887\",\n"
                          "    \"etag\": \"9d03c475fee7b8be5f2d5c6cee8dddf902978b48\",\n    \"timestamp\": 4102444800\n}"));
        const auto result = TestSupport::runCli({"scan", "--json", "--files", "--cache-dir", dir});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.err.contains("is a local_dir download folder"));
        const QJsonObject scan = jsonOf(result);
        QCOMPARE(scan[QStringLiteral("layout")].toString(), QStringLiteral("local_dir"));
        QCOMPARE(scan[QStringLiteral("bookkeeping")].toString(), QStringLiteral(".huggingface"));
        const QJsonObject repo = onlyRepo(scan);
        QCOMPARE(findingCodes(repo), QStringList{QStringLiteral("local-dir-legacy-layout")});
        const QJsonObject legacy = repo[QStringLiteral("findings")][0].toObject();
        QCOMPARE(legacy[QStringLiteral("severity")].toString(), QStringLiteral("warning"));
        QCOMPARE(legacy[QStringLiteral("path")].toString(), dir + QStringLiteral("/.huggingface"));
        QVERIFY(legacy[QStringLiteral("message")].toString().contains(QStringLiteral("huggingface_hub 0.23.0")));
        QCOMPARE(repo[QStringLiteral("revisions")][0][QStringLiteral("commit_hash")].toString(), FixtureCommit);
        const QJsonArray files = filesOf(repo);
        QCOMPARE(files.size(), 5);  // .huggingface/ is bookkeeping, not a downloaded file
        for (const QJsonValue &file : files)
            QCOMPARE(file[QStringLiteral("metadata")].toString(), QStringLiteral("fresh"));

        const auto human = TestSupport::runCli({"scan", "--local-dir", dir});
        QVERIFY2(human.out.contains("(bookkeeping in .huggingface/: the huggingface_hub 0.23.0 layout)"), human.out.constData());
        QVERIFY(human.out.contains("warning local-dir-legacy-layout"));
        QCOMPARE(TestSupport::runCli({"doctor", "--cache-dir", dir}).exitCode, 2);

        // .huggingface/ without download/ may be something else: not a local_dir by itself.
        const QString other = m_work.path() + QStringLiteral("/not-legacy");
        QVERIFY(QDir().mkpath(other + QStringLiteral("/.huggingface")));
        QVERIFY(writeFile(other + QStringLiteral("/config.json"), "{}"));
        QCOMPARE(jsonOf(TestSupport::runCli({"scan", "--json", "--cache-dir", other}))[QStringLiteral("layout")].toString(),
                 QStringLiteral("hub_cache"));
    }

    void garbageMetadata()
    {
        const QString dir = copyOf(QStringLiteral("fixture-localdir/bert-mini"));
        const QString download = dir + QStringLiteral("/.cache/huggingface/download/");
        QVERIFY(writeFile(download + QStringLiteral("config.json.metadata"), QByteArray("\x00\xff\xfe garbage\n", 12)));
        QVERIFY(writeFile(download + QStringLiteral("README.md.metadata"), ""));
        QVERIFY(writeFile(download + QStringLiteral("vocab.txt.metadata"), "{\"commit_hash\": 12, \"etag\": [], "));
        QVERIFY(writeFile(download + QStringLiteral("model.safetensors.metadata"), QByteArray(100000, '\n')));
        QVERIFY(writeFile(download + QStringLiteral(".gitattributes.metadata"),
                          "not-a-commit\ncc9cd18f348e6265216f9a42fa229608f1b0d402\nnot-a-time\n"));
        const auto result = TestSupport::runCli({"scan", "--json", "--files", "--local-dir", dir});
        QCOMPARE(result.exitCode, 0);
        const QJsonObject repo = onlyRepo(jsonOf(result));
        const QStringList codes = findingCodes(repo);
        QCOMPARE(codes.count(QStringLiteral("local-dir-metadata-invalid")), 5);
        QVERIFY2(codes.contains(QStringLiteral("local-dir-no-metadata")), qPrintable(codes.join(' ')));
        QCOMPARE(repo[QStringLiteral("revisions")][0][QStringLiteral("commit_hash")].toString(), QStringLiteral("unknown"));
        const QJsonArray files = filesOf(repo);
        QCOMPARE(files.size(), 5);  // nothing lost
        for (const QJsonValue &file : files) {
            QCOMPARE(file[QStringLiteral("metadata")].toString(), QStringLiteral("invalid"));
            QVERIFY(file[QStringLiteral("blob")].isNull());
        }
        for (const QJsonValue &f : repo[QStringLiteral("findings")].toArray()) {
            if (f[QStringLiteral("code")].toString() == QLatin1String("local-dir-metadata-invalid"))
                QVERIFY(f[QStringLiteral("path")].toString().startsWith(download));
        }
        // People see the warnings with their paths.
        const auto human = TestSupport::runCli({"scan", "--local-dir", dir});
        QCOMPARE(human.exitCode, 0);
        QVERIFY2(human.out.contains("0 error(s) and 6 warning(s):"), human.out.constData());
        QVERIFY(human.out.contains(QFile::encodeName(download) + "vocab.txt.metadata"));
        QVERIFY(human.out.contains("from commit unknown"));
    }

    void unreadableBookkeepingAsAnotherUser()
    {
        const auto user = TestSupport::ensureUser(QStringLiteral("hfct-cliscan"));
        if (!user)
            QSKIP("needs root to create a user (CI runs as root)");
        QCOMPARE(::chmod(m_work.path().toUtf8().constData(), 0755), 0);
        const QString dir = copyOf(QStringLiteral("fixture-localdir/bert-mini"));
        const QString download = dir + QStringLiteral("/.cache/huggingface/download");
        QCOMPARE(::chmod(download.toUtf8().constData(), 0700), 0);  // root-owned: the user cannot list it

        QByteArray out, err;
        QCOMPARE(TestSupport::runAsUser(*user, TestSupport::cliPath(), {"scan", "--json", "--files", "--cache-dir", dir}, &out, &err), 0);
        QVERIFY2(err.contains("is a local_dir download folder"), err.constData());  // detected without listing it
        const QJsonObject repo = onlyRepo(QJsonDocument::fromJson(out).object());
        bool unreadable = false;
        for (const QJsonValue &f : repo[QStringLiteral("findings")].toArray()) {
            unreadable |= f[QStringLiteral("code")].toString() == QLatin1String("unreadable")
                          && f[QStringLiteral("path")].toString() == download
                          && f[QStringLiteral("message")].toString().contains(QStringLiteral("Permission denied"));
        }
        QVERIFY2(unreadable, out.constData());
        const QJsonArray files = filesOf(repo);
        QCOMPARE(files.size(), 5);  // the files themselves are all there
        for (const QJsonValue &file : files)
            QCOMPARE(file[QStringLiteral("metadata")].toString(), QStringLiteral("missing"));

        // One unreadable .metadata file: the others still count.
        QCOMPARE(::chmod(download.toUtf8().constData(), 0755), 0);
        QCOMPARE(::chmod((download + QStringLiteral("/config.json.metadata")).toUtf8().constData(), 0600), 0);
        out.clear();
        QCOMPARE(TestSupport::runAsUser(*user, TestSupport::cliPath(), {"scan", "--json", "--local-dir", dir}, &out, &err), 0);
        const QJsonObject partly = onlyRepo(QJsonDocument::fromJson(out).object());
        QVERIFY2(findingCodes(partly).contains(QStringLiteral("unreadable")), out.constData());
        QCOMPARE(partly[QStringLiteral("revisions")][0][QStringLiteral("commit_hash")].toString(), FixtureCommit);

        // The folder itself unreadable: a clear error, exit 2.
        QCOMPARE(::chmod(dir.toUtf8().constData(), 0700), 0);
        err.clear();
        QCOMPARE(TestSupport::runAsUser(*user, TestSupport::cliPath(), {"scan", "--local-dir", dir}, &out, &err), 2);
        QVERIFY2(err.contains("hfcache: cannot open " + QFile::encodeName(dir) + ": Permission denied"), err.constData());
    }

    void usageErrors()
    {
        auto result = TestSupport::runCli({"scan", "--local-dir", m_work.path() + QStringLiteral("/does-not-exist")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("cannot open " + QFile::encodeName(m_work.path()) + "/does-not-exist: No such file or directory"),
                 result.err.constData());
        result = TestSupport::runCli({"scan", "--local-dir", m_fixtures, "--cache-dir", m_fixtures});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains("--local-dir and --cache-dir exclude each other"));
        // Asked to read a hub cache as a local_dir: done, with a note.
        result = TestSupport::runCli({"scan", "--json", "--local-dir", m_fixtures + QStringLiteral("/fixture-cache")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.err.contains("holds hub-cache repo folders; scanned as a local_dir as asked"));
        QCOMPARE(jsonOf(result)[QStringLiteral("layout")].toString(), QStringLiteral("local_dir"));
    }

    void cleanupTestCase()
    {
        TestSupport::removeTree(m_work.path());
    }
};

QTEST_GUILESS_MAIN(TestScanLocalDir)
#include "tst_ScanLocalDir.moc"
