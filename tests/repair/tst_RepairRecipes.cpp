// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// Each recipe on a cache where other users and root own files (a cache copied around, a
// container that ran as root, locks made by an old filelock): the plan is built from a real
// scan for user A, run by hfcache-helper as root for A, and the result checked with stat.
#include "RepairTestCache.h"

#include "cache/CacheScan.h"
#include "repair/RepairAuthorization.h"
#include "repair/RepairRecipe.h"
#include "repair/RepairRun.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace hfcache;
using namespace RepairTestCache;
using TestSupport::TestUser;

class TestRepairRecipes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void mine();
    void shareGroupWithDefaultAcl();
    void locksOnly();
    void interruptedDownloadsAreRemovedUnderTheirLock();
    void splitsWhatTheUserCanDoAlone();
    void cliDryRunShowsBeforeAndAfter();
    void cliAppliesAsRoot();
    void cliUnderSudoRepairsForTheSudoUser_data();
    void cliUnderSudoRepairsForTheSudoUser();
    void runAppliesTheUsersPartWhenTheHelperFails();
    void repairFixesWhatDoctorReports();

private:
    // A synthetic cache (real layout) in a root folder of A's where B owns everything else (a
    // cache copied from B), root owns one blob, A owns one snapshot folder, modes are mixed, and
    // B's filelock made a 0755 lock file.
    QByteArray mixedCache(QTemporaryDir &dir);
    RepairPlan planFor(const QByteArray &root, const RepairRecipe &recipe);
    // hfcache-helper for A, in the mode the plan needs (what RepairHelperClient asks polkit for).
    HelperRun runHelperFor(const RepairPlan &plan);

    std::optional<TestUser> m_a;
    std::optional<TestUser> m_b;
    uint m_group = 0;
};

void TestRepairRecipes::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("the recipe tests need root to make files of other users");
    m_a = TestSupport::ensureUser(QStringLiteral("hfct-rep-a"));
    m_b = TestSupport::ensureUser(QStringLiteral("hfct-rep-b"));
    QVERIFY(m_a && m_b);
    if (!::getgrnam("hfct-rep-g"))
        QCOMPARE(TestSupport::runProgram(QStringLiteral("groupadd"), {QStringLiteral("hfct-rep-g")}), 0);
    QCOMPARE(TestSupport::runProgram(QStringLiteral("usermod"), {QStringLiteral("-aG"), QStringLiteral("hfct-rep-g"),
                                                                   QStringLiteral("hfct-rep-a")}),
             0);
    m_group = ::getgrnam("hfct-rep-g")->gr_gid;
}

QByteArray TestRepairRecipes::mixedCache(QTemporaryDir &dir)
{
    const QByteArray hub = QFile::encodeName(dir.path()) + "/hub";
    if (TestSupport::generateSyntheticCache(QFile::decodeName(hub), {QStringLiteral("--repos"), QStringLiteral("3"),
                                                                     QStringLiteral("--files"), QStringLiteral("4"),
                                                                     QStringLiteral("--sizes"), QStringLiteral("small:1:10-200"),
                                                                     QStringLiteral("--locks"), QStringLiteral("all"),
                                                                     QStringLiteral("--seed"), QStringLiteral("6")})
            .isEmpty())
        qFatal("cannot generate the synthetic cache");
    ::chmod(QFile::encodeName(dir.path()).constData(), 0755);
    TestSupport::runProgram(QStringLiteral("chown"), {QStringLiteral("-hR"), QStringLiteral("hfct-rep-b:hfct-rep-b"),
                                                      QFile::decodeName(hub)});
    if (::chown(hub.constData(), m_a->uid, m_a->gid) != 0)
        qFatal("cannot chown %s", hub.constData());
    const TreeState tree = treeState(hub);
    bool rootBlob = false, userSnapshot = false;
    for (auto it = tree.cbegin(); it != tree.cend(); ++it) {
        const QByteArray path = hub + it.key();
        if (!rootBlob && it.key().contains("/blobs/")) {
            if (::chown(path.constData(), 0, 0) != 0)
                qFatal("cannot chown %s", path.constData());
            ::chmod(path.constData(), 0600);
            rootBlob = true;
        } else if (!userSnapshot && it.key().count('/') == 4 && it.key().contains("/snapshots/")
                   && S_ISDIR(it.value().mode)) {
            if (::chown(path.constData(), m_a->uid, m_a->gid) != 0)
                qFatal("cannot chown %s", path.constData());
            userSnapshot = true;
        } else if (it.key().endsWith(".lock")) {
            ::chmod(path.constData(), 0755);  // what filelock 3.9 leaves with umask 022
        }
    }
    return hub;
}

