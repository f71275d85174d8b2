// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// huggingface_hub >= 1.29's cross-repo shared blob store (hf-home-reference.md §7.2), built by
// SharedBlobBuilder the way the library writes it: the scan counts a payload once, rm and prune
// free it only with its last reference, export and verify follow both link levels, repair
// gives the store the library's modes; `locks` and doctor see its lock files held, waited on,
// stale or shut to other members of a shared cache's group, with real filelock holders.
#include "support/CacheBuilder.h"
#include "support/PythonPeer.h"
#include "support/SharedBlobBuilder.h"
#include "support/TestSupport.h"
#include "cache/CacheScan.h"
#include "cache/SharedBlobLayout.h"
#include "export/ExportJob.h"
#include "export/ExportSource.h"
#include "maintain/CacheVerifier.h"
#include "maintain/DeleteExecutor.h"
#include "maintain/DeletePlanner.h"
#include "maintain/PrunePlanner.h"
#include "repair/RepairExecutor.h"
#include "repair/RepairRecipe.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace hfcache;

namespace {

const QByteArray RepoA = "models--org--a";
const QByteArray RepoB = "models--org--b";

QByteArray weights()
{
    QByteArray bytes;
    for (int i = 0; i < 300000; ++i)
        bytes += char('a' + i % 23);
    return bytes;
}

struct SharedCache
{
    QByteArray root;
    QByteArray etag;      // the weights' blob name in both repos
    QByteArray payload;   // root-relative path of their shared payload
};

// Two repos (one revision each, `main`) whose weights are one payload of the store, and a
// config.json each as a classic blob.
SharedCache twoReposSharingWeights(const QTemporaryDir &dir)
{
    CacheBuilder cache(QFile::encodeName(dir.path()) + "/hub");
    SharedBlobBuilder store(cache);
    SharedCache built{cache.root(), {}, SharedBlobBuilder::payloadPath(weights())};
    for (const QByteArray &repo : {RepoA, RepoB}) {
        built.etag = store.addSharedBlob(repo, weights());
        const QByteArray config = cache.addBlob(repo, "{\"name\": \"" + repo + "\"}");
        const QByteArray commit = CacheBuilder::commit(repo);
        cache.linkBlob(repo, commit, "model.safetensors", built.etag);
        cache.linkBlob(repo, commit, "config.json", config);
        cache.writeRef(repo, "main", commit);
    }
    return built;
}

CachedRepoPtr repoOf(const CacheSnapshotPtr &snapshot, const QByteArray &folder)
{
    for (const CachedRepoPtr &repo : snapshot->repos)
        if (repo->folderName == folder)
            return repo;
    return nullptr;
}

const SnapshotEntry &entryNamed(const CachedRevision &revision, const QByteArray &path)
{
    return *std::find_if(revision.entries.cbegin(), revision.entries.cend(),
                         [&path](const SnapshotEntry &e) { return e.path == path; });
}

bool exists(const QByteArray &path)
{
    struct stat st;
    return ::lstat(path.constData(), &st) == 0;
}

quint64 diskSize(const QByteArray &path)
{
    struct stat st;
    return ::lstat(path.constData(), &st) == 0 ? quint64(st.st_blocks) * 512 : 0;
}

quint32 modeOf(const QByteArray &path)
{
    struct stat st;
    return ::lstat(path.constData(), &st) == 0 ? st.st_mode & 07777 : 0;
}

QByteArray readFile(const QByteArray &path)
{
    QFile file(QFile::decodeName(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int countCode(const Findings &findings, FindingCode code)
{
    return int(std::count_if(findings.cbegin(), findings.cend(), [code](const Finding &f) { return f.code == code; }));
}

Findings allFindings(const CacheSnapshot &snapshot)
{
    Findings all = snapshot.findings;
    for (const CachedRepoPtr &repo : snapshot.repos)
        all += repo->findings;
    return all;
}

QSet<qint64> pidsOf(const QJsonArray &processes)
{
    QSet<qint64> pids;
    for (const QJsonValue &p : processes)
        pids.insert(p.toObject().value(QLatin1String("pid")).toInteger());
    return pids;
}

// The row of `hfcache locks --json` (hub part) for the lock file `relPath`.
QJsonObject locksRow(const QByteArray &root, const QByteArray &relPath)
{
    const auto run = TestSupport::runCli({"locks", "--json", "--kind", "hub", "--cache-dir", QFile::decodeName(root)});
    return TestSupport::objectWhere(QJsonDocument::fromJson(run.out).object().value("locks").toArray(), QLatin1String("rel_path"),
                                    QFile::decodeName(relPath));
}

// The cache-level findings of `hfcache doctor --json` (as `asUser` when given) with `code` at `path`.
QList<QJsonObject> doctorFindings(const QByteArray &root, const QString &code, const QByteArray &path, const QString &asUser = {})
{
    QStringList args{"doctor", "--json", "--kind", "hub", "--cache-dir", QFile::decodeName(root)};
    if (!asUser.isEmpty())
        args << "--as-user" << asUser;
    const auto run = TestSupport::runCli(args);
    QList<QJsonObject> found;
    for (const QJsonValue &f : QJsonDocument::fromJson(run.out).object().value("findings").toArray()) {
        if (f.toObject().value("code").toString() == code && f.toObject().value("path").toString() == QFile::decodeName(path))
            found.append(f.toObject());
    }
    return found;
}

DeleteResult removeRepos(const QByteArray &root, const QList<QByteArray> &folders, DeletePlan *shown = nullptr)
{
    const CacheSnapshotPtr snapshot = CacheScan::run(root);
    DeletePlanner planner(snapshot);
    for (const QByteArray &folder : folders)
        planner.addRepo(repoOf(snapshot, folder));
    const DeletePlan plan = planner.build();
    if (shown)
        *shown = plan;
    return DeleteExecutor::execute(plan, {});
}

} // namespace

class TestSharedBlobs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scanCountsPayloadOnce();
    void scanJsonNamesPayloadAndRepos();
    void rmOneKeepsPayloadForTheOther();
    void rmBothRemovesPayload();
    void rmKeepsPayloadLinkedSinceTheScan();
    void pruneRemovesUnreferencedPayload();
    void payloadMissingIsAFinding();
    void exportIsByteIdenticalWithoutLinks();
    void exportRefusesLinkLeavingCache();
    void verifyPassesThenDetectsCorruptPayload();
    void repairSetsPayloadModes();
    void locksShowStoreLockHolderAndWaiter();
    void staleSoftLockOfKilledPublisher();
    void storeLockShutToGroupMember();
};

void TestSharedBlobs::scanCountsPayloadOnce()
{
    QTemporaryDir dir;
    const SharedCache cache = twoReposSharingWeights(dir);
    const CacheSnapshotPtr snapshot = CacheScan::run(cache.root);
    QVERIFY(snapshot);
    QVERIFY(snapshot->sharedBlobs.present);
    QCOMPARE(snapshot->sharedBlobs.payloads.size(), 1);
    const SharedPayload &payload = snapshot->sharedBlobs.payloads.first();
    QCOMPARE(payload.linkedBy, (QList<QByteArray>{RepoA + "/blobs/" + cache.etag, RepoB + "/blobs/" + cache.etag}));
    QCOMPARE(payload.manifestRefs.size(), 2);
    // The store is the layout, not an unknown entry; nothing else is wrong either.
    const Findings findings = allFindings(*snapshot);
    QVERIFY2(findings.isEmpty(), qPrintable(findings.value(0).message));

    const quint64 payloadBytes = diskSize(cache.root + '/' + cache.payload);
    QVERIFY(payloadBytes > 0);
    quint64 configs = 0;
    for (const QByteArray &folder : {RepoA, RepoB}) {
        const CachedRepoPtr repo = repoOf(snapshot, folder);
        QCOMPARE(repo->revisions.size(), 1);
        QCOMPARE(repo->revisions.first().nbFiles, 2);
        for (const CachedBlob &blob : repo->blobs) {
            if (!blob.isShared())
                configs += blob.stat.diskSize;
        }
        // Each repo's size holds the payload it uses (as huggingface_hub's does) ...
        QVERIFY(repo->sizeOnDisk >= payloadBytes);
        QVERIFY(repo->sizeReferenced > quint64(weights().size()));
    }
    // ... and the cache counts it once.
    QCOMPARE(snapshot->sizeOnDisk, payloadBytes + configs);
}

void TestSharedBlobs::scanJsonNamesPayloadAndRepos()
{
    QTemporaryDir dir;
    const SharedCache cache = twoReposSharingWeights(dir);
    const auto run = TestSupport::runCli({"scan", "--json", "--files", "--cache-dir", QFile::decodeName(cache.root)});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(run.out).object();
    const QJsonObject shared = json.value("shared_blobs").toObject();
    const QJsonObject payload = shared.value("payloads").toArray().at(0).toObject();
    QCOMPARE(payload.value("path").toString(), QFile::decodeName(cache.root + '/' + cache.payload));
    QCOMPARE(payload.value("repos").toInt(), 2);
    QCOMPARE(payload.value("referenced_by").toArray().size(), 2);
    const QJsonArray files = json.value("repos").toArray().at(0).toObject().value("revisions").toArray().at(0)
                                 .toObject().value("files").toArray();
    const QJsonObject file = TestSupport::objectWhere(files, QLatin1String("path"), QStringLiteral("model.safetensors"));
    QCOMPARE(file.value("blob").toString(), QString::fromLatin1(cache.etag));  // the existing key keeps its meaning
    QCOMPARE(file.value("shared_payload").toString(), QFile::decodeName(cache.root + '/' + cache.payload));
}

void TestSharedBlobs::rmOneKeepsPayloadForTheOther()
{
    QTemporaryDir dir;
    const SharedCache cache = twoReposSharingWeights(dir);
    const QByteArray payload = cache.root + '/' + cache.payload;
    DeletePlan plan;
    const DeleteResult result = removeRepos(cache.root, {RepoA}, &plan);
    QVERIFY2(result.ok(), qPrintable(result.failures.value(0).error));
    // The dry run says the manifest is brought up to date, and counts no payload byte as freed.
    QVERIFY2(plan.render().contains("shared-manifest " + QString::fromLatin1(cache.payload)), qPrintable(plan.render()));
    QVERIFY(plan.contentFreed() < diskSize(payload));
    QVERIFY(result.bytesFreed < diskSize(payload));

    QVERIFY(!exists(cache.root + '/' + RepoA));
    QCOMPARE(readFile(payload), weights());
    QCOMPARE(readFile(payload + ".refs"), RepoB + "/blobs/" + cache.etag + '\n');
    QCOMPARE(readFile(cache.root + '/' + RepoB + "/snapshots/" + CacheBuilder::commit(RepoB) + "/model.safetensors"), weights());
    QCOMPARE(modeOf(payload + ".refs"), 0666u);  // the library's: every user of the cache rewrites it
}

void TestSharedBlobs::rmBothRemovesPayload()
{
    // One after the other, then both in one plan: either way the payload goes with its last link.
    for (const bool together : {false, true}) {
        QTemporaryDir dir;
        const SharedCache cache = twoReposSharingWeights(dir);
        const QByteArray payload = cache.root + '/' + cache.payload;
        const quint64 payloadBytes = diskSize(payload);
        if (!together)
            QVERIFY(removeRepos(cache.root, {RepoA}).ok());
        DeletePlan plan;
        const DeleteResult result = removeRepos(cache.root, together ? QList<QByteArray>{RepoA, RepoB} : QList<QByteArray>{RepoB}, &plan);
        QVERIFY2(result.ok(), qPrintable(result.failures.value(0).error));
        QVERIFY2(plan.render().contains("shared-payload " + QString::fromLatin1(cache.payload)), qPrintable(plan.render()));
        QCOMPARE(plan.render().count("shared-"), 1);
        QVERIFY(plan.contentFreed() >= payloadBytes);
        QVERIFY(plan.contentFreed() < 2 * payloadBytes);  // counted once
        QVERIFY(result.bytesFreed >= payloadBytes);
        for (const char *suffix : {"", ".refs", ".lock"})
            QVERIFY2(!exists(payload + suffix), suffix);
        QVERIFY(exists(cache.root + "/blobs/.huggingface-shared-blobs"));
    }
}

void TestSharedBlobs::rmKeepsPayloadLinkedSinceTheScan()
{
    QTemporaryDir dir;
    const SharedCache cache = twoReposSharingWeights(dir);
    const QByteArray payload = cache.root + '/' + cache.payload;
    QVERIFY(removeRepos(cache.root, {RepoA}).ok());
    const CacheSnapshotPtr snapshot = CacheScan::run(cache.root);
    DeletePlanner planner(snapshot);
    planner.addRepo(repoOf(snapshot, RepoB));
    const DeletePlan plan = planner.build();
    QVERIFY(plan.render().contains("shared-payload"));
    // A download links a third repo to the payload between the plan and its execution.
    CacheBuilder builder(cache.root);
    SharedBlobBuilder(builder).addSharedBlob("models--org--c", weights());
    const DeleteResult result = DeleteExecutor::execute(plan, {});
    QVERIFY2(result.ok(), qPrintable(result.failures.value(0).error));
    QCOMPARE(readFile(payload), weights());
    QCOMPARE(readFile(payload + ".refs"), "models--org--c/blobs/" + cache.etag + '\n');
    QVERIFY(std::any_of(result.kept.cbegin(), result.kept.cend(),
                        [&](const DeleteNote &note) { return note.path == cache.payload; }));
    QVERIFY(result.bytesFreed < diskSize(payload));
}

void TestSharedBlobs::pruneRemovesUnreferencedPayload()
{
    QTemporaryDir dir;
    const SharedCache cache = twoReposSharingWeights(dir);
    CacheBuilder builder(cache.root);
    SharedBlobBuilder store(builder);
    // A third repo's payload, then its repo folder deleted by an old tool: the manifest names a
    // link that is gone, and no repo blob links to the payload.
    store.addSharedBlob("models--org--gone", "only the deleted repo had this");
    QVERIFY(QDir(QFile::decodeName(cache.root + "/models--org--gone")).removeRecursively());
    const QByteArray orphan = cache.root + '/' + SharedBlobBuilder::payloadPath("only the deleted repo had this");

    const CacheSnapshotPtr snapshot = CacheScan::run(cache.root);
    QCOMPARE(countCode(snapshot->findings, FindingCode::SharedBlobUnreferenced), 1);
    QCOMPARE(countCode(snapshot->findings, FindingCode::SharedBlobManifestStale), 1);
    const DeletePlan plan = PrunePlanner::plan(snapshot, PruneOptions{}, QDateTime::currentSecsSinceEpoch());
    QCOMPARE(plan.items.size(), 1);
    QVERIFY(plan.items.first().kind == DeleteItem::Kind::SharedBlobs);
    QVERIFY(plan.contentFreed() >= diskSize(orphan));
    const DeleteResult result = DeleteExecutor::execute(plan, {});
    QVERIFY2(result.ok(), qPrintable(result.failures.value(0).error));
    QVERIFY(!exists(orphan));
    QVERIFY(!exists(orphan + ".refs"));
    QCOMPARE(readFile(cache.root + '/' + cache.payload), weights());  // the referenced one stays
    QVERIFY(allFindings(*CacheScan::run(cache.root)).isEmpty());
}

void TestSharedBlobs::payloadMissingIsAFinding()
{
    QTemporaryDir dir;
    const SharedCache cache = twoReposSharingWeights(dir);
    QVERIFY(QFile::remove(QFile::decodeName(cache.root + '/' + cache.payload)));
    const CacheSnapshotPtr snapshot = CacheScan::run(cache.root);
    for (const QByteArray &folder : {RepoA, RepoB}) {
        const CachedRepoPtr repo = repoOf(snapshot, folder);
        QCOMPARE(countCode(repo->findings, FindingCode::SharedBlobMissing), 1);
        const CachedRevision &revision = repo->revisions.first();
        QVERIFY(!repo->contentStat(entryNamed(revision, "model.safetensors")));  // it has no content
    }
    QVERIFY(!CacheVerifier::run({{repoOf(snapshot, RepoA), {}}}).listingProblems.isEmpty());
}

void TestSharedBlobs::exportIsByteIdenticalWithoutLinks()
{
    QTemporaryDir dir;
    const SharedCache cache = twoReposSharingWeights(dir);
    QString error;
    auto source = ExportSource::fromSnapshot(cache.root + '/' + RepoB, CacheBuilder::commit(RepoB), {}, &error);
    QVERIFY2(source, qPrintable(error));
    const QByteArray target = QFile::encodeName(dir.path()) + "/exported";
    ExportJob::Options options;
    options.target = target;
    options.verify = true;
    const ExportJob::Result result = ExportJob(*source, options).run();
    QVERIFY2(result.ok, qPrintable(result.error));
    QVERIFY(result.verified);  // the payload's bytes hash to the blob's name (its sha256 etag)
    QCOMPARE(readFile(target + "/model.safetensors"), weights());
    struct stat st;
    QVERIFY(::lstat((target + "/model.safetensors").constData(), &st) == 0 && S_ISREG(st.st_mode));
    QVERIFY(::lstat((target + "/config.json").constData(), &st) == 0 && S_ISREG(st.st_mode));
}

void TestSharedBlobs::exportRefusesLinkLeavingCache()
{
    QTemporaryDir dir;
    const SharedCache cache = twoReposSharingWeights(dir);
    // The same shape one level higher: out of the cache, into a folder that looks like a store.
    CacheBuilder outside(QFile::encodeName(dir.path()));
    outside.writeFile(cache.payload, "not the cache's");
    const QByteArray link = cache.root + '/' + RepoA + "/blobs/" + cache.etag;
    QVERIFY(QFile::remove(QFile::decodeName(link)));
    QVERIFY(::symlink(("../../../" + cache.payload).constData(), link.constData()) == 0);
    QString error;
    QVERIFY(!ExportSource::fromSnapshot(cache.root + '/' + RepoA, CacheBuilder::commit(RepoA), {}, &error));
    QVERIFY2(error.contains("leaves the repo's blobs/ folder"), qPrintable(error));
    // The scan does not count it either: a link in blobs/ that is no link into the store.
    const CachedRepoPtr repo = repoOf(CacheScan::run(cache.root), RepoA);
    QCOMPARE(countCode(repo->findings, FindingCode::BlobNameInvalid), 1);
}

void TestSharedBlobs::verifyPassesThenDetectsCorruptPayload()
{
    QTemporaryDir dir;
    const SharedCache cache = twoReposSharingWeights(dir);
    VerifyReport report = CacheVerifier::run({{repoOf(CacheScan::run(cache.root), RepoA), {}}});
    QCOMPARE(report.blobsChecked, 2);
    QVERIFY(report.corrupt.isEmpty());

    const QByteArray payload = cache.root + '/' + cache.payload;
    QVERIFY(::chmod(payload.constData(), 0600) == 0);
    QByteArray bytes = weights();
    bytes[1000] = 'Z';
    CacheBuilder(cache.root).writeFile(cache.payload, bytes);
    report = CacheVerifier::run({{repoOf(CacheScan::run(cache.root), RepoB), {}}});
    QCOMPARE(report.corrupt.size(), 1);
    QCOMPARE(report.corrupt.first().path, payload);
}

void TestSharedBlobs::repairSetsPayloadModes()
{
    QTemporaryDir dir;
    const SharedCache cache = twoReposSharingWeights(dir);
    const QByteArray payload = cache.root + '/' + cache.payload;
    QVERIFY(::chmod(cache.root.constData(), 0750) == 0);
    QVERIFY(::chmod(payload.constData(), 0644) == 0);            // writable: the library never leaves it so
    QVERIFY(::chmod((payload + ".refs").constData(), 0644) == 0);  // other users could not record their links
    QVERIFY(::chmod((payload + ".lock").constData(), 0600) == 0);  // nor take the lock

    RepairInvoker invoker;
    QVERIFY(RepairInvoker::forUid(::getuid(), &invoker));
    RepairRecipe recipe;
    recipe.kind = RepairRecipe::Kind::Mine;
    const CacheSnapshotPtr snapshot = CacheScan::run(cache.root);
    const RepairPlan plan = recipe.build(*snapshot, {}, invoker);
    RepairExecutor executor(plan, invoker);
    QString error;
    QVERIFY2(executor.preflight(&error), qPrintable(error));
    QCOMPARE(executor.apply({}).failed, 0);
    QCOMPARE(modeOf(payload), 0440u);  // 0400 + group read: the root lets its group search it, not others
    QCOMPARE(modeOf(payload + ".refs"), 0666u);
    QCOMPARE(modeOf(payload + ".lock"), 0666u);
    QCOMPARE(recipe.build(*CacheScan::run(cache.root), {}, invoker).operations.size(), 0);  // nothing left to do
}

// A download publishing the payload holds <hash>.lock (real filelock), a second process queues on
// it in flock(): `locks` lists the lock with both, the library's mode and the repos sharing it,
// and doctor says it is held.
void TestSharedBlobs::locksShowStoreLockHolderAndWaiter()
{
    QTemporaryDir dir;
    const SharedCache cache = twoReposSharingWeights(dir);
    const QByteArray lock = cache.payload + SharedBlobLayout::LockSuffix;
    PythonPeer holder(PythonPeer::FileLockHolder, cache.root + '/' + lock, QStringLiteral("3.32.3"));
    QVERIFY(holder.waitFor("locked"));
    QProcess waiter;  // flock(1) blocks in the kernel: /proc/locks lists it behind the holder
    waiter.start(QStringLiteral("flock"), {QFile::decodeName(cache.root + '/' + lock), QStringLiteral("true")});
    QVERIFY(waiter.waitForStarted());

    QJsonObject row;
    QTRY_VERIFY((row = locksRow(cache.root, lock), pidsOf(row.value("waiters").toArray()).contains(waiter.processId())));
    QCOMPARE(row.value("state").toString(), QStringLiteral("held"));
    QCOMPARE(row.value("kind").toString(), QStringLiteral("flock"));
    QCOMPARE(pidsOf(row.value("holders").toArray()), QSet<qint64>{holder.pid()});
    QCOMPARE(row.value("mode").toString(), QStringLiteral("0666"));
    QVERIFY(row.value("writable").toBool());
    QCOMPARE(row.value("repo_id").toString(), QStringLiteral("org/a, org/b"));  // the repos sharing the payload
    QVERIFY(row.value("members_writable").toArray().isEmpty());  // a private cache

    const auto text = TestSupport::runCli({"locks", "--kind", "hub", "--cache-dir", QFile::decodeName(cache.root)});
    QVERIFY2(text.out.contains(lock) && text.out.contains("held") && text.out.contains("waiting: pid"), text.out.constData());
    qInfo().noquote() << "hfcache locks, shared blob store:\n" + QString::fromUtf8(text.out);
    const QList<QJsonObject> held = doctorFindings(cache.root, QStringLiteral("lock-held"), cache.root + '/' + lock);
    QCOMPARE(held.size(), 1);
    QVERIFY(held.first().value("message").toString().contains(QString::number(holder.pid())));

    holder.next();
    QVERIFY(holder.waitFor("released"));
    QVERIFY(waiter.waitForFinished(10000));
    QCOMPARE(locksRow(cache.root, lock).value("state").toString(), QStringLiteral("free"));
}

// Where flock is missing the library takes <hash>.lock.soft (filelock's SoftFileLock, which
// writes its pid and host since 3.24): a publisher killed while holding it leaves it behind,
// and every later download of the payload waits on it. `locks` and doctor call it stale,
// `locks --break-stale` removes it; an older filelock's empty marker is still a soft lock.
void TestSharedBlobs::staleSoftLockOfKilledPublisher()
{
    QTemporaryDir dir;
    const SharedCache cache = twoReposSharingWeights(dir);
    const QByteArray soft = cache.payload + SharedBlobLayout::SoftLockSuffix;
    PythonPeer publisher(PythonPeer::SoftLockHolder, cache.root + '/' + soft, QStringLiteral("3.32.3"));
    QVERIFY(publisher.waitFor("locked"));
    QCOMPARE(locksRow(cache.root, soft).value("state").toString(), QStringLiteral("held"));
    publisher.crash();

    const QJsonObject row = locksRow(cache.root, soft);
    QCOMPARE(row.value("kind").toString(), QStringLiteral("soft"));
    QVERIFY(row.value("soft").toObject().value("stale").toBool());
    QCOMPARE(doctorFindings(cache.root, QStringLiteral("soft-lock-stale"), cache.root + '/' + soft).size(), 1);

    const auto broken = TestSupport::runCli({"locks", "--break-stale", "--kind", "hub", "--cache-dir", QFile::decodeName(cache.root)});
    QCOMPARE(broken.exitCode, 0);
    QVERIFY(!exists(cache.root + '/' + soft));

    // filelock <= 3.23 leaves an empty marker: its name alone says it is a soft lock (no pid to judge it by).
    PythonPeer oldPublisher(PythonPeer::SoftLockHolder, cache.root + '/' + soft, QStringLiteral("3.20.3"));
    QVERIFY(oldPublisher.waitFor("locked"));
    oldPublisher.crash();
    QCOMPARE(QFileInfo(QFile::decodeName(cache.root + '/' + soft)).size(), 0);
    const QJsonObject empty = locksRow(cache.root, soft);
    QCOMPARE(empty.value("kind").toString(), QStringLiteral("soft"));
    QCOMPARE(empty.value("soft").toObject().value("format").toString(), QStringLiteral("empty"));
}

// A cache shared with a group (setgid root): alice's download took the payload's lock with
// filelock 3.20, which forces 0644 under any umask. bob, in the same group, cannot open it:
// `locks` says so in GROUP WRITABLE, doctor reports lock-not-writable for him and, for alice,
// for the other members; `repair --locks-only` by alice gives the lock the library's 0666.
void TestSharedBlobs::storeLockShutToGroupMember()
{
    if (::geteuid() != 0)
        QSKIP("needs root: useradd, setpriv");
    const std::optional<TestSupport::TestUser> alice = TestSupport::ensureUser(QStringLiteral("hfsb17alice"));
    const std::optional<TestSupport::TestUser> bob = TestSupport::ensureUser(QStringLiteral("hfsb17bob"));
    QVERIFY(alice && bob);
    const QString group = QStringLiteral("hfsb17share");
    QCOMPARE(TestSupport::runProgram(QStringLiteral("groupadd"), {QStringLiteral("-f"), group}), 0);
    for (const TestSupport::TestUser &user : {*alice, *bob})
        QCOMPARE(TestSupport::runProgram(QStringLiteral("usermod"), {QStringLiteral("-aG"), group, user.name}), 0);
    QTemporaryDir dir;
    QVERIFY(::chmod(QFile::encodeName(dir.path()).constData(), 0755) == 0);
    const QByteArray hub = QFile::encodeName(dir.path()) + "/hub";
    QVERIFY(::mkdir(hub.constData(), 0755) == 0);
    QCOMPARE(TestSupport::runProgram(QStringLiteral("chgrp"), {group, QFile::decodeName(hub)}), 0);
    QVERIFY(::chmod(hub.constData(), 02775) == 0);  // the team folder: the store mirrors it
    const SharedCache cache = twoReposSharingWeights(dir);
    QCOMPARE(TestSupport::runProgram(QStringLiteral("chown"), {QStringLiteral("-R"), alice->name, QFile::decodeName(hub)}), 0);
    const QByteArray lock = cache.payload + SharedBlobLayout::LockSuffix;
    const QByteArray lockPath = cache.root + '/' + lock;
    QVERIFY(::unlink(lockPath.constData()) == 0);
    {
        // alice's filelock 3.20 creates the lock (0644 whatever the mode asked) and holds it.
        PythonPeer download(PythonPeer::FileLockHolder, lockPath, QStringLiteral("3.20.3"),
                            {QStringLiteral("setpriv"), QStringLiteral("--reuid=%1").arg(alice->uid),
                             QStringLiteral("--regid=%1").arg(alice->gid), QStringLiteral("--init-groups"), QStringLiteral("--")});
        QVERIFY(download.waitFor("locked"));
        QCOMPARE(modeOf(lockPath), 0644u);
        const QJsonObject row = locksRow(cache.root, lock);
        QCOMPARE(row.value("state").toString(), QStringLiteral("held"));
        QCOMPARE(row.value("owner").toString(), alice->name);
        const QJsonArray members = row.value("members_writable").toArray();
        QVERIFY(TestSupport::objectWhere(members, QLatin1String("user"), alice->name).value("writable").toBool());
        QVERIFY(!TestSupport::objectWhere(members, QLatin1String("user"), bob->name).value("writable").toBool());
        QVERIFY(TestSupport::objectWhere(members, QLatin1String("user"), bob->name).contains("writable"));
        const auto text = TestSupport::runCli({"locks", "--kind", "hub", "--cache-dir", QFile::decodeName(cache.root)});
        QVERIFY2(text.out.contains("GROUP WRITABLE") && text.out.contains("NO: " + bob->name.toUtf8()), text.out.constData());
        download.next();
        QVERIFY(download.waitFor("released"));
    }
    const QList<QJsonObject> forBob = doctorFindings(cache.root, QStringLiteral("lock-not-writable"), lockPath, bob->name);
    QCOMPARE(forBob.size(), 1);
    QVERIFY(forBob.first().value("message").toString().contains(QStringLiteral("PermissionError")));
    const QList<QJsonObject> forAlice = doctorFindings(cache.root, QStringLiteral("lock-not-writable"), lockPath, alice->name);
    QCOMPARE(forAlice.size(), 1);
    QVERIFY(forAlice.first().value("message").toString().contains(QStringLiteral("other members of ") + group));

    const quint32 payloadMode = modeOf(cache.root + '/' + cache.payload);
    QByteArray out, err;
    QCOMPARE(TestSupport::runAsUser(*alice, TestSupport::cliPath(),
                                    {"repair", "--locks-only", "--yes", "--cache-dir", QFile::decodeName(cache.root)}, &out, &err),
             0);
    QCOMPARE(modeOf(lockPath), 0666u);
    QVERIFY(doctorFindings(cache.root, QStringLiteral("lock-not-writable"), lockPath, bob->name).isEmpty());
    QCOMPARE(modeOf(cache.root + '/' + cache.payload), payloadMode);  // locks only: the payload as it was
}

QTEST_GUILESS_MAIN(TestSharedBlobs)
#include "tst_SharedBlobs.moc"
