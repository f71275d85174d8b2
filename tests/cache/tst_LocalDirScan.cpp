// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// LocalDirScan on the local_dir folders the real huggingface_hub client wrote (fixture-localdir,
// 0.36.2 and 1.28.0), and on broken copies of them: every bad input is a finding with its path,
// nothing is followed out of the folder, nothing else is lost.
#include "support/TestSupport.h"
#include "activity/ActivityTargets.h"
#include "cache/CacheScanner.h"
#include "cache/LocalDirScan.h"

#include <QSignalSpy>
#include <QtTest>

#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

using namespace hfcache;

namespace {

const QByteArray FixtureCommit = "8d3cf433466ffeb5a55801526b5c79624edcd887";
const QByteArray SafetensorsEtag = "251581ab03fc031741a24afcdf95c56e7e51c3abbc456a03d559a344d738846b";

QStringList codesOf(const CachedRepo &repo)
{
    QStringList codes;
    for (const Finding &f : repo.findings)
        codes << findingCodeName(f.code);
    return codes;
}

const Finding *findingFor(const CachedRepo &repo, const char *code)
{
    for (const Finding &f : repo.findings) {
        if (findingCodeName(f.code) == QLatin1String(code))
            return &f;
    }
    return nullptr;
}

QList<QByteArray> pathsOf(const CachedRevision &revision)
{
    QList<QByteArray> paths;
    for (const SnapshotEntry &e : revision.entries)
        paths << e.path;
    return paths;
}

CachedRepoPtr scan(const QByteArray &dir)
{
    ScanError error;
    const CacheSnapshotPtr snapshot = LocalDirScan::run(dir, nullptr, &error);
    if (!snapshot)
        qFatal("scan failed: %s", qPrintable(error.message()));
    return snapshot->repos.first();
}

// By bytes: QFile cannot name files that are not UTF-8.
bool writeFile(const QByteArray &path, const QByteArray &content)
{
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    const bool ok = fd >= 0 && ::write(fd, content.constData(), size_t(content.size())) == content.size();
    if (fd >= 0)
        ::close(fd);
    return ok;
}

} // namespace