RepairPlan TestRepairRecipes::planFor(const QByteArray &root, const RepairRecipe &recipe)
{
    const CacheSnapshotPtr snapshot = CacheScan::run(root);
    if (!snapshot)
        return {};
    RepairInvoker invoker;
    RepairInvoker::forUid(m_a->uid, &invoker);
    QString error;
    const RepairPlan plan = recipe.plan(snapshot, invoker, &error);
    if (!error.isEmpty())
        qWarning("cannot plan: %s", qPrintable(error));
    return plan;
}

HelperRun TestRepairRecipes::runHelperFor(const RepairPlan &plan)
{
    RepairInvoker invoker;
    RepairInvoker::forUid(m_a->uid, &invoker);
    return runHelper(plan.toJson(), m_a->uid,
                     RepairAuthorization::requiredMode(plan, invoker) == RepairAuthorization::Mode::TakeOwnership);
}

void TestRepairRecipes::mine()
{
    QTemporaryDir dir;
    const QByteArray hub = mixedCache(dir);
    RepairRecipe recipe;
    const RepairPlan plan = planFor(hub, recipe);
    QVERIFY(plan.operations.size() > 20);
    const HelperRun run = runHelperFor(plan);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.last(QStringLiteral("done")).value(QLatin1String("failed")).toInt(), 0);
    const TreeState after = treeState(hub);
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        QVERIFY2(it.value().uid == m_a->uid, it.key().constData());
        QVERIFY2(it.value().gid == m_a->gid || it.value().gid == m_group, it.key().constData());
        if (S_ISDIR(it.value().mode))
            QVERIFY2((it.value().mode & 0700) == 0700, it.key().constData());
        else if (S_ISREG(it.value().mode))
            QVERIFY2((it.value().mode & 0600) == 0600, it.key().constData());
    }
    QCOMPARE(planFor(hub, recipe).operations.size(), 0);
}

void TestRepairRecipes::shareGroupWithDefaultAcl()
{
    QTemporaryDir dir;
    const QByteArray hub = mixedCache(dir);
    RepairRecipe recipe;
    recipe.kind = RepairRecipe::Kind::ShareGroup;
    recipe.group = m_group;
    recipe.defaultAcl = true;
    const RepairPlan plan = planFor(hub, recipe);
    QCOMPARE(plan.sharedGroup, qint64(m_group));
    const HelperRun run = runHelperFor(plan);
    QCOMPARE(run.exitCode, 0);
    const TreeState after = treeState(hub);
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        QVERIFY2(it.value().gid == m_group, it.key().constData());
        if (S_ISDIR(it.value().mode))
            QVERIFY2((it.value().mode & 07777) == 02775, it.key().constData());
        else if (S_ISREG(it.value().mode))
            QVERIFY2((it.value().mode & 07777) == 0664, it.key().constData());
    }
    QVERIFY(after.value("/.locks").uid == m_b->uid);  // owners are left alone
    QByteArray acl;
    QCOMPARE(TestSupport::runProgram(QStringLiteral("getfacl"), {QStringLiteral("-p"), QFile::decodeName(hub)}, &acl), 0);
    QVERIFY2(acl.contains("default:group:hfct-rep-g:rwx"), acl.constData());

    // Whatever B's umask, a new file B writes stays writable by the group.
    const QByteArray newFile = hub + "/.locks/new-by-b.lock";
    QCOMPARE(TestSupport::runAsUser(*m_b, QStringLiteral("/usr/bin/python3"),
                                    {QStringLiteral("-c"),
                                     QStringLiteral("import os,sys; os.umask(0o077); os.close(os.open(sys.argv[1], os.O_CREAT|os.O_RDWR, 0o666))"),
                                     QFile::decodeName(newFile)}),
             0);
    struct stat st;
    QCOMPARE(::lstat(newFile.constData(), &st), 0);
    QCOMPARE(st.st_gid, m_group);
    QCOMPARE(TestSupport::runAsUser(*m_a, QStringLiteral("/usr/bin/python3"),
                                    {QStringLiteral("-c"), QStringLiteral("import os,sys; os.close(os.open(sys.argv[1], os.O_RDWR))"),
                                     QFile::decodeName(newFile)}),
             0);
    ::unlink(newFile.constData());
    QCOMPARE(planFor(hub, recipe).operations.size(), 0);
}

