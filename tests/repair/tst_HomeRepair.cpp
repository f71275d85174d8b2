// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// `hfcache repair --home`, `--kind` and `--root` on the caches beside the hub cache, with real
// parts: the kinds built by tests/support/gen_hf_home.py with the real filelock under the bug
// reports' umasks, two real users, the real huggingface_hub 1.28 saving a token (the token trap,
// #4234), and the real hfcache-helper run as root for the user sudo names.
#include "RepairTestCache.h"

#include "repair/RepairExecutor.h"
#include "repair/RepairRun.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <grp.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

using namespace hfcache;
using namespace RepairTestCache;
using TestSupport::TestUser;

namespace {

const QString kGroup = QStringLiteral("hfct-hr-g");
const QString kSudoersFile = QStringLiteral("/etc/sudoers.d/hfct-hr-test");

struct stat lstatOf(const QByteArray &path)
{
    struct stat st = {};
    if (::lstat(path.constData(), &st) != 0)
        qWarning("cannot lstat %s", path.constData());
    return st;
}

void makeFolder(const QByteArray &path, uint uid, uint gid, mode_t mode)
{
    QVERIFY2(QDir().mkpath(QFile::decodeName(path)), path.constData());
    QCOMPARE(::chown(path.constData(), uid, gid), 0);
    QCOMPARE(::chmod(path.constData(), mode), 0);
}

} // namespace

class TestHomeRepair : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void shareGroupFixesLocksAndTheTokenTrap_data();
    void shareGroupFixesLocksAndTheTokenTrap();
    void helperKnowsEachKindByItsMarkers();
    void hardLinkPlantedInDatasetsIsRefused();
    void symlinkPlantedInXetIsNotFollowed();
    void kindRootThroughASymlinkIsRepairedAtItsRealPath();
    void trappedHomeOfAnotherUserIsLeftToItsOwner();
    void folderWithoutMarkersDoesNotBlockTheOthers();

private:
    // gen_hf_home.py as `user`: the kinds' files and the real filelock's lock files.
    void generate(const TestUser &user, const QByteArray &home, const QString &kinds, const QString &filelock,
                  const QString &umask, QJsonObject *manifest);
    // A real filelock (3.20.3) acquire of each lock as `user`: "ok" per lock it could open read-write.
    QByteArray acquireAll(const TestUser &user, const QList<QByteArray> &locks);
    // `hfcache repair ARGS --yes --json` as root for `user` (SUDO_UID), with HF_HOME and XDG_CACHE_HOME set.
    TestSupport::CliResult repairFor(const TestUser &user, const QStringList &args, const QByteArray &hfHome,
                                     const QList<QPair<const char *, QByteArray>> &env = {});
    // A logs in: the real huggingface_hub 1.28 login() steps (_save_token, then _write_secret of
    // HF_TOKEN_PATH, _login.py:509), which chmod HF_HOME to 0700.
    void loginAsA(const QByteArray &hfHome);

    std::optional<TestUser> m_a;
    std::optional<TestUser> m_b;
    uint m_group = 0;
    std::optional<QTemporaryDir> m_dir;
    QByteArray m_base;
};

void TestHomeRepair::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("the home repair tests need root to act as two users and to run the helper");
    m_a = TestSupport::ensureUser(QStringLiteral("hfct-hr-a"));
    m_b = TestSupport::ensureUser(QStringLiteral("hfct-hr-b"));
    QVERIFY(m_a && m_b);
    if (!::getgrnam(kGroup.toLatin1().constData()))
        QCOMPARE(TestSupport::runProgram(QStringLiteral("groupadd"), {kGroup}), 0);
    for (const QString &user : {QStringLiteral("hfct-hr-a"), QStringLiteral("hfct-hr-b")})
        QCOMPARE(TestSupport::runProgram(QStringLiteral("usermod"), {QStringLiteral("-aG"), kGroup, user}), 0);
    m_group = ::getgrnam(kGroup.toLatin1().constData())->gr_gid;
    QVERIFY2(QFile::exists(helperPath()), qPrintable(helperPath()));
}