class TestLocalDirScan : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_fixtureDir;
    QByteArray m_fixtures;  // holds fixture-localdir/ and fixture-localdir-v1.28/
    QTemporaryDir m_work;
    int m_copies = 0;

    // A private copy of fixture-localdir/bert-mini to break.
    QByteArray copyOfBertMini()
    {
        const QString target = m_work.path() + QStringLiteral("/copy%1").arg(++m_copies);
        if (TestSupport::runProgram(QStringLiteral("cp"), {QStringLiteral("-a"), QFile::decodeName(m_fixtures) + QStringLiteral("/fixture-localdir/bert-mini"), target}) != 0)
            qFatal("cp failed");
        return QFile::encodeName(target);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fixtures = QFile::encodeName(TestSupport::extractFixtures(m_fixtureDir));
        QVERIFY(!m_fixtures.isEmpty());
        QVERIFY(QFileInfo::exists(QFile::decodeName(m_fixtures) + QStringLiteral("/fixture-localdir/bert-mini")));
    }

    void realClientFolders_data()
    {
        QTest::addColumn<QByteArray>("folder");
        QTest::addColumn<bool>("treeListing");
        QTest::newRow("huggingface_hub 0.36.2") << QByteArray("fixture-localdir/bert-mini") << false;
        QTest::newRow("huggingface_hub 1.28.0") << QByteArray("fixture-localdir-v1.28/bert-mini") << true;
    }

    void realClientFolders()
    {
        QFETCH(QByteArray, folder);
        QFETCH(bool, treeListing);
        const QByteArray dir = m_fixtures + '/' + folder;
        QVERIFY(LocalDirScan::isLocalDir(dir));
        ScanError error;
        const CacheSnapshotPtr snapshot = LocalDirScan::run(dir + '/', nullptr, &error);
        QVERIFY(snapshot);
        QVERIFY(snapshot->isLocalDir());
        QCOMPARE(snapshot->root, dir);
        QCOMPARE(snapshot->repos.size(), 1);
        const CachedRepo &repo = *snapshot->repos.first();
        QVERIFY(repo.isLocalDir);
        QCOMPARE(repo.repoId, QStringLiteral("bert-mini"));
        QCOMPARE(repo.path, dir);
        QVERIFY(repo.blobs.isEmpty());
        QVERIFY(repo.refs.isEmpty());
        QCOMPARE(repo.revisions.size(), 1);
        const CachedRevision &revision = repo.revisions.first();
        QCOMPARE(revision.commit, FixtureCommit);
        QCOMPARE(revision.hasTreeListing, treeListing);
        QCOMPARE(repo.snapshotPath(revision), dir);
        // The files the client wrote, and nothing of its bookkeeping.
        QCOMPARE(pathsOf(revision), (QList<QByteArray>{".gitattributes", "README.md", "config.json", "model.safetensors", "vocab.txt"}));
        for (const SnapshotEntry &e : revision.entries)
            QCOMPARE(e.kind, SnapshotEntry::Kind::File);
        QCOMPARE(revision.nbFiles, 5);
        QCOMPARE(repo.nbFiles, 5);
        QCOMPARE(revision.sizeApparent, quint64(181 + 22 + 74 + 524288 + 257));
        QCOMPARE(repo.sizeApparent, revision.sizeApparent);
        QCOMPARE(snapshot->sizeOnDisk, repo.sizeOnDisk);
        QCOMPARE(repo.localDirRecords.size(), 5);
        const LocalDirRecord *weights = repo.localDirRecord("model.safetensors");
        QVERIFY(weights);
        QVERIFY(weights->valid);
        QVERIFY(weights->fresh);
        QCOMPARE(weights->etag, SafetensorsEtag);
        QCOMPARE(weights->commit, FixtureCommit);
        QCOMPARE(repo.locks.size(), 5);
        QCOMPARE(repo.locks.first().path, QByteArray(".cache/huggingface/download/.gitattributes.lock"));
        QCOMPARE(repo.lockFilePath("/elsewhere", repo.locks.first()), dir + "/.cache/huggingface/download/.gitattributes.lock");
        QVERIFY2(repo.countFindings(Severity::Info) == 0, qPrintable(codesOf(repo).join(' ')));
    }

    void configOnlyFolder()
    {
        const CachedRepoPtr repo = scan(m_fixtures + "/fixture-localdir/gpt2-config-only");
        QCOMPARE(pathsOf(repo->revisions.first()), QList<QByteArray>{"config.json"});
        QCOMPARE(repo->locks.size(), 1);
        QVERIFY2(repo->findings.isEmpty(), qPrintable(codesOf(*repo).join(' ')));
    }

    void scannerDetectsTheLayout()
    {
        CacheScanner scanner;
        QSignalSpy finished(&scanner, &CacheScanner::finished);
        scanner.start(m_fixtures + "/fixture-localdir-v1.28/bert-mini");
        QVERIFY(finished.wait(10000));
        QVERIFY(finished.first().first().value<CacheSnapshotPtr>()->isLocalDir());
        // A hub cache stays a hub cache; a folder of local_dirs is no local_dir.
        QVERIFY(!LocalDirScan::isLocalDir(m_fixtures + "/fixture-cache"));
        QVERIFY(!LocalDirScan::isLocalDir(m_fixtures + "/fixture-localdir"));
        scanner.start(m_fixtures + "/fixture-cache");
        QVERIFY(finished.wait(10000));
        const CacheSnapshotPtr cache = finished.last().first().value<CacheSnapshotPtr>();
        QVERIFY(!cache->isLocalDir());
        QVERIFY(cache->repos.size() > 1);
        // Forced: a folder whose bookkeeping is gone is still shown, with a finding.
        scanner.start(m_fixtures + "/fixture-localdir", CacheScanner::Layout::LocalDir);
        QVERIFY(finished.wait(10000));
        const CachedRepoPtr forced = finished.last().first().value<CacheSnapshotPtr>()->repos.first();
        QVERIFY(forced->isLocalDir);
        QVERIFY(codesOf(*forced).contains(QStringLiteral("local-dir-no-metadata")));
    }

    void garbageAndMixedMetadata()
    {
        const QByteArray dir = copyOfBertMini();
        const QByteArray download = dir + "/.cache/huggingface/download/";
        QVERIFY(writeFile(download + "config.json.metadata", "garbage\n\x01\xff"));
        QVERIFY(writeFile(download + "README.md.metadata", "0123456789012345678901234567890123456789\n"
                                                          "a47c710e87d3acd89e0c05a75587282c5241ae3f\n1795349428.16\n"));
        const CachedRepoPtr repo = scan(dir);
        const Finding *invalid = findingFor(*repo, "local-dir-metadata-invalid");
        QVERIFY(invalid);
        QCOMPARE(invalid->path, download + "config.json.metadata");
        QVERIFY(!repo->localDirRecord("config.json")->valid);
        const Finding *mixed = findingFor(*repo, "local-dir-mixed-commits");
        QVERIFY(mixed);
        QVERIFY2(mixed->message.contains(QStringLiteral("8d3cf433466f (3 file(s))")), qPrintable(mixed->message));
        QCOMPARE(repo->revisions.first().commit, FixtureCommit);  // the most common
        QCOMPARE(repo->revisions.first().nbFiles, 5);             // nothing lost
    }

    void missingMetadata()
    {
        const QByteArray dir = copyOfBertMini();
        TestSupport::removeTree(QFile::decodeName(dir + "/.cache/huggingface/download"));
        CachedRepoPtr repo = scan(dir);
        QCOMPARE(repo->revisions.first().commit, QByteArray("unknown"));
        QVERIFY(findingFor(*repo, "local-dir-no-metadata"));
        QVERIFY(findingFor(*repo, "local-dir-file-unrecorded")->message.startsWith(QStringLiteral("5 file(s)")));

        TestSupport::removeTree(QFile::decodeName(dir + "/.cache"));
        repo = scan(dir);
        QVERIFY(findingFor(*repo, "local-dir-no-metadata"));
        QCOMPARE(repo->revisions.first().nbFiles, 5);
    }

    void changedAndDeletedFiles()
    {
        const QByteArray dir = copyOfBertMini();
        struct utimbuf later{4102444800, 4102444800};  // 2100: newer than the metadata
        QCOMPARE(::utime((dir + "/config.json").constData(), &later), 0);
        QVERIFY(QFile::remove(QFile::decodeName(dir + "/vocab.txt")));
        const CachedRepoPtr repo = scan(dir);
        const Finding *changed = findingFor(*repo, "local-dir-file-changed");
        QVERIFY(changed);
        QCOMPARE(changed->path, dir + "/config.json");
        QVERIFY(!repo->localDirRecord("config.json")->fresh);
        QVERIFY(findingFor(*repo, "local-dir-file-missing")->message.contains(QStringLiteral("vocab.txt")));
        QCOMPARE(repo->revisions.first().nbFiles, 4);
    }

    // huggingface_hub compares float times (st_mtime - 1 <= timestamp): 1.5 s after the
    // timestamp is "changed" even though whole seconds would say 1 s; 0.95 s later is not.
    void freshnessComparesFractionsOfSeconds()
    {
        const QByteArray dir = copyOfBertMini();
        const QByteArray download = dir + "/.cache/huggingface/download/";
        for (const char *name : {"config.json", "README.md"}) {
            QFile other(QFile::decodeName(download + name + ".metadata"));
            QVERIFY(other.open(QIODevice::ReadOnly));
            const QList<QByteArray> own = other.readAll().split('\n');
            other.close();
            QVERIFY(writeFile(download + name + ".metadata", own[0] + '\n' + own[1] + "\n1700000000.25\n"));
        }
        const timespec changed[2] = {{1700000001, 750000000}, {1700000001, 750000000}};    // +1.5 s
        const timespec unchanged[2] = {{1700000001, 200000000}, {1700000001, 200000000}};  // +0.95 s
        QCOMPARE(::utimensat(AT_FDCWD, (dir + "/config.json").constData(), changed, 0), 0);
        QCOMPARE(::utimensat(AT_FDCWD, (dir + "/README.md").constData(), unchanged, 0), 0);
        const CachedRepoPtr repo = scan(dir);
        QVERIFY(!repo->localDirRecord("config.json")->fresh);
        QVERIFY(repo->localDirRecord("README.md")->fresh);
        const Finding *finding = findingFor(*repo, "local-dir-file-changed");
        QVERIFY(finding);
        QCOMPARE(finding->path, dir + "/config.json");
        // The real client's own test, on the same files.
        const char *const python = R"(
import os, sys
d = sys.argv[1]
for name in ("config.json", "README.md"):
    ts = float(open(os.path.join(d, ".cache/huggingface/download", name + ".metadata")).read().split("\n")[2])
    print(name, os.stat(os.path.join(d, name)).st_mtime - 1 <= ts)
)";
        QByteArray out;
        QCOMPARE(TestSupport::runProgram(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QString::fromLatin1(python),
                                                                              QFile::decodeName(dir)}, &out), 0);
        QCOMPARE(out, QByteArray("config.json False\nREADME.md True\n"));
    }

    void linksNeverLeaveTheFolder()
    {
        const QByteArray dir = copyOfBertMini();
        QVERIFY(writeFile(m_work.path().toUtf8() + "/secret", QByteArray(100000, 's')));
        QCOMPARE(::symlink("../secret", (dir + "/escape").constData()), 0);
        QCOMPARE(::symlink("/etc/passwd", (dir + "/absolute").constData()), 0);
        QCOMPARE(::symlink("config.json", (dir + "/alias.json").constData()), 0);
        QCOMPARE(::symlink("loop-b", (dir + "/loop-a").constData()), 0);
        QCOMPARE(::symlink("loop-a", (dir + "/loop-b").constData()), 0);
        QCOMPARE(::symlink("gone", (dir + "/dangling").constData()), 0);
        // The bookkeeping folder through a link is not followed either.
        const QByteArray other = copyOfBertMini();
        TestSupport::removeTree(QFile::decodeName(dir + "/.cache"));
        QCOMPARE(::symlink((other + "/.cache").constData(), (dir + "/.cache").constData()), 0);

        QVERIFY(!LocalDirScan::isLocalDir(dir));
        const CachedRepoPtr repo = scan(dir);
        QCOMPARE(repo->sizeApparent, quint64(181 + 22 + 74 + 524288 + 257));  // nothing counted twice or outside
        int outside = 0;
        for (const Finding &f : repo->findings)
            outside += f.code == FindingCode::SymlinkOutsideRepo;
        QCOMPARE(outside, 3);  // escape, absolute and .cache itself
        QVERIFY(std::any_of(repo->findings.cbegin(), repo->findings.cend(), [&dir](const Finding &f) {
            return f.code == FindingCode::SymlinkOutsideRepo && f.path == dir + "/.cache";
        }));
        QVERIFY(findingFor(*repo, "symlink-loop"));
        QCOMPARE(findingFor(*repo, "broken-symlink")->path, dir + "/dangling");
        QVERIFY(findingFor(*repo, "local-dir-no-metadata"));
        const CachedRevision &revision = repo->revisions.first();
        const auto alias = std::find_if(revision.entries.cbegin(), revision.entries.cend(),
                                        [](const SnapshotEntry &e) { return e.path == "alias.json"; });
        QVERIFY(alias != revision.entries.cend());
        QCOMPARE(alias->linkState, SnapshotEntry::LinkState::InRepoFile);
        QVERIFY(alias->targetIndex >= 0);
        QCOMPARE(repo->path + '/' + repo->linkTargets.at(alias->targetIndex).path, dir + "/config.json");
        QVERIFY(repo->locks.isEmpty());
    }

    void oddNamesIncompleteDownloadsAndLocks()
    {
        const QByteArray dir = copyOfBertMini();
        const QByteArray odd = "sub dir/we ird\nname\xff.bin";
        QVERIFY(QDir().mkpath(QFile::decodeName(dir + "/sub dir")));
        QVERIFY(QDir().mkpath(QFile::decodeName(dir + "/.cache/huggingface/download/sub dir")));
        QVERIFY(writeFile(dir + '/' + odd, "odd"));
        QVERIFY(writeFile(dir + "/.cache/huggingface/download/" + odd + ".metadata",
                          FixtureCommit + "\n" + SafetensorsEtag + "\n4102444800.5\n"));
        // An interrupted download as huggingface_hub >= 0.28 names it, beside its lock file.
        const QByteArray shortHash = ActivityTargets::localDirShortHash("big.bin");
        const QByteArray incomplete = dir + "/.cache/huggingface/download/sub dir/" + shortHash + '.' + SafetensorsEtag + ".incomplete";
        QVERIFY(writeFile(incomplete, QByteArray(3000, 'p')));
        QVERIFY(writeFile(dir + "/.cache/huggingface/download/sub dir/big.bin.lock", {}));

        ScanError error;
        const CacheSnapshotPtr snapshot = LocalDirScan::run(dir, nullptr, &error);
        const CachedRepo &repo = *snapshot->repos.first();
        const LocalDirRecord *record = repo.localDirRecord(odd);
        QVERIFY(record);
        QVERIFY(record->valid && record->fresh);
        QVERIFY(pathsOf(repo.revisions.first()).contains(odd));
        QVERIFY(pathsOf(repo.revisions.first()).contains("sub dir"));
        QCOMPARE(findingFor(repo, "incomplete-download")->path, incomplete);
        QCOMPARE(repo.sizeApparent, repo.revisions.first().sizeApparent + 3000);
        QCOMPARE(repo.locks.size(), 6);

        // The Locks pane's targets: the lock files and the download, paired by the short hash.
        const ActivityTargets targets = ActivityTargets::fromSnapshot(snapshot);
        int locks = 0;
        bool paired = false;
        for (qsizetype i = 0; i < targets.size(); ++i) {
            const WatchedFile file = targets.file(i);
            if (file.kind == WatchedFile::Kind::LockFile) {
                ++locks;
                QVERIFY2(QFileInfo::exists(QFile::decodeName(file.path)), file.path.constData());
            } else if (file.kind == WatchedFile::Kind::Incomplete) {
                paired = file.path == incomplete && file.lockPath == dir + "/.cache/huggingface/download/sub dir/big.bin.lock";
            }
        }
        QCOMPARE(locks, 6);
        QVERIFY(paired);
    }

    void unreadableSubFolderAsAnotherUser()
    {
        const auto user = TestSupport::ensureUser(QStringLiteral("hfct-scan"));
        if (!user)
            QSKIP("needs root to create a user (CI runs as root)");
        const QByteArray dir = copyOfBertMini();
        QVERIFY(QDir().mkpath(QFile::decodeName(dir + "/private/deeper")));
        QVERIFY(writeFile(dir + "/private/deeper/weights.bin", "w"));
        QCOMPARE(::chmod((dir + "/private").constData(), 0700), 0);  // root-owned: the user cannot list it
        ::chmod(m_work.path().toUtf8().constData(), 0755);

        // The scan runs in a child that drops to the user; it reports the finding codes back.
        int pipeFds[2];
        QCOMPARE(::pipe(pipeFds), 0);
        const pid_t child = ::fork();
        if (child == 0) {
            ::close(pipeFds[0]);
            if (::setgroups(0, nullptr) != 0 || ::setgid(user->gid) != 0 || ::setuid(user->uid) != 0)
                ::_exit(2);
            ScanError error;
            const CacheSnapshotPtr snapshot = LocalDirScan::run(dir, nullptr, &error);
            QByteArray report;
            if (snapshot) {
                for (const Finding &f : snapshot->repos.first()->findings)
                    report += findingCodeName(f.code).toUtf8() + ' ' + f.path + ' ' + f.message.toUtf8() + '\n';
                report += "files " + QByteArray::number(snapshot->repos.first()->revisions.first().nbFiles) + '\n';
            }
            const ssize_t written = ::write(pipeFds[1], report.constData(), size_t(report.size()));
            ::_exit(written == report.size() ? 0 : 3);
        }
        ::close(pipeFds[1]);
        QByteArray report;
        char buffer[4096];
        for (ssize_t n; (n = ::read(pipeFds[0], buffer, sizeof buffer)) > 0;)
            report.append(buffer, n);
        ::close(pipeFds[0]);
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        QVERIFY2(report.contains("unreadable " + dir + "/private cannot read private: Permission denied"), report.constData());
        QVERIFY2(report.contains("files 5\n"), report.constData());  // the rest is whole
    }

    void cleanupTestCase()
    {
        TestSupport::removeTree(m_work.path());  // names QTemporaryDir cannot remove
    }

    void unusableFolder()
    {
        ScanError error;
        QVERIFY(!LocalDirScan::run(m_work.path().toUtf8() + "/does-not-exist", nullptr, &error));
        QCOMPARE(error.message(), QStringLiteral("cannot open %1/does-not-exist: No such file or directory").arg(m_work.path()));
        QVERIFY(!LocalDirScan::isLocalDir(m_work.path().toUtf8() + "/does-not-exist"));
    }
};

QTEST_GUILESS_MAIN(TestLocalDirScan)
#include "tst_LocalDirScan.moc"
