// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// Bad input: the scanner records a finding with the path and the reason, keeps every other
// repo and entry, and never follows a link out of the repo.
#include "support/CacheBuilder.h"
#include "support/TestSupport.h"
#include "cache/CacheScan.h"
#include "util/PathText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <atomic>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace hfcache;

namespace {

const QByteArray repoFolder = "models--org--model";

QStringList codesOf(const CachedRepo &repo)
{
    QStringList codes;
    for (const Finding &f : repo.findings)
        codes << findingCodeName(f.code);
    return codes;
}

const Finding *findingFor(const CachedRepo &repo, const char *code, const QByteArray &pathSuffix)
{
    for (const Finding &f : repo.findings) {
        if (findingCodeName(f.code) == QLatin1String(code) && f.path.endsWith(pathSuffix))
            return &f;
    }
    return nullptr;
}

// A healthy revision to check nothing else is lost: config.json and weights.
QByteArray addHealthyRevision(CacheBuilder &cache, const QByteArray &folder, const QByteArray &seed)
{
    const QByteArray commit = CacheBuilder::commit(seed);
    cache.linkBlob(folder, commit, "config.json", cache.addBlob(folder, "{\"seed\": \"" + seed + "\"}"));
    cache.linkBlob(folder, commit, "model.safetensors", cache.addBlob(folder, QByteArray(5000, 'w') + seed, true));
    cache.writeRef(folder, "main", commit);
    return commit;
}

CachedRepoPtr scanOne(const QByteArray &root, const QByteArray &folder = repoFolder)
{
    ScanError error;
    const CacheSnapshotPtr snapshot = CacheScan::run(root, {}, {}, nullptr, &error);
    if (!snapshot)
        qFatal("scan failed: %s", qPrintable(error.message()));
    for (const CachedRepoPtr &repo : snapshot->repos) {
        if (repo->folderName == folder)
            return repo;
    }
    return nullptr;
}

} // namespace