void TestRepairRecipes::locksOnly()
{
    QTemporaryDir dir;
    const QByteArray hub = mixedCache(dir);
    const TreeState before = treeState(hub);
    RepairRecipe recipe;
    recipe.kind = RepairRecipe::Kind::LocksOnly;
    const RepairPlan plan = planFor(hub, recipe);
    for (const RepairOperation &op : plan.operations)
        QVERIFY2(op.path.startsWith(".locks/") || op.path == ".locks", op.path.constData());
    QCOMPARE(runHelperFor(plan).exitCode, 0);
    const TreeState after = treeState(hub);
    QString someLock;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (!it.key().startsWith("/.locks")) {
            QVERIFY2(it.value() == before.value(it.key()), it.key().constData());
        } else if (it.key().endsWith(".lock")) {
            QVERIFY2(it.value().uid == m_a->uid && (it.value().mode & 07777) == 0664, it.key().constData());
            someLock = QFile::decodeName(hub + it.key());
        }
    }
    // A real filelock as A can now take a lock B's client made.
    QVERIFY(!someLock.isEmpty());
    QCOMPARE(TestSupport::runAsUser(*m_a, QStringLiteral("/usr/bin/python3"),
                                    {QStringLiteral("-c"),
                                     QStringLiteral("import sys, filelock; l = filelock.FileLock(sys.argv[1]); l.acquire(timeout=5); l.release()"),
                                     someLock}),
             0);
    QCOMPARE(planFor(hub, recipe).operations.size(), 0);
}

// Doctor's incomplete-stale (nobody holds the blob lock) becomes remove-incomplete in the plans;
// a download whose lock a real python3-filelock peer holds is never touched, and is removed
// once that peer is gone.
void TestRepairRecipes::interruptedDownloadsAreRemovedUnderTheirLock()
{
    QTemporaryDir dir;
    const QByteArray hub = mixedCache(dir);
    QByteArray repo;
    for (const QByteArray &name : QDir(QFile::decodeName(hub)).entryList(QDir::Dirs | QDir::NoDotAndDotDot).join('\n').toUtf8().split('\n'))
        repo = name.startsWith("models--") ? name : repo;
    QVERIFY(!repo.isEmpty());
    const QByteArray stale = "e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1", live = "e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2";
    for (const QByteArray &etag : {stale, live}) {
        const QByteArray path = hub + '/' + repo + "/blobs/" + etag + ".incomplete";
        QFile file(QFile::decodeName(path));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("partial download");
        file.close();
        QVERIFY(::chown(path.constData(), m_b->uid, m_b->gid) == 0);
    }
    // B downloads `live`: huggingface_hub's filelock on .locks/<repo>/<etag>.lock, held.
    const QString liveLock = QFile::decodeName(hub + "/.locks/" + repo + '/' + live + ".lock");
    QProcess peer;
    peer.start(QStringLiteral("setpriv"), {QStringLiteral("--reuid=%1").arg(m_b->uid), QStringLiteral("--regid=%1").arg(m_b->gid),
                                           QStringLiteral("--init-groups"), QStringLiteral("--"), QStringLiteral("/usr/bin/python3"),
                                           QStringLiteral("-c"),
                                           QStringLiteral("import sys, filelock\nl = filelock.FileLock(sys.argv[1])\nl.acquire()\n"
                                                          "print('locked', flush=True)\nsys.stdin.readline()\n"),
                                           liveLock});
    QVERIFY(peer.waitForReadyRead(10000));
    QVERIFY(peer.readAll().contains("locked"));

    const QByteArray stalePath = repo + "/blobs/" + stale + ".incomplete", livePath = repo + "/blobs/" + live + ".incomplete";
    RepairRecipe share;
    share.kind = RepairRecipe::Kind::ShareGroup;
    share.group = m_group;
    RepairRecipe locks;
    locks.kind = RepairRecipe::Kind::LocksOnly;
    for (const RepairRecipe &recipe : {RepairRecipe(), share, locks}) {
        QList<QByteArray> removed;
        for (const RepairOperation &op : planFor(hub, recipe).operations) {
            if (op.kind == RepairOperation::Kind::RemoveIncomplete)
                removed << op.path;
            QVERIFY2(op.path != livePath, op.path.constData());  // not even its mode: someone writes it
        }
        QCOMPARE(removed.contains(stalePath), recipe.kind != RepairRecipe::Kind::LocksOnly);  // and the generator's own
        QCOMPARE(removed.isEmpty(), recipe.kind == RepairRecipe::Kind::LocksOnly);
    }
    const HelperRun run = runHelperFor(planFor(hub, RepairRecipe()));
    QCOMPARE(run.exitCode, 0);
    QVERIFY(!QFile::exists(QFile::decodeName(hub + '/' + stalePath)));
    QVERIFY(QFile::exists(QFile::decodeName(hub + '/' + livePath)));
    struct stat st;
    QCOMPARE(::lstat((hub + "/.locks/" + repo + '/' + stale + ".lock").constData(), &st), 0);  // made for A, as hf would
    QCOMPARE(st.st_uid, m_a->uid);

    // The download ends without finishing: now doctor calls it stale, and the plan removes it.
    peer.write("\n");
    peer.closeWriteChannel();
    QVERIFY(peer.waitForFinished(10000));
    const RepairPlan after = planFor(hub, RepairRecipe());
    QCOMPARE(after.operations.size(), 1);
    QCOMPARE(after.operations[0].kind, RepairOperation::Kind::RemoveIncomplete);
    QCOMPARE(after.operations[0].path, livePath);
    QCOMPARE(runHelperFor(after).exitCode, 0);
    QVERIFY(!QFile::exists(QFile::decodeName(hub + '/' + livePath)));
    QCOMPARE(planFor(hub, RepairRecipe()).operations.size(), 0);
}