void TestHomeRepair::init()
{
    m_dir.emplace();
    m_base = QFile::encodeName(m_dir->path());
    QCOMPARE(::chmod(m_base.constData(), 0755), 0);
}

void TestHomeRepair::cleanup()
{
    TestSupport::removeTree(m_dir->path());
    m_dir.reset();
}

void TestHomeRepair::generate(const TestUser &user, const QByteArray &home, const QString &kinds, const QString &filelock,
                              const QString &umask, QJsonObject *manifest)
{
    const QString manifestPath = QFile::decodeName(m_base) + QStringLiteral("/manifest-%1.json").arg(user.name);
    QByteArray err;
    QCOMPARE(TestSupport::runProgram(QStringLiteral("touch"), {manifestPath}), 0);
    QCOMPARE(::chown(QFile::encodeName(manifestPath).constData(), user.uid, user.gid), 0);
    const int code = TestSupport::runAsUser(
        user, QStringLiteral("/usr/bin/python3"),
        {TestSupport::sourceDir() + QStringLiteral("/tests/support/gen_hf_home.py"), QStringLiteral("generate"),
         QFile::decodeName(home), QStringLiteral("--kinds"), kinds, QStringLiteral("--filelock"), filelock,
         QStringLiteral("--umask"), umask, QStringLiteral("--manifest"), manifestPath},
        nullptr, &err);
    QVERIFY2(code == 0, err.constData());
    QFile file(manifestPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    *manifest = QJsonDocument::fromJson(file.readAll()).object();
}

QByteArray TestHomeRepair::acquireAll(const TestUser &user, const QList<QByteArray> &locks)
{
    const QString script = QStringLiteral(
        "import sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from filelock import FileLock\n"
        "for path in sys.argv[2:]:\n"
        "    try:\n"
        "        lock = FileLock(path, timeout=5)\n"
        "        lock.acquire()\n"
        "        lock.release()\n"
        "        print('ok', path)\n"
        "    except Exception as error:\n"
        "        print('failed', path, type(error).__name__, error)\n");
    QStringList args{QStringLiteral("-c"), script, TestSupport::sharedDir() + QStringLiteral("/peers/filelock-3.20.3/src")};
    for (const QByteArray &lock : locks)
        args << QFile::decodeName(lock);
    QByteArray out, err;
    TestSupport::runAsUser(user, QStringLiteral("/usr/bin/python3"), args, &out, &err);
    return out + err;
}

TestSupport::CliResult TestHomeRepair::repairFor(const TestUser &user, const QStringList &args, const QByteArray &hfHome,
                                                 const QList<QPair<const char *, QByteArray>> &env)
{
    // Only what a test names decides where the caches are.
    for (const char *name : {"HF_HOME", "XDG_CACHE_HOME", "TORCH_HOME", "HF_DATASETS_CACHE", "HF_XET_CACHE",
                             "HF_TOKEN_PATH", "HF_HUB_CACHE", "SENTENCE_TRANSFORMERS_HOME"})
        qunsetenv(name);
    qputenv("HF_HOME", hfHome);
    qputenv("XDG_CACHE_HOME", m_base + "/cache");
    for (const auto &[name, value] : env)
        qputenv(name, value);
    qputenv("SUDO_UID", QByteArray::number(user.uid));
    const TestSupport::CliResult result =
        TestSupport::runCli(QStringList{QStringLiteral("repair")} + args + QStringList{QStringLiteral("--yes"), QStringLiteral("--json")});
    qunsetenv("SUDO_UID");
    for (const char *name : {"HF_HOME", "XDG_CACHE_HOME"})
        qunsetenv(name);
    for (const auto &[name, value] : env)
        qunsetenv(name);
    return result;
}

// The evaluate case and datasets #7900 in one group-shared HF_HOME: A's filelock 3.20 made 0644
// locks under umask 000, B's first locks are 0644 too, and A's `hf auth login` (the real
// huggingface_hub 1.28 saving the token) made HF_HOME 0700. One `repair --home --share-group`
// by A: B then opens every lock read-write with the real filelock, and the token is untouched.
void TestHomeRepair::shareGroupFixesLocksAndTheTokenTrap_data()
{
    QTest::addColumn<bool>("throughSudo");
    QTest::newRow("sudo hfcache repair for A (the helper run directly)") << false;
    QTest::newRow("A's own hfcache, the helper through sudo -n") << true;
}

void TestHomeRepair::shareGroupFixesLocksAndTheTokenTrap()
{
    QFETCH(bool, throughSudo);
    if (throughSudo && QStandardPaths::findExecutable(QStringLiteral("sudo")).isEmpty())
        QSKIP("sudo is not installed (installer/dev.sh installs it)");
    const QByteArray xdg = m_base + "/cache", hfHome = xdg + "/huggingface";
    makeFolder(xdg, m_a->uid, m_a->gid, 0755);
    makeFolder(hfHome, m_a->uid, m_group, 02775);
    QJsonObject manifest;
    generate(*m_a, hfHome, QStringLiteral("xet,datasets,metrics,modules"), QStringLiteral("3.20.3"), QStringLiteral("000"),
             &manifest);
    QList<QByteArray> locks;
    for (const char *note : {"datasets.lock", "datasets.hashed_lock", "metrics.lock", "modules.lock"}) {
        for (const QJsonValue &path : manifest.value(QLatin1String(note)).toArray())
            locks << hfHome + '/' + QFile::encodeName(path.toString());
    }
    QVERIFY(locks.size() > 10);
    QCOMPARE(lstatOf(locks.first()).st_mode & 0777, 0644u);  // filelock 3.10.7-3.23: 0644 whatever the umask
    // B, umask 022, the first to lock two more files (datasets #7900: the first user's mode).
    const QByteArray bLocks[] = {hfHome + "/metrics/accuracy/default/b_experiment-1-0.arrow.lock",
                                 hfHome + "/datasets/downloads/" + QByteArray(64, 'b') + ".lock"};
    QByteArray out;
    QStringList makeB{QStringLiteral("-c"),
                      QStringLiteral("import os, sys\nos.umask(0o022)\nsys.path.insert(0, sys.argv[1])\n"
                                     "from filelock import FileLock\nfor p in sys.argv[2:]:\n"
                                     "    l = FileLock(p); l.acquire(); l.release()\n"),
                      TestSupport::sharedDir() + QStringLiteral("/peers/filelock-3.20.3/src")};
    for (const QByteArray &lock : bLocks) {
        makeB << QFile::decodeName(lock);
        locks << lock;
    }
    QCOMPARE(TestSupport::runAsUser(*m_b, QStringLiteral("/usr/bin/python3"), makeB, nullptr, &out), 0);
    QCOMPARE(lstatOf(bLocks[0]).st_uid, m_b->uid);
    loginAsA(hfHome);
    QCOMPARE(lstatOf(hfHome).st_mode & 07777, 0700u);  // the trap
    const struct stat tokenBefore = lstatOf(hfHome + "/token");
    QFile tokenFile(QFile::decodeName(hfHome + "/token"));
    QVERIFY(tokenFile.open(QIODevice::ReadOnly));
    const QByteArray token = tokenFile.readAll();
    tokenFile.close();
    QVERIFY(!acquireAll(*m_b, {locks.first()}).startsWith("ok"));  // B is locked out

    TestSupport::CliResult result;
    if (throughSudo) {
        // A may run the helper, and only the helper, as root without a password (no polkit agent
        // here: pkexec fails and hfcache falls back to sudo -n).
        QFile sudoers(kSudoersFile);
        QVERIFY(sudoers.open(QIODevice::WriteOnly | QIODevice::Truncate));
        sudoers.write(QStringLiteral("hfct-hr-a ALL=(root) NOPASSWD: %1\n").arg(helperPath()).toUtf8());
        sudoers.close();
        QCOMPARE(::chmod(QFile::encodeName(kSudoersFile).constData(), 0440), 0);
        result.exitCode = TestSupport::runAsUser(
            *m_a, QStringLiteral("/usr/bin/env"),
            {QStringLiteral("HF_HOME=") + QFile::decodeName(hfHome), QStringLiteral("XDG_CACHE_HOME=") + QFile::decodeName(xdg),
             QStringLiteral("HFCACHE_HELPER=") + helperPath(), TestSupport::cliPath(), QStringLiteral("repair"),
             QStringLiteral("--home"), QStringLiteral("--share-group"), kGroup, QStringLiteral("--yes"), QStringLiteral("--json")},
            &result.out, &result.err);
        QFile::remove(kSudoersFile);
    } else {
        result = repairFor(*m_a, {QStringLiteral("--home"), QStringLiteral("--share-group"), kGroup}, hfHome);
    }
    QVERIFY2(result.exitCode == 0, (result.err + result.out.right(3000)).constData());
    const QJsonObject json = QJsonDocument::fromJson(result.out).object();
    const QJsonObject trap = json.value(QLatin1String("tokenTrap")).toObject();
    QCOMPARE(trap.value(QLatin1String("mode")).toString(), QStringLiteral("0700"));
    QVERIFY(trap.value(QLatin1String("trapped")).toBool());
    QVERIFY(trap.value(QLatin1String("planned")).toBool());
    QVERIFY(trap.value(QLatin1String("advice")).toString().contains(QLatin1String("HF_TOKEN_PATH")));
    QCOMPARE(json.value(QLatin1String("remaining")).toInt(), 0);
    const QJsonObject homeRoot = TestSupport::objectWhere(json.value(QLatin1String("roots")).toArray(), QLatin1String("root"),
                                                          QFile::decodeName(RepairRun::canonicalRoot(hfHome)));
    QVERIFY2(!homeRoot.isEmpty(), result.out.left(2000).constData());
    bool helperChangedBsLock = false;
    for (const QJsonValue &op : homeRoot.value(QLatin1String("operations")).toArray()) {
        const QJsonObject row = op.toObject();
        QVERIFY2(!row.value(QLatin1String("path")).toString().contains(QLatin1String("token")),
                 qPrintable(row.value(QLatin1String("path")).toString()));  // neither token nor stored_tokens
        helperChangedBsLock = helperChangedBsLock
                              || (row.value(QLatin1String("by")).toString() == QLatin1String("helper")
                                  && row.value(QLatin1String("path")).toString().endsWith(QLatin1String("b_experiment-1-0.arrow.lock")));
    }
    QVERIFY(helperChangedBsLock);  // B's lock: root's to change, for A
    QCOMPARE(homeRoot.value(QLatin1String("helper")).toObject().value(QLatin1String("method")).toString(),
             throughSudo ? QStringLiteral("sudo") : QStringLiteral("direct"));

    QCOMPARE(lstatOf(hfHome).st_mode & 07777, 02775u);
    for (const QByteArray &lock : locks) {
        const struct stat st = lstatOf(lock);
        QVERIFY2((st.st_mode & 0060) == 0060 && st.st_gid == m_group, lock.constData());
    }
    const QByteArray acquired = acquireAll(*m_b, locks);
    QCOMPARE(acquired.count("ok "), locks.size());
    // The token: same inode, mode, owner and bytes.
    const struct stat tokenAfter = lstatOf(hfHome + "/token");
    QCOMPARE(tokenAfter.st_ino, tokenBefore.st_ino);
    QCOMPARE(tokenAfter.st_mode, tokenBefore.st_mode);
    QCOMPARE(tokenAfter.st_uid, tokenBefore.st_uid);
    QCOMPARE(tokenAfter.st_gid, tokenBefore.st_gid);
    QVERIFY(tokenFile.open(QIODevice::ReadOnly));
    QCOMPARE(tokenFile.readAll(), token);
}

// The helper's "is this a Hugging Face cache" rule, per kind: a kind's marker in the root, or in
// a folder directly in it (HF_HOME); a folder with none, or with a marker name that is a symlink,
// is refused before anything changes.
void TestHomeRepair::helperKnowsEachKindByItsMarkers()
{
    const QByteArray root = m_base + "/folder";
    makeFolder(root + "/stuff", m_a->uid, m_a->gid, 0755);
    makeFolder(root, m_a->uid, m_a->gid, 0755);
    QFile file(QFile::decodeName(root + "/stuff/data.lock"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QCOMPARE(::chown((root + "/stuff/data.lock").constData(), m_a->uid, m_a->gid), 0);
    QCOMPARE(::chmod((root + "/stuff/data.lock").constData(), 0644), 0);
    const QByteArray chmod = plan(root, {op("chmod", "stuff/data.lock", "\"mode\":\"0664\"")});
    const auto refusal = [](const HelperRun &run) { return run.last(QStringLiteral("refused")).value(QLatin1String("error")).toString(); };

    HelperRun run = runHelper(chmod, m_a->uid);
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(refusal(run).contains(QLatin1String("not a Hugging Face cache")), qPrintable(refusal(run)));
    QCOMPARE(lstatOf(root + "/stuff/data.lock").st_mode & 0777, 0644u);
    // The same folder given as a kind's root by its owner: refused before the plan is shown, though
    // A could change every entry alone.
    TestSupport::CliResult cli;
    cli.exitCode = TestSupport::runAsUser(*m_a, TestSupport::cliPath(),
                                          {QStringLiteral("repair"), QStringLiteral("--root"),
                                           QStringLiteral("metrics=") + QFile::decodeName(root), QStringLiteral("--locks-only"),
                                           QStringLiteral("--yes")},
                                          &cli.out, &cli.err);
    QVERIFY2(cli.exitCode == 2 && cli.err.contains("not a Hugging Face cache"), (cli.err + cli.out).constData());
    QCOMPARE(lstatOf(root + "/stuff/data.lock").st_mode & 0777, 0644u);
    // A marker name that is a link marks nothing.
    QCOMPARE(::symlink("/usr", (root + "/downloads").constData()), 0);
    QCOMPARE(::lchown((root + "/downloads").constData(), m_a->uid, m_a->gid), 0);
    run = runHelper(chmod, m_a->uid);
    QCOMPARE(run.exitCode, 3);
    QCOMPARE(lstatOf(root + "/stuff/data.lock").st_mode & 0777, 0644u);
    ::unlink((root + "/downloads").constData());

    // Each kind's own names, in the root (xet logs/, datasets downloads/, modules, torch hub
    // checkpoints/) or one folder down (HF_HOME holding datasets/downloads).
    for (const QByteArray &marker : {QByteArray("logs"), QByteArray("downloads"), QByteArray("transformers_modules"),
                                     QByteArray("checkpoints"), QByteArray("datasets/downloads")}) {
        makeFolder(root + '/' + marker, m_a->uid, m_a->gid, 0755);
        QCOMPARE(::chmod((root + "/stuff/data.lock").constData(), 0644), 0);
        run = runHelper(chmod, m_a->uid);
        QVERIFY2(run.exitCode == 0, (marker + ": " + refusal(run).toUtf8() + run.err).constData());
        QCOMPARE(lstatOf(root + "/stuff/data.lock").st_mode & 0777, 0664u);
        TestSupport::removeTree(QFile::decodeName(root + '/' + marker.split('/').first()));
    }
}

// A hard link to a file outside the cache, planted among datasets' lock files: the plan that
// would make it group-writable is refused before the first change, and the file stays as it was.
void TestHomeRepair::hardLinkPlantedInDatasetsIsRefused()
{
    const QByteArray hfHome = m_base + "/cache/huggingface";
    makeFolder(m_base + "/cache", m_a->uid, m_a->gid, 0755);
    makeFolder(hfHome, m_a->uid, m_a->gid, 0755);
    QJsonObject manifest;
    generate(*m_a, hfHome, QStringLiteral("datasets"), QStringLiteral("3.20.3"), QStringLiteral("022"), &manifest);
    const QByteArray victim = m_base + "/victim";
    QFile file(QFile::decodeName(victim));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("B's secret\n");
    file.close();
    QCOMPARE(::chown(victim.constData(), m_b->uid, m_b->gid), 0);
    QCOMPARE(::chmod(victim.constData(), 0644), 0);
    // As if B's file had been linked in (protected_hardlinks keeps A from it; root plants it).
    QCOMPARE(::link(victim.constData(), (hfHome + "/datasets/downloads/planted.lock").constData()), 0);
    const TreeState before = treeState(m_base);

    const TestSupport::CliResult result = repairFor(*m_a, {QStringLiteral("--home"), QStringLiteral("--share-group"), kGroup}, hfHome);
    QVERIFY2(result.exitCode != 0, result.out.right(2000).constData());
    QVERIFY2((result.out + result.err).contains("hard links"), (result.err + result.out.right(2000)).constData());
    const struct stat st = lstatOf(victim);
    QCOMPARE(st.st_mode & 07777, 0644u);
    QCOMPARE(st.st_gid, m_b->gid);
    // The helper checks its whole part first: it refused it, and the link is as it was.
    const QJsonObject helper = QJsonDocument::fromJson(result.out).object().value(QLatin1String("roots")).toArray()[0]
                                   .toObject().value(QLatin1String("helper")).toObject();
    QVERIFY(helper.value(QLatin1String("ran")).toBool());
    QCOMPARE(helper.value(QLatin1String("exitCode")).toInt(), 3);
    const TreeState after = treeState(m_base);
    QVERIFY(after.value("/victim") == before.value("/victim"));
    QVERIFY(after.value("/cache/huggingface/datasets/downloads/planted.lock") == before.value("/cache/huggingface/datasets/downloads/planted.lock"));
}

// A symlink planted in the xet cache to a file outside: the repair changes the link's own group
// (lchown) and never its target.
void TestHomeRepair::symlinkPlantedInXetIsNotFollowed()
{
    const QByteArray hfHome = m_base + "/cache/huggingface";
    makeFolder(m_base + "/cache", m_a->uid, m_a->gid, 0755);
    makeFolder(hfHome, m_a->uid, m_a->gid, 0755);
    QJsonObject manifest;
    generate(*m_a, hfHome, QStringLiteral("xet"), QStringLiteral("3.20.3"), QStringLiteral("022"), &manifest);
    const QByteArray target = m_base + "/target";
    QFile file(QFile::decodeName(target));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("root's\n");
    file.close();
    QCOMPARE(::chmod(target.constData(), 0600), 0);
    const QByteArray link = hfHome + "/xet/logs/planted.log";
    QCOMPARE(::symlink(target.constData(), link.constData()), 0);
    QCOMPARE(::lchown(link.constData(), m_a->uid, m_a->gid), 0);

    const TestSupport::CliResult result = repairFor(*m_a, {QStringLiteral("--home"), QStringLiteral("--share-group"), kGroup}, hfHome);
    QVERIFY2(result.exitCode == 0, (result.err + result.out.right(2000)).constData());
    QCOMPARE(lstatOf(link).st_gid, m_group);  // the link itself
    const struct stat st = lstatOf(target);
    QCOMPARE(st.st_mode & 07777, 0600u);
    QCOMPARE(st.st_uid, 0u);
    QCOMPARE(st.st_gid, 0u);
    QCOMPARE(lstatOf(hfHome + "/xet/logs").st_mode & 07777, 02775u);
}

// HF_DATASETS_CACHE through a symlink (a cache moved to a bigger disk): the plan names the real
// folder, as for the hub cache's --cache-dir, and repairs it there.
void TestHomeRepair::kindRootThroughASymlinkIsRepairedAtItsRealPath()
{
    const QByteArray real = m_base + "/disk/huggingface";
    makeFolder(m_base + "/disk", m_a->uid, m_a->gid, 0755);
    makeFolder(real, m_a->uid, m_a->gid, 0755);
    QJsonObject manifest;
    generate(*m_a, real, QStringLiteral("datasets"), QStringLiteral("3.20.3"), QStringLiteral("022"), &manifest);
    const QByteArray link = m_base + "/datasets-link";
    QCOMPARE(::symlink((real + "/datasets").constData(), link.constData()), 0);
    makeFolder(m_base + "/cache/huggingface", m_a->uid, m_a->gid, 0755);

    const TestSupport::CliResult result =
        repairFor(*m_a, {QStringLiteral("--kind"), QStringLiteral("datasets"), QStringLiteral("--share-group"), kGroup,
                         QStringLiteral("--default-acl")},
                  m_base + "/cache/huggingface", {{"HF_DATASETS_CACHE", link}});
    QVERIFY2(result.exitCode == 0, (result.err + result.out.right(2000)).constData());
    const QJsonArray roots = QJsonDocument::fromJson(result.out).object().value(QLatin1String("roots")).toArray();
    QCOMPARE(roots.size(), 1);
    QCOMPARE(roots[0].toObject().value(QLatin1String("root")).toString(),
             QFile::decodeName(RepairRun::canonicalRoot(real + "/datasets")));
    for (const QJsonValue &path : manifest.value(QLatin1String("datasets.lock")).toArray()) {
        const struct stat st = lstatOf(real + '/' + QFile::encodeName(path.toString()));
        QVERIFY2((st.st_mode & 0777) == 0664 && st.st_gid == m_group, qPrintable(path.toString()));
    }
    QCOMPARE(lstatOf(link).st_mode & S_IFMT, mode_t(S_IFLNK));  // the link itself is not the plan's
    // --default-acl: every folder of the kind gives G rwx to what is made in it from now on.
    for (const QByteArray &folder : {QByteArray("/datasets"), QByteArray("/datasets/downloads")}) {
        QByteArray xattr(4096, '\0');
        const ssize_t size = ::lgetxattr((real + folder).constData(), "system.posix_acl_default", xattr.data(), size_t(xattr.size()));
        xattr.resize(size > 0 ? size : 0);
        QVERIFY2(RepairExecutor::defaultAclGrants(xattr, m_group), folder.constData());
    }
}

void TestHomeRepair::loginAsA(const QByteArray &hfHome)
{
    const QString login = QStringLiteral(
        "import os, sys\nsys.path[:0] = sys.argv[1:3]\nos.environ['HF_HOME'] = sys.argv[3]\n"
        "from pathlib import Path\nfrom huggingface_hub import constants\n"
        "from huggingface_hub.utils._auth import _save_token, _write_secret\n"
        "_save_token('hf_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'work')\n"
        "_write_secret(Path(constants.HF_TOKEN_PATH), 'hf_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')\n");
    QByteArray err;
    const int code = TestSupport::runAsUser(*m_a, QStringLiteral("/usr/bin/python3"),
                                            {QStringLiteral("-c"), login,
                                             TestSupport::sharedDir() + QStringLiteral("/peers/filelock-3.32.3/src"),
                                             TestSupport::sharedDir() + QStringLiteral("/peers/huggingface_hub-1.28.0/src"),
                                             QFile::decodeName(hfHome)},
                                            nullptr, &err);
    QVERIFY2(code == 0, err.constData());
}

// The token trap's HF_HOME, private to A: B may not have it opened (the helper repairs no private
// folder of someone else's). B is told who can, the folder stays A's and 0700, and repair says so
// with exit status 1.
void TestHomeRepair::trappedHomeOfAnotherUserIsLeftToItsOwner()
{
    const QByteArray xdg = m_base + "/cache", hfHome = xdg + "/huggingface";
    makeFolder(xdg, m_a->uid, m_a->gid, 0755);
    makeFolder(hfHome, m_a->uid, m_group, 02775);
    QJsonObject manifest;
    generate(*m_a, hfHome, QStringLiteral("datasets"), QStringLiteral("3.20.3"), QStringLiteral("000"), &manifest);
    loginAsA(hfHome);
    const TreeState before = treeState(hfHome);
    const TestSupport::CliResult result =
        repairFor(*m_b, {QStringLiteral("--home"), QStringLiteral("--share-group"), kGroup}, hfHome);
    QVERIFY2(result.exitCode == 1, (result.err + result.out.right(2000)).constData());
    const QJsonObject trap = QJsonDocument::fromJson(result.out).object().value(QLatin1String("tokenTrap")).toObject();
    QVERIFY(trap.value(QLatin1String("trapped")).toBool());
    QVERIFY(!trap.value(QLatin1String("planned")).toBool());
    QVERIFY2(trap.value(QLatin1String("advice")).toString().contains(QLatin1String("its owner hfct-hr-a")),
             qPrintable(trap.value(QLatin1String("advice")).toString()));
    QCOMPARE(lstatOf(hfHome).st_mode & 07777, 0700u);
    QVERIFY(treeState(hfHome) == before);
}

// sentence-transformers <= 2.2.2's legacy cache alone in TORCH_HOME: no kind's marker names that
// folder, so it is left out with the reason; HF_HOME's caches are repaired all the same (exit 1).
void TestHomeRepair::folderWithoutMarkersDoesNotBlockTheOthers()
{
    const QByteArray xdg = m_base + "/cache", hfHome = xdg + "/huggingface";
    makeFolder(xdg, m_a->uid, m_a->gid, 0755);
    makeFolder(hfHome, m_a->uid, m_a->gid, 0755);
    QJsonObject manifest;
    generate(*m_a, hfHome, QStringLiteral("datasets,sentence_transformers"), QStringLiteral("3.20.3"), QStringLiteral("022"),
             &manifest);
    const TestSupport::CliResult result = repairFor(*m_a, {QStringLiteral("--home"), QStringLiteral("--share-group"), kGroup}, hfHome);
    QVERIFY2(result.exitCode == 1, (result.err + result.out.right(2000)).constData());
    const QJsonArray roots = QJsonDocument::fromJson(result.out).object().value(QLatin1String("roots")).toArray();
    const QJsonObject torch = TestSupport::objectWhere(roots, QLatin1String("root"), QFile::decodeName(xdg + "/torch"));
    QVERIFY2(torch.value(QLatin1String("refused")).toString().contains(QLatin1String("not a Hugging Face cache")),
             result.out.left(1500).constData());
    const QJsonArray legacyLocks = manifest.value(QLatin1String("st.lock")).toArray();
    QVERIFY(!legacyLocks.isEmpty());
    for (const QJsonValue &path : legacyLocks)  // as filelock made them: untouched
        QCOMPARE(lstatOf(hfHome + '/' + QFile::encodeName(path.toString())).st_mode & 0777, 0644u);
    for (const QJsonValue &path : manifest.value(QLatin1String("datasets.lock")).toArray()) {
        const struct stat st = lstatOf(hfHome + '/' + QFile::encodeName(path.toString()));
        QVERIFY2((st.st_mode & 0777) == 0664 && st.st_gid == m_group, qPrintable(path.toString()));
    }
}

QTEST_GUILESS_MAIN(TestHomeRepair)
#include "tst_HomeRepair.moc"