class TestCacheScanBadInput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void symlinkLoops()
    {
        QTemporaryDir dir;
        CacheBuilder cache(QFile::encodeName(dir.path()));
        const QByteArray commit = addHealthyRevision(cache, repoFolder, "loops");
        cache.symlink(repoFolder, commit, "a", "b");
        cache.symlink(repoFolder, commit, "b", "a");
        cache.symlink(repoFolder, commit, "self", "self");
        cache.symlink(repoFolder, commit, "sub/deeper", "../sub/deeper");
        const CachedRepoPtr repo = scanOne(cache.root());
        QVERIFY(findingFor(*repo, "symlink-loop", "/a"));
        QVERIFY(findingFor(*repo, "symlink-loop", "/b"));
        QVERIFY(findingFor(*repo, "symlink-loop", "/self"));
        QVERIFY(findingFor(*repo, "symlink-loop", "/sub/deeper"));
        QCOMPARE(repo->revisions.size(), 1);
        QCOMPARE(repo->revisions.first().nbFiles, 6);
        QCOMPARE(repo->nbFiles, 2);  // the two healthy files still count
    }

    void linksLeavingTheRepoAreNeverFollowed()
    {
        QTemporaryDir dir;
        CacheBuilder cache(QFile::encodeName(dir.path()));
        const QByteArray commit = addHealthyRevision(cache, repoFolder, "outside");
        const quint64 healthy = scanOne(cache.root())->sizeApparent;
        cache.symlink(repoFolder, commit, "passwd-absolute", "/etc/passwd");
        cache.symlink(repoFolder, commit, "passwd-relative", "../../../../../../../../etc/passwd");
        cache.symlink(repoFolder, commit, "etc", "/etc");
        cache.symlink(repoFolder, commit, "through-link", "etc/passwd");  // escapes via another link
        cache.symlink(repoFolder, commit, "other-repo", "../../../models--org--other/blobs/x");
        const CachedRepoPtr repo = scanOne(cache.root());
        for (const char *name : {"/passwd-absolute", "/passwd-relative", "/etc", "/through-link", "/other-repo"}) {
            const Finding *f = findingFor(*repo, "symlink-outside-repo", name);
            QVERIFY2(f, name);
            QCOMPARE(f->severity, Severity::Error);
            QVERIFY(f->path.startsWith(cache.root()));
        }
        QCOMPARE(repo->sizeApparent, healthy);  // /etc/passwd is not counted
        QCOMPARE(repo->nbFiles, 2);
    }

    void brokenAndAbsoluteLinks()
    {
        QTemporaryDir dir;
        CacheBuilder cache(QFile::encodeName(dir.path()));
        const QByteArray commit = addHealthyRevision(cache, repoFolder, "broken");
        cache.linkBlob(repoFolder, commit, "missing.bin", QByteArray(64, 'a'));
        const QByteArray blob = cache.addBlob(repoFolder, "absolute content");
        cache.symlink(repoFolder, commit, "old-client.txt", cache.root() + '/' + repoFolder + "/blobs/" + blob);
        cache.symlink(repoFolder, commit, "to-folder", "../../refs");
        const CachedRepoPtr repo = scanOne(cache.root());
        QVERIFY(findingFor(*repo, "broken-symlink", "/missing.bin"));
        QVERIFY(findingFor(*repo, "broken-symlink", "/to-folder"));
        QVERIFY(findingFor(*repo, "absolute-symlink", "/old-client.txt"));
        QCOMPARE(repo->nbFiles, 3);  // the absolutely-linked blob is found and counted
        QVERIFY(!findingFor(*repo, "orphan-blob", blob));
    }

    void oddNames()
    {
        QTemporaryDir dir;
        CacheBuilder cache(QFile::encodeName(dir.path()));
        const QByteArray commit = CacheBuilder::commit("odd");
        const QList<QByteArray> names = {"with space.bin", "new\nline.txt", "caf\xe9-latin1.bin",
                                         "\xe6\xa8\xa1\xe5\x9e\x8b/unicode folder/f.txt", "tab\there", "quote\"back\\slash"};
        for (const QByteArray &name : names)
            cache.linkBlob(repoFolder, commit, name, cache.addBlob(repoFolder, "content of " + name));
        cache.writeRef(repoFolder, "main", commit);
        const CachedRepoPtr repo = scanOne(cache.root());
        QCOMPARE(repo->revisions.first().nbFiles, names.size());
        QCOMPARE(repo->countFindings(Severity::Warning), 0);

        // JSON keeps every name losslessly; the table keeps one name per line.
        const auto json = TestSupport::runCli({"scan", "--json", "--files", "--cache-dir", dir.path()});
        QCOMPARE(json.exitCode, 0);
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(json.out, &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QSet<QByteArray> seen;
        const QJsonArray files = doc[QStringLiteral("repos")][0][QStringLiteral("revisions")][0][QStringLiteral("files")].toArray();
        for (const QJsonValue &f : files)
            seen.insert(PathText::fromJsonString(f[QStringLiteral("path")].toString()));
        QCOMPARE(seen, QSet<QByteArray>(names.cbegin(), names.cend()));

        const auto table = TestSupport::runCli({"scan", "--files", "--cache-dir", dir.path()});
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.out.contains("new\\nline.txt"));
        QVERIFY(table.out.contains("caf\\xe9-latin1.bin"));
        QVERIFY(!table.out.contains("new\nline"));
        TestSupport::removeTree(dir.path());
    }

    void garbageAndEmptyRefs()
    {
        QTemporaryDir dir;
        CacheBuilder cache(QFile::encodeName(dir.path()));
        const QByteArray commit = addHealthyRevision(cache, repoFolder, "refs");
        cache.writeRef(repoFolder, "garbage", "this is not a hash\x01\xff");
        cache.writeRef(repoFolder, "empty", "");
        cache.writeRef(repoFolder, "newline", commit + "\n");
        cache.writeRef(repoFolder, "refs/pr/7", commit);
        cache.writeRef(repoFolder, "feature/nested/branch", commit);
        cache.writeRef(repoFolder, "dangling", CacheBuilder::commit("nowhere"));
        const CachedRepoPtr repo = scanOne(cache.root());
        QVERIFY(findingFor(*repo, "ref-invalid", "/refs/garbage"));
        QVERIFY(findingFor(*repo, "ref-invalid", "/refs/empty"));
        QVERIFY(findingFor(*repo, "ref-whitespace", "/refs/newline"));
        QVERIFY(findingFor(*repo, "ref-missing-snapshot", "/refs/dangling"));
        const CachedRevision &revision = repo->revisions.first();
        QCOMPARE(revision.refs, (QStringList{"feature/nested/branch", "main", "newline", "refs/pr/7"}));
    }

    void unreadableFolderAsAnotherUser()
    {
        const auto user = TestSupport::ensureUser(QStringLiteral("hfct-scan"));
        if (!user)
            QSKIP("needs root to create a user (CI runs as root)");
        QTemporaryDir dir;
        ::chmod(QFile::encodeName(dir.path()).constData(), 0755);
        CacheBuilder cache(QFile::encodeName(dir.path()));
        const QByteArray commit = addHealthyRevision(cache, repoFolder, "unreadable");
        addHealthyRevision(cache, "models--org--readable", "fine");
        const QByteArray locked = cache.root() + '/' + repoFolder + "/snapshots/" + commit;
        QCOMPARE(::chmod(locked.constData(), 0700), 0);  // root-owned, so the user cannot list it

        QByteArray out, err;
        QCOMPARE(TestSupport::runAsUser(*user, TestSupport::cliPath(), {"scan", "--json", "--cache-dir", dir.path()}, &out, &err), 0);
        const QJsonDocument doc = QJsonDocument::fromJson(out);
        const QJsonArray repos = doc[QStringLiteral("repos")].toArray();
        QCOMPARE(repos.size(), 2);
        bool reported = false;
        for (const QJsonValue &repo : repos) {
            for (const QJsonValue &f : repo[QStringLiteral("findings")].toArray()) {
                if (f[QStringLiteral("code")].toString() == QLatin1String("unreadable")) {
                    reported = true;
                    QCOMPARE(f[QStringLiteral("path")].toString(), QString::fromUtf8(locked));
                    QVERIFY(f[QStringLiteral("message")].toString().contains(QStringLiteral("Permission denied")));
                }
            }
        }
        QVERIFY(reported);
        QCOMPARE(repos[1][QStringLiteral("nb_files")].toInt(), 2);  // the readable repo is whole
    }

    // A blobs/ the user may not search is a permission problem, not 2 missing blobs; one they
    // may search but not list still gives every linked blob.
    void unreadableBlobsFolderAsAnotherUser()
    {
        const auto user = TestSupport::ensureUser(QStringLiteral("hfct-scan"));
        if (!user)
            QSKIP("needs root to create a user (CI runs as root)");
        QTemporaryDir dir;
        ::chmod(QFile::encodeName(dir.path()).constData(), 0755);
        CacheBuilder cache(QFile::encodeName(dir.path()));
        addHealthyRevision(cache, repoFolder, "blobs-locked");
        const QByteArray blobs = cache.root() + '/' + repoFolder + "/blobs";
        const QString target = QStringLiteral("/tmp/hfct-scan-export-%1").arg(::getpid());
        TestSupport::removeTree(target);
        const auto findingsOf = [&](QJsonObject *repo) {
            QByteArray out, err;
            TestSupport::runAsUser(*user, TestSupport::cliPath(), {"scan", "--json", "--cache-dir", dir.path()}, &out, &err);
            *repo = QJsonDocument::fromJson(out)[QStringLiteral("repos")].toArray().first().toObject();
            QMap<QString, QStringList> byCode;
            for (const QJsonValue &f : repo->value(QStringLiteral("findings")).toArray())
                byCode[f[QStringLiteral("code")].toString()] << f[QStringLiteral("message")].toString();
            return byCode;
        };

        QCOMPARE(::chmod(blobs.constData(), 0700), 0);  // root's: the user can neither list nor search it
        QJsonObject repo;
        auto byCode = findingsOf(&repo);
        QVERIFY2(!byCode.contains(QStringLiteral("broken-symlink")), qPrintable(byCode.keys().join(u',')));
        QCOMPARE(byCode.value(QStringLiteral("unreadable")).size(), 1);
        const QString message = byCode.value(QStringLiteral("unreadable")).first();
        QVERIFY2(message.contains(QLatin1String("Permission denied")) && message.contains(QLatin1String("2 snapshot link(s)"))
                     && message.contains(QLatin1String("not missing data")), qPrintable(message));
        QByteArray out, err;
        QVERIFY(TestSupport::runAsUser(*user, TestSupport::cliPath(),
                                       {"export", "org/model", "--to", target, "--cache-dir", dir.path()}, &out, &err) != 0);
        QVERIFY2(err.contains("Permission denied") && !err.contains("missing from the cache"), err.constData());

        QCOMPARE(::chmod(blobs.constData(), 0711), 0);  // search without listing: links work for the client
        byCode = findingsOf(&repo);
        QVERIFY(!byCode.contains(QStringLiteral("broken-symlink")));
        QCOMPARE(repo.value(QStringLiteral("nb_files")).toInt(), 2);
        QVERIFY(byCode.value(QStringLiteral("unreadable")).first().contains(QLatin1String("cannot list blobs")));
        QCOMPARE(TestSupport::runAsUser(*user, TestSupport::cliPath(),
                                        {"export", "org/model", "--to", target, "--cache-dir", dir.path()}, &out, &err), 0);
        QVERIFY(QFile::exists(target + QStringLiteral("/model.safetensors")));
        TestSupport::removeTree(target);
    }

    // refs/main + .no_exist/ only is hf_hub_download's record of a file the repo lacks; refs/
    // alone is the local_dir side effect. The two are told apart.
    void refsWithoutSnapshots()
    {
        QTemporaryDir dir;
        CacheBuilder cache(QFile::encodeName(dir.path()));
        const QByteArray commit = CacheBuilder::commit("probe");
        cache.writeRef("models--org--probed", "main", commit);
        cache.writeFile("models--org--probed/.no_exist/" + commit + "/adapter_config.json", {});
        cache.writeRef("models--org--localdir", "main", commit);
        const CachedRepoPtr probed = scanOne(cache.root(), "models--org--probed");
        const CachedRepoPtr localDir = scanOne(cache.root(), "models--org--localdir");
        QVERIFY(probed && localDir);
        const Finding *record = findingFor(*probed, "repo-without-snapshots", "models--org--probed");
        QVERIFY(record);
        QCOMPARE(record->severity, Severity::Info);
        QVERIFY2(record->message.contains(QLatin1String(".no_exist")) && record->message.contains(QLatin1String("adapter_config.json"))
                     && !record->message.contains(QLatin1String("local_dir")), qPrintable(record->message));
        const Finding *sideEffect = findingFor(*localDir, "repo-without-snapshots", "models--org--localdir");
        QVERIFY(sideEffect);
        QCOMPARE(sideEffect->severity, Severity::Warning);
        QVERIFY(sideEffect->message.contains(QLatin1String("local_dir")));
    }

    // A revision's last_modified is huggingface_hub's: the newest mtime of its files' blobs
    // (_cache_manager.py in 0.36.2 and 1.28.0), the snapshot folder's only when it has no file.
    void revisionLastModifiedFollowsBlobs()
    {
        QTemporaryDir dir;
        CacheBuilder cache(QFile::encodeName(dir.path()));
        const QByteArray commit = addHealthyRevision(cache, repoFolder, "times");
        const QByteArray empty = CacheBuilder::commit("empty");
        cache.mkdirs(repoFolder + "/snapshots/" + empty);
        const QByteArray repo = cache.root() + '/' + repoFolder;
        const auto setMtime = [](const QByteArray &path, qint64 seconds) {
            const timespec times[2] = {{seconds, 0}, {seconds, 0}};
            QCOMPARE(::utimensat(AT_FDCWD, path.constData(), times, AT_SYMLINK_NOFOLLOW), 0);
        };
        const QStringList blobs = QDir(QFile::decodeName(repo + "/blobs")).entryList(QDir::Files);
        QCOMPARE(blobs.size(), 2);
        setMtime(repo + "/blobs/" + QFile::encodeName(blobs[0]), 1600000000);
        setMtime(repo + "/blobs/" + QFile::encodeName(blobs[1]), 1650000000);
        setMtime(repo + "/snapshots/" + commit, 1700000000);  // e.g. a later hf_hub_download of another file
        setMtime(repo + "/snapshots/" + empty, 1710000000);
        const CachedRepoPtr scanned = scanOne(cache.root());
        QVERIFY(scanned);
        for (const CachedRevision &revision : scanned->revisions)
            QCOMPARE(revision.lastModified, qint64(revision.commit == commit ? 1650000000 : 1710000000));
    }

    void filesVanishingDuringTheScan()
    {
        QTemporaryDir dir;
        CacheBuilder cache(QFile::encodeName(dir.path()));
        const QByteArray commit = addHealthyRevision(cache, repoFolder, "churn");
        for (int i = 0; i < 20; ++i)
            addHealthyRevision(cache, "models--org--other" + QByteArray::number(i), QByteArray::number(i));
        const QByteArray churnDir = cache.root() + '/' + repoFolder + "/snapshots/" + commit;
        std::atomic_bool stop{false};
        // Creates and deletes links and folders as fast as it can, at the top of a snapshot and in
        // a sub-folder the scanner is about to enter.
        cache.mkdirs(repoFolder + "/snapshots/" + commit + "/sub");
        std::thread churn([&]() {
            for (int i = 0; !stop; ++i) {
                const QByteArray link = churnDir + "/tmp-link-" + QByteArray::number(i % 50);
                const QByteArray folder = churnDir + (i % 2 ? "/tmp-dir-" : "/sub/tmp-dir-") + QByteArray::number(i % 7);
                if (::symlink("../../blobs/nothing", link.constData()) == 0)
                    ::unlink(link.constData());
                if (::mkdir(folder.constData(), 0755) == 0)
                    ::rmdir(folder.constData());
            }
        });
        const auto joinChurn = qScopeGuard([&]() {  // also when a check below fails
            stop = true;
            churn.join();
        });
        for (int round = 0; round < 300; ++round) {
            const CacheSnapshotPtr snapshot = CacheScan::run(cache.root());
            QVERIFY(snapshot);
            QCOMPARE(snapshot->repos.size(), 21);
            for (const CachedRepoPtr &repo : snapshot->repos) {
                QVERIFY2(!codesOf(*repo).contains(QStringLiteral("unreadable")), qPrintable(codesOf(*repo).join(' ')));
                QCOMPARE(repo->nbFiles, 2);
            }
        }
    }

    void twentyThousandFileSnapshot()
    {
        QTemporaryDir dir;
        CacheBuilder cache(QFile::encodeName(dir.path()));
        const QByteArray commit = CacheBuilder::commit("big");
        const QByteArray blob = cache.addBlob(repoFolder, "shared content");
        for (int i = 0; i < 20000; ++i)
            cache.linkBlob(repoFolder, commit, "shard-" + QByteArray::number(i / 1000) + "/f" + QByteArray::number(i), blob);
        cache.writeRef(repoFolder, "main", commit);
        const CachedRepoPtr repo = scanOne(cache.root());
        QCOMPARE(repo->revisions.first().nbFiles, 20000);
        QCOMPARE(repo->nbFiles, 1);  // one blob, counted once
        QCOMPARE(repo->revisions.first().sizeApparent, quint64(14));
    }

    void layoutOddities()
    {
        QTemporaryDir dir;
        CacheBuilder cache(QFile::encodeName(dir.path()));
        const QByteArray commit = addHealthyRevision(cache, repoFolder, "odd layout");
        cache.addBlob(repoFolder, "nobody uses me");
        cache.writeFile(repoFolder + "/blobs/not-a-hash", "x");
        cache.writeFile(repoFolder + "/blobs/" + QByteArray(64, 'b') + ".0123abcd.incomplete", "partial");
        cache.writeFile(repoFolder + "/snapshots/" + commit + "/copied.bin", "degraded copy");
        cache.writeFile(repoFolder + "/stray.txt", "?");
        cache.writeFile("tmpab12cd", "old temp");
        cache.writeFile("version.txt", "1");
        cache.mkdirs("foo--bar");
        cache.mkdirs("models--org--empty");
        cache.mkdirs("kernels--org--kern/refs");
        cache.writeRef("kernels--org--kern", "main", CacheBuilder::commit("kern"));
        cache.writeFile(".locks/models--org--gone/abc.lock", "");

        ScanError error;
        const CacheSnapshotPtr snapshot = CacheScan::run(cache.root(), {}, {}, nullptr, &error);
        QVERIFY(snapshot);
        const CachedRepoPtr repo = snapshot->repo(QStringLiteral("model/org/model"));
        QVERIFY(findingFor(*repo, "orphan-blob", {}));
        QVERIFY(findingFor(*repo, "blob-name-invalid", "/blobs/not-a-hash"));
        QVERIFY(findingFor(*repo, "incomplete-download", ".incomplete"));
        QVERIFY(findingFor(*repo, "degraded-copy", commit));
        QVERIFY(findingFor(*repo, "unknown-entry", "/stray.txt"));
        QCOMPARE(repo->revisions.first().nbFiles, 3);
        QVERIFY(findingFor(*snapshot->repo(QStringLiteral("model/org/empty")), "empty-repo", {}));
        QCOMPARE(snapshot->repo(QStringLiteral("kernel/org/kern"))->type, RepoType::Kernel);
        QStringList rootPaths;
        for (const Finding &f : snapshot->findings)
            rootPaths << QString::fromUtf8(f.path.mid(cache.root().size() + 1));
        rootPaths.sort();
        QCOMPARE(rootPaths, (QStringList{".locks/models--org--gone", "foo--bar", "tmpab12cd"}));
    }

    void unusableRoots()
    {
        QTemporaryDir dir;
        const auto empty = TestSupport::runCli({"scan", "--json", "--cache-dir", dir.path()});
        QCOMPARE(empty.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(empty.out)[QStringLiteral("repos")].toArray().size(), 0);

        const QString file = dir.path() + QStringLiteral("/a file");
        QFile(file).open(QIODevice::WriteOnly);
        const auto notADir = TestSupport::runCli({"scan", "--cache-dir", file});
        QCOMPARE(notADir.exitCode, 2);
        QCOMPARE(notADir.err, QByteArray("hfcache: cannot open " + QFile::encodeName(file) + ": Not a directory\n"));
        QVERIFY(notADir.out.isEmpty());

        const auto missing = TestSupport::runCli({"scan", "--cache-dir", dir.path() + QStringLiteral("/nope")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.endsWith(": No such file or directory\n"));
    }
};

QTEST_GUILESS_MAIN(TestCacheScanBadInput)
#include "tst_CacheScanBadInput.moc"