void TestRepairRecipes::splitsWhatTheUserCanDoAlone()
{
    QTemporaryDir dir;
    const QByteArray hub = mixedCache(dir);
    RepairRecipe recipe;
    recipe.kind = RepairRecipe::Kind::ShareGroup;
    recipe.group = m_group;
    const RepairPlan plan = planFor(hub, recipe);
    RepairInvoker invoker;
    RepairInvoker::forUid(m_a->uid, &invoker);
    RepairPlan alone, helper;
    RepairRecipe::split(plan, invoker, &alone, &helper);
    QCOMPARE(alone.operations.size() + helper.operations.size(), plan.operations.size());
    QVERIFY(!alone.operations.isEmpty());  // A's own snapshot folder
    for (const RepairOperation &op : alone.operations)
        QCOMPARE(op.before.uid, m_a->uid);
    for (const RepairOperation &op : helper.operations)
        QVERIFY(op.before.uid != m_a->uid);
    // A plan for root is done entirely in-process.
    RepairInvoker root;
    RepairInvoker::forUid(0, &root);
    RepairRecipe::split(plan, root, &alone, &helper);
    QVERIFY(helper.operations.isEmpty());
}

void TestRepairRecipes::cliDryRunShowsBeforeAndAfter()
{
    QTemporaryDir dir;
    const QByteArray hub = mixedCache(dir);
    const TreeState before = treeState(hub);
    const TestSupport::CliResult text = TestSupport::runCli(
        {QStringLiteral("repair"), QStringLiteral("--cache-dir"), QFile::decodeName(hub), QStringLiteral("--share-group"),
         QStringLiteral("hfct-rep-g"), QStringLiteral("--dry-run")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains("hfct-rep-b -> hfct-rep-g") || text.out.contains("hfct-rep-b  hfct-rep-g"), text.out.left(2000).constData());
    QVERIFY(text.out.contains("0755") && text.out.contains("0775"));
    QVERIFY(text.out.contains("by you"));
    // The plan comes from doctor's findings for the invoker: root can use every lock (nothing to
    // do), A cannot use B's 0755 lock files (root's work: hfcache-helper's part).
    const QStringList locksOnly{QStringLiteral("repair"), QStringLiteral("--cache-dir"), QFile::decodeName(hub),
                                QStringLiteral("--locks-only"), QStringLiteral("--dry-run"), QStringLiteral("--json")};
    const TestSupport::CliResult asRoot = TestSupport::runCli(locksOnly);
    QCOMPARE(asRoot.exitCode, 0);
    QVERIFY(QJsonDocument::fromJson(asRoot.out).object().value(QLatin1String("operations")).toArray().isEmpty());
    qputenv("SUDO_UID", QByteArray::number(m_a->uid));
    const TestSupport::CliResult json = TestSupport::runCli(locksOnly);
    qunsetenv("SUDO_UID");
    QCOMPARE(json.exitCode, 0);
    const QJsonObject object = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(object.value(QLatin1String("recipe")).toString(), QStringLiteral("locks-only"));
    QVERIFY(object.value(QLatin1String("dryRun")).toBool());
    const QJsonArray operations = object.value(QLatin1String("operations")).toArray();
    QVERIFY(!operations.isEmpty());
    for (const QJsonValue &op : operations)
        QVERIFY(op.toObject().value(QLatin1String("path")).toString().startsWith(QLatin1String(".locks")));
    QCOMPARE(operations.at(0).toObject().value(QLatin1String("by")).toString(), QStringLiteral("helper"));  // B's
    QVERIFY(treeState(hub) == before);
    QCOMPARE(TestSupport::runCli({QStringLiteral("repair"), QStringLiteral("--mine"), QStringLiteral("--locks-only")}).exitCode, 2);
    QCOMPARE(TestSupport::runCli({QStringLiteral("repair"), QStringLiteral("--default-acl")}).exitCode, 2);
    QCOMPARE(TestSupport::runCli({QStringLiteral("repair"), QStringLiteral("--share-group"), QStringLiteral("hfct-no-such")}).exitCode, 2);
}

void TestRepairRecipes::cliAppliesAsRoot()
{
    QTemporaryDir dir;
    const QByteArray hub = mixedCache(dir);
    const TestSupport::CliResult result = TestSupport::runCli(
        {QStringLiteral("repair"), QStringLiteral("--cache-dir"), QFile::decodeName(hub), QStringLiteral("--share-group"),
         QStringLiteral("hfct-rep-g"), QStringLiteral("--yes"), QStringLiteral("--json")});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QJsonObject object = QJsonDocument::fromJson(result.out).object();
    QCOMPARE(object.value(QLatin1String("summary")).toObject().value(QLatin1String("failed")).toInt(), 0);
    QCOMPARE(object.value(QLatin1String("remaining")).toInt(), 0);
    QVERIFY(!object.contains(QLatin1String("helper")));  // root does it all in-process
    const TreeState after = treeState(hub);
    for (auto it = after.cbegin(); it != after.cend(); ++it)
        QVERIFY2(it.value().gid == m_group, it.key().constData());
}

// Also with --cache-dir through a symlink: the plan, the helper and the re-diagnosis all act
// on the folder it names (the helper refuses a root reached through a link).
void TestRepairRecipes::cliUnderSudoRepairsForTheSudoUser_data()
{
    QTest::addColumn<bool>("throughALink");
    QTest::newRow("cache folder") << false;
    QTest::newRow("symlink to it") << true;
}

void TestRepairRecipes::cliUnderSudoRepairsForTheSudoUser()
{
    QFETCH(bool, throughALink);
    QTemporaryDir dir;
    const QByteArray hub = mixedCache(dir);
    const QByteArray link = QFile::encodeName(dir.path()) + "/linked-hub";
    QCOMPARE(::symlink(hub.constData(), link.constData()), 0);
    qputenv("SUDO_UID", QByteArray::number(m_a->uid));
    const TestSupport::CliResult result = TestSupport::runCli(
        {QStringLiteral("repair"), QStringLiteral("--cache-dir"), QFile::decodeName(throughALink ? link : hub),
         QStringLiteral("--yes"), QStringLiteral("--json")});
    qunsetenv("SUDO_UID");
    QVERIFY2(result.exitCode == 0, (result.err + result.out.right(1500)).constData());
    const QJsonObject object = QJsonDocument::fromJson(result.out).object();
    QCOMPARE(object.value(QLatin1String("helper")).toObject().value(QLatin1String("method")).toString(), QStringLiteral("direct"));
    QCOMPARE(object.value(QLatin1String("root")).toString(), QFile::decodeName(RepairRun::canonicalRoot(hub)));
    QCOMPARE(object.value(QLatin1String("remaining")).toInt(), 0);
    const TreeState after = treeState(hub);
    for (auto it = after.cbegin(); it != after.cend(); ++it)
        QVERIFY2(it.value().uid == m_a->uid, it.key().constData());
}

// The one policy on a helper failure (README, `hfcache repair`): the user's own part is applied
// all the same, the helper's rows stay unapplied, and the re-diagnosis counts what is left.
void TestRepairRecipes::runAppliesTheUsersPartWhenTheHelperFails()
{
    QTemporaryDir dir;
    const QByteArray hub = mixedCache(dir);
    RepairInvoker invoker;
    QVERIFY(RepairInvoker::forUid(m_a->uid, &invoker));
    RepairRecipe recipe;
    recipe.kind = RepairRecipe::Kind::ShareGroup;  // A's own snapshot folder is A's part
    recipe.group = m_group;
    RepairRun run(hub, recipe, invoker);
    QString error;
    QVERIFY2(run.plan(&error), qPrintable(error));
    QVERIFY(!run.helperPart().operations.isEmpty());
    QVERIFY(!run.inProcessPart().operations.isEmpty());
    const QByteArray helper = qgetenv("HFCACHE_HELPER");
    qputenv("HFCACHE_HELPER", QFile::encodeName(dir.filePath(QStringLiteral("no-such-helper"))));
    QList<qsizetype> rows;
    const RepairRun::Applied applied = run.apply([&rows](qsizetype row, const RepairExecutor::Result &) { rows << row; });
    qputenv("HFCACHE_HELPER", helper);
    QVERIFY(applied.helperRan);
    QVERIFY(!applied.helper.ran);
    QVERIFY2(applied.inProcessError.isEmpty(), qPrintable(applied.inProcessError));
    QCOMPARE(applied.inProcess.failed, 0);
    QVERIFY(applied.inProcess.changed > 0);
    for (qsizetype row : rows)
        QVERIFY(!run.isHelperRow(row));
    QCOMPARE(rows.size(), run.inProcessPart().operations.size());
    const RepairRun::Rediagnosis after = run.rediagnose();
    QVERIFY2(after.diagnosed(), qPrintable(after.error));
    QVERIFY(after.remaining > 0);  // the helper's part
}

// `hfcache doctor` for the shared-group policy, `hfcache repair --share-group` for A, doctor
// again: every finding of the kinds the recipe handles is gone, and the repair's own
// re-diagnosis says so.
void TestRepairRecipes::repairFixesWhatDoctorReports()
{
    QTemporaryDir dir;
    const QByteArray hub = mixedCache(dir);
    const QStringList doctor{QStringLiteral("doctor"), QStringLiteral("--cache-dir"), QFile::decodeName(hub), QStringLiteral("--as-user"),
                             m_a->name, QStringLiteral("--shared-group"), QStringLiteral("hfct-rep-g"), QStringLiteral("--json")};
    const auto codes = [&] {
        QMap<QString, int> counts;
        const QJsonObject report = QJsonDocument::fromJson(TestSupport::runCli(doctor).out).object();
        QJsonArray findings = report.value(QLatin1String("findings")).toArray();
        for (const QJsonValue &repo : report.value(QLatin1String("repos")).toArray()) {
            for (const QJsonValue &finding : repo.toObject().value(QLatin1String("findings")).toArray())
                findings.append(finding);
        }
        for (const QJsonValue &finding : findings)
            ++counts[finding.toObject().value(QLatin1String("code")).toString()];
        return counts;
    };
    const QMap<QString, int> before = codes();
    QVERIFY2(before.value(QStringLiteral("group-mismatch")) > 20, qPrintable(QStringList(before.keys()).join(',')));
    QVERIFY(before.value(QStringLiteral("not-group-writable")) > 0);
    QVERIFY(before.value(QStringLiteral("dir-missing-setgid")) > 0);
    QVERIFY(before.value(QStringLiteral("incomplete-stale")) > 0);

    qputenv("SUDO_UID", QByteArray::number(m_a->uid));
    const TestSupport::CliResult result = TestSupport::runCli(
        {QStringLiteral("repair"), QStringLiteral("--cache-dir"), QFile::decodeName(hub), QStringLiteral("--share-group"),
         QStringLiteral("hfct-rep-g"), QStringLiteral("--yes"), QStringLiteral("--json")});
    qunsetenv("SUDO_UID");
    QVERIFY2(result.exitCode == 0, (result.err + result.out.right(1500)).constData());
    const QJsonObject object = QJsonDocument::fromJson(result.out).object();
    QCOMPARE(object.value(QLatin1String("rediagnosis")).toObject().value(QLatin1String("handledFindings")).toInt(), 0);

    const QMap<QString, int> after = codes();
    for (const char *code : {"group-mismatch", "not-group-writable", "dir-missing-setgid", "lock-not-writable", "not-readable",
                             "not-writable", "incomplete-stale"})
        QVERIFY2(!after.contains(QLatin1String(code)), code);
    // Owners are left alone (B is not in the group): only the removed downloads' findings went.
    QCOMPARE(after.value(QStringLiteral("foreign-owner")),
             before.value(QStringLiteral("foreign-owner")) - before.value(QStringLiteral("incomplete-stale")));
}

QTEST_GUILESS_MAIN(TestRepairRecipes)
#include "tst_RepairRecipes.moc"
