// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
//
// Issue 14 §1 and the repair parts of §2: what hfcache-helper (and `hfcache repair` run as root
// for someone) may do for whom. A real attacker (hfc_authz_attacker) asks; the victims are root
// and hfc_authz_victim, through decoy files made here. Every case ran against the helper before
// RepairAuthorization and changed the decoys.
#include "RepairTestCache.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <tuple>
#include <unistd.h>

using namespace RepairTestCache;
using TestSupport::TestUser;

namespace {

const QByteArray kGroup = "hfc_authz_g";

void writeFile(const QByteArray &path, const QByteArray &content, uint uid, uint gid, mode_t mode)
{
    QFile file(QFile::decodeName(path));
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", path.constData());
    file.close();
    if (::chown(path.constData(), uid, gid) != 0 || ::chmod(path.constData(), mode) != 0)
        qFatal("cannot chown/chmod %s", path.constData());
}

void makeFolder(const QByteArray &path, uint uid, uint gid, mode_t mode)
{
    QDir().mkpath(QFile::decodeName(path));
    if (::chown(path.constData(), uid, gid) != 0 || ::chmod(path.constData(), mode) != 0)
        qFatal("cannot chown/chmod %s", path.constData());
}

QString refusal(const HelperRun &run)
{
    return run.last(QStringLiteral("refused")).value(QLatin1String("error")).toString();
}

} // namespace

class TestRepairAuthorization : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void stickyDropFolderIsNoCache();
    void genericCacheDirTagIsNoMarker();
    void rootFolderIsOnlyChangedInYourOwnCache();
    void anotherUsersCacheCannotBeTakenOver();
    void foldersOnTheWayMustBeSafe();
    void migratedCacheBecomesYours();
    void takingOwnershipNeedsItsMode();
    void sharedCacheOnlyForMembers();
    void removeIncompleteNeverRemovesASwappedInName();
    void sudoRepairOfASymlinkedRootIsRefused();
    void sudoRepairNeverPlansForRootsOwnCache();
    void mineAsRootGivesRootsOwnGroup();

private:
    // <base>/<name>/hub: makeCache's cache, every entry `owner`'s.
    QByteArray cacheOf(const QByteArray &base, const QByteArray &name, const TestUser &owner);
    TestSupport::CliResult cliAs(const TestUser &user, const QStringList &args);

    std::optional<QTemporaryDir> m_dir;  // per test, root's, 0755: the way to every cache is safe
    QByteArray m_base;
    std::optional<TestUser> m_attacker;
    std::optional<TestUser> m_victim;
    uint m_group = 0;
};

void TestRepairAuthorization::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("needs root (CI runs as root): real users and the helper as root");
    m_attacker = TestSupport::ensureUser(QStringLiteral("hfc_authz_attacker"));
    m_victim = TestSupport::ensureUser(QStringLiteral("hfc_authz_victim"));
    QVERIFY(m_attacker && m_victim);
    if (!::getgrnam(kGroup.constData()))
        QCOMPARE(TestSupport::runProgram(QStringLiteral("groupadd"), {QString::fromLatin1(kGroup)}), 0);
    QCOMPARE(TestSupport::runProgram(QStringLiteral("usermod"), {QStringLiteral("-aG"), QString::fromLatin1(kGroup),
                                                                   m_attacker->name}),
             0);
    m_group = ::getgrnam(kGroup.constData())->gr_gid;
    QVERIFY2(QFile::exists(helperPath()), qPrintable(helperPath()));
}

void TestRepairAuthorization::init()
{
    m_dir.emplace();
    m_base = QFile::encodeName(m_dir->path());
    QCOMPARE(::chmod(m_base.constData(), 0755), 0);
}

void TestRepairAuthorization::cleanup()
{
    m_dir.reset();
}

QByteArray TestRepairAuthorization::cacheOf(const QByteArray &base, const QByteArray &name, const TestUser &owner)
{
    const QByteArray dir = base + '/' + name;
    makeFolder(dir, 0, 0, 0755);
    const QByteArray hub = makeCache(dir);
    chownTree(hub, owner.uid, owner.gid);
    return hub;
}

TestSupport::CliResult TestRepairAuthorization::cliAs(const TestUser &user, const QStringList &args)
{
    TestSupport::CliResult result;
    result.exitCode = TestSupport::runAsUser(user, TestSupport::cliPath(), args, &result.out, &result.err);
    return result;
}

// A sticky, world-writable folder (like /tmp) where the attacker made models--x/blobs, next to
// root's and the victim's private files: no cache, for the helper nor for the CLI's plan.
void TestRepairAuthorization::stickyDropFolderIsNoCache()
{
    const QByteArray &base = m_base;
    const QByteArray drop = base + "/drop";
    makeFolder(drop, 0, 0, 01777);
    QCOMPARE(TestSupport::runAsUser(*m_attacker, QStringLiteral("mkdir"),
                                    {QStringLiteral("-p"), QFile::decodeName(drop + "/models--x/blobs")}),
             0);
    writeFile(drop + "/root-secret", "root's", 0, 0, 0600);
    writeFile(drop + "/victim-secret", "victim's", m_victim->uid, m_victim->gid, 0600);
    const TreeState before = treeState(drop);
    const uint a = m_attacker->uid;
    for (const bool take : {false, true}) {
        const HelperRun run = runHelper(plan(drop, {op("chown", "root-secret", uidArg(a)), op("chown", "victim-secret", uidArg(a)),
                                                    op("chmod", "root-secret", "\"mode\":\"0666\""), op("chown", ".", uidArg(a))}),
                                        a, take);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(refusal(run).contains(QLatin1String("drop folder")), qPrintable(refusal(run)));
    }
    // The stock CLI, as the attacker, plans nothing there.
    const TestSupport::CliResult cli = cliAs(*m_attacker, {QStringLiteral("repair"), QStringLiteral("--mine"), QStringLiteral("--dry-run"),
                                                           QStringLiteral("--cache-dir"), QFile::decodeName(drop)});
    QCOMPARE(cli.exitCode, 2);
    QVERIFY2(!cli.out.contains("secret"), cli.out.constData());
    QVERIFY2(cli.err.contains("drop folder"), cli.err.constData());
    QVERIFY(treeState(drop) == before);
}

// Another tool's CACHEDIR.TAG (fontconfig, man-db) makes no Hugging Face cache, for anyone;
// huggingface_hub's own tag does (and still only with ownership).
void TestRepairAuthorization::genericCacheDirTagIsNoMarker()
{
    const QByteArray &base = m_base;
    const QByteArray generic = "Signature: 8a477f597d28d172789f06886806bc55\n"
                               "# This file is a cache directory tag created by fontconfig.\n"
                               "# For information about cache directory tags see https://bford.info/cachedir/\n";
    const QByteArray fontconfig = base + "/fontconfig", mine = base + "/mine";
    makeFolder(fontconfig, 0, 0, 0755);
    writeFile(fontconfig + "/CACHEDIR.TAG", generic, 0, 0, 0644);
    writeFile(fontconfig + "/abc-le64.cache-8", "root's", 0, 0, 0644);
    makeFolder(mine, m_attacker->uid, m_attacker->gid, 0755);
    writeFile(mine + "/CACHEDIR.TAG", generic, m_attacker->uid, m_attacker->gid, 0644);
    writeFile(mine + "/file", "attacker's", m_attacker->uid, m_attacker->gid, 0600);
    const TreeState before = treeState(base);
    for (const auto &[root, invoker, path] : {std::tuple{fontconfig, m_attacker->uid, QByteArray("abc-le64.cache-8")},
                                              std::tuple{fontconfig, 0u, QByteArray("abc-le64.cache-8")},
                                              std::tuple{mine, m_attacker->uid, QByteArray("file")}}) {
        const HelperRun run = runHelper(plan(root, {op("chmod", path, "\"mode\":\"0666\"")}), invoker, true);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(refusal(run).contains(QLatin1String("not a Hugging Face cache")), qPrintable(refusal(run)));
    }
    QVERIFY(treeState(base) == before);
    // huggingface_hub's own tag: the attacker's folder is a cache of theirs.
    writeFile(mine + "/CACHEDIR.TAG",
              "Signature: 8a477f597d28d172789f06886806bc55\n"
              "# This file is a cache directory tag created by huggingface_hub.\n"
              "# For information about cache directory tags, see:\n"
              "#\thttps://bford.info/cachedir/\n",
              m_attacker->uid, m_attacker->gid, 0644);
    QCOMPARE(runHelper(plan(mine, {op("chmod", "file", "\"mode\":\"0640\"")}), m_attacker->uid).exitCode, 0);
}

// "." is the cache root: changed only in the invoker's own cache, never for someone else.
void TestRepairAuthorization::rootFolderIsOnlyChangedInYourOwnCache()
{
    const QByteArray &base = m_base;
    const QByteArray victims = cacheOf(base, "victim", *m_victim);
    const QByteArray shared = cacheOf(base, "shared", *m_attacker);
    chownTree(shared, 0, m_group);
    ::chmod(shared.constData(), 02775);
    const TreeState before = treeState(base);
    const uint a = m_attacker->uid;
    const HelperRun foreign = runHelper(plan(victims, {op("chown", ".", uidArg(a))}), a, true);
    QCOMPARE(foreign.exitCode, 3);
    QVERIFY2(refusal(foreign).contains(QLatin1String("belongs to uid")), qPrintable(refusal(foreign)));
    for (const QByteArray &change : {op("chmod", ".", "\"mode\":\"0777\""), op("default-acl", ".", gidArg(m_group)),
                                     op("chown", ".", uidArg(a))}) {
        const HelperRun run = runHelper(plan(shared, {change}, m_group), a, true);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(refusal(run).contains(QLatin1String("only changed in your own cache")), qPrintable(refusal(run)));
    }
    QVERIFY(treeState(base) == before);
}

// The victim's own cache: not their snapshot folder, not refs/, not with a shared group the
// attacker names, not through the CLI.
void TestRepairAuthorization::anotherUsersCacheCannotBeTakenOver()
{
    const QByteArray &base = m_base;
    const QByteArray hub = cacheOf(base, "victim", *m_victim);
    const uint a = m_attacker->uid;
    const QList<QByteArray> takeOver{op("chown", "models--t--repo/snapshots/c1", uidArg(a)),
                                     op("chown", "models--t--repo/refs", uidArg(a)),
                                     op("chmod", "models--t--repo/refs/main", "\"mode\":\"0666\"")};
    for (const bool take : {false, true}) {
        const HelperRun run = runHelper(plan(hub, takeOver), a, take);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(refusal(run).contains(QStringLiteral("belongs to uid %1").arg(m_victim->uid)), qPrintable(refusal(run)));
    }
    // A group both are in does not make a private cache (0755, no setgid) a shared one.
    QCOMPARE(TestSupport::runProgram(QStringLiteral("chgrp"), {QStringLiteral("-R"), QString::fromLatin1(kGroup), QFile::decodeName(hub)}), 0);
    const TreeState grouped = treeState(base);
    const HelperRun asGroup = runHelper(plan(hub, {op("chgrp", "models--t--repo/refs", gidArg(m_group)),
                                                   op("chmod", "models--t--repo/refs/main", "\"mode\":\"0666\"")},
                                             m_group),
                                        a, true);
    QCOMPARE(asGroup.exitCode, 3);
    const TestSupport::CliResult cli = cliAs(*m_attacker, {QStringLiteral("repair"), QStringLiteral("--mine"), QStringLiteral("--dry-run"),
                                                           QStringLiteral("--cache-dir"), QFile::decodeName(hub)});
    QCOMPARE(cli.exitCode, 2);
    QVERIFY2(!cli.out.contains("snapshots"), cli.out.constData());
    QVERIFY(treeState(base) == grouped);
}

// sshd's StrictModes: a folder on the way that someone else can rename entries in (not sticky,
// or another user's) makes the path untrustworthy; a sticky one (/tmp) does not.
void TestRepairAuthorization::foldersOnTheWayMustBeSafe()
{
    const QByteArray &base = m_base;
    const uint a = m_attacker->uid;
    struct Way
    {
        QByteArray folder;
        uint uid;
        mode_t mode;
        int exitCode;
    };
    for (const Way &way : {Way{"open", 0, 0777, 3}, Way{"victims", m_victim->uid, 0755, 3}, Way{"sticky", 0, 01777, 0},
                           Way{"plain", 0, 0755, 0}}) {
        const QByteArray hub = cacheOf(base, way.folder, *m_attacker);
        makeFolder(base + '/' + way.folder, way.uid, 0, way.mode);
        const HelperRun run = runHelper(plan(hub, {op("chmod", "models--t--repo/blobs/b0", "\"mode\":\"0600\"")}), a);
        QVERIFY2(run.exitCode == way.exitCode, qPrintable(way.folder + ": " + refusal(run)));
        if (way.exitCode == 3)
            QVERIFY2(refusal(run).contains(QLatin1String("on the way to it")), qPrintable(refusal(run)));
    }
}

// The migration case: a cache copied into B's folder from user A (A's files, B's root) becomes
// B's with repair --mine; a hard link to one of A's files elsewhere refuses the plan.
void TestRepairAuthorization::migratedCacheBecomesYours()
{
    const QByteArray &base = m_base;
    const TestUser &a = *m_victim, &b = *m_attacker;
    const QByteArray hub = cacheOf(base, "copied", a);
    writeFile(hub + "/models--t--repo/blobs/private", "A's", a.uid, a.gid, 0600);
    makeFolder(hub, b.uid, b.gid, 0755);
    writeFile(base + "/a-elsewhere", "A's other file", a.uid, a.gid, 0600);
    QCOMPARE(::link((base + "/a-elsewhere").constData(), (hub + "/models--t--repo/blobs/linked").constData()), 0);
    qputenv("SUDO_UID", QByteArray::number(b.uid));
    const QStringList repair{QStringLiteral("repair"), QStringLiteral("--mine"), QStringLiteral("--yes"), QStringLiteral("--json"),
                             QStringLiteral("--cache-dir"), QFile::decodeName(hub)};
    const TestSupport::CliResult linked = TestSupport::runCli(repair);
    QCOMPARE(treeState(base + "/a-elsewhere").first().uid, a.uid);
    ::unlink((hub + "/models--t--repo/blobs/linked").constData());
    const TestSupport::CliResult result = TestSupport::runCli(repair);
    qunsetenv("SUDO_UID");
    QCOMPARE(linked.exitCode, 1);
    const QString linkedError = QJsonDocument::fromJson(linked.out).object().value(QLatin1String("helper")).toObject().value(QLatin1String("error")).toString();
    QVERIFY2(linkedError.contains(QLatin1String("hard links")), qPrintable(linkedError));
    QVERIFY2(result.exitCode == 0, (result.err + result.out.right(1500)).constData());
    const QJsonObject helper = QJsonDocument::fromJson(result.out).object().value(QLatin1String("helper")).toObject();
    QCOMPARE(helper.value(QLatin1String("method")).toString(), QStringLiteral("direct"));
    const TreeState after = treeState(hub);
    for (auto it = after.cbegin(); it != after.cend(); ++it)
        QVERIFY2(it.value().uid == b.uid, it.key().constData());
}

// Giving B someone else's entry, or changing one B cannot read, is --take-ownership only.
void TestRepairAuthorization::takingOwnershipNeedsItsMode()
{
    const QByteArray &base = m_base;
    const TestUser &b = *m_attacker;
    const QByteArray hub = cacheOf(base, "b", b);
    writeFile(hub + "/models--t--repo/blobs/root-private", "root's", 0, 0, 0600);
    writeFile(hub + "/models--t--repo/blobs/victim-public", "victim's", m_victim->uid, m_victim->gid, 0644);
    const TreeState before = treeState(hub);
    for (const QByteArray &change : {op("chown", "models--t--repo/blobs/victim-public", uidArg(b.uid)),
                                     op("chmod", "models--t--repo/blobs/root-private", "\"mode\":\"0644\"")}) {
        const HelperRun run = runHelper(plan(hub, {change}), b.uid);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(refusal(run).contains(QLatin1String("needs an administrator")), qPrintable(refusal(run)));
    }
    QVERIFY(treeState(hub) == before);
    // What B can read already may change group and mode without it.
    QCOMPARE(runHelper(plan(hub, {op("chmod", "models--t--repo/blobs/victim-public", "\"mode\":\"0664\"")}), b.uid).exitCode, 0);
    const HelperRun taken = runHelper(plan(hub, {op("chown", "models--t--repo/blobs/victim-public", uidArg(b.uid)),
                                                 op("chmod", "models--t--repo/blobs/root-private", "\"mode\":\"0644\"")}),
                                      b.uid, true);
    QCOMPARE(taken.exitCode, 0);
    QCOMPARE(taken.last(QStringLiteral("validated")).value(QLatin1String("mode")).toString(), QStringLiteral("take-ownership"));
}

// A cache shared with group G (root's, 2775): members' and root's entries only, nothing taken
// over but lock files.
void TestRepairAuthorization::sharedCacheOnlyForMembers()
{
    const QByteArray &base = m_base;
    const QByteArray hub = cacheOf(base, "shared", *m_attacker);
    chownTree(hub, 0, m_group);
    QCOMPARE(TestSupport::runProgram(QStringLiteral("chmod"), {QStringLiteral("-R"), QStringLiteral("g+w,o+rX"), QFile::decodeName(hub)}), 0);
    QCOMPARE(TestSupport::runProgram(QStringLiteral("find"), {QFile::decodeName(hub), QStringLiteral("-type"), QStringLiteral("d"),
                                                               QStringLiteral("-exec"), QStringLiteral("chmod"), QStringLiteral("g+s"),
                                                               QStringLiteral("{}"), QStringLiteral("+")}),
             0);
    writeFile(hub + "/models--t--repo/blobs/victims", "victim's", m_victim->uid, m_victim->gid, 0644);
    writeFile(hub + "/.locks/models--t--repo/b0.lock", "", 0, 0, 0644);
    const uint a = m_attacker->uid;
    const QByteArray victims = "models--t--repo/blobs/victims";
    const TreeState before = treeState(hub);
    HelperRun run = runHelper(plan(hub, {op("chgrp", victims, gidArg(m_group))}, m_group), a, true);
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(refusal(run).contains(QLatin1String("neither root nor a member")), qPrintable(refusal(run)));
    run = runHelper(plan(hub, {op("chown", "models--t--repo/blobs/b0", uidArg(a))}, m_group), a, true);
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(refusal(run).contains(QLatin1String("only lock files")), qPrintable(refusal(run)));
    run = runHelper(plan(hub, {op("chmod", "models--t--repo/blobs/b0", "\"mode\":\"0664\"")}), a, true);  // no group named
    QCOMPARE(run.exitCode, 3);
    QVERIFY(treeState(hub) == before);
    run = runHelper(plan(hub, {op("chmod", "models--t--repo/blobs/b0", "\"mode\":\"0664\""),
                               op("chown", ".locks/models--t--repo/b0.lock", uidArg(a))},
                         m_group),
                    a, true);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(treeState(hub + "/.locks/models--t--repo/b0.lock").first().uid, a);
}

// remove-incomplete unlinks only the inode it checked. The attacker owns the cache and, in a busy
// loop, exchanges the .incomplete name with a hard link to a victim's team file (0666, so
// protected_hardlinks lets her link it): the team file never loses that link.
void TestRepairAuthorization::removeIncompleteNeverRemovesASwappedInName()
{
    const QByteArray &base = m_base;
    const TestUser &att = *m_attacker;
    const QByteArray hub = cacheOf(base, "att", att);
    const QByteArray etag = "e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1";
    const QByteArray blobs = hub + "/models--t--repo/blobs", incomplete = blobs + '/' + etag + ".incomplete";
    const QByteArray team = base + "/team-file";
    writeFile(incomplete, "partial download", att.uid, att.gid, 0644);
    writeFile(team, "the team's data", m_victim->uid, m_victim->gid, 0666);
    QCOMPARE(TestSupport::runAsUser(att, QStringLiteral("ln"), {QFile::decodeName(team), QFile::decodeName(blobs + "/evil")}), 0);
    const QByteArray json = plan(hub, {op("remove-incomplete", "models--t--repo/blobs/" + etag + ".incomplete")});

    QProcess swapper;
    swapper.start(QStringLiteral("setpriv"),
                  {QStringLiteral("--reuid=%1").arg(att.uid), QStringLiteral("--regid=%1").arg(att.gid), QStringLiteral("--init-groups"),
                   QStringLiteral("--"), QStringLiteral("/usr/bin/python3"), QStringLiteral("-c"),
                   QStringLiteral("import ctypes, os, sys\n"
                                  "libc = ctypes.CDLL(None, use_errno=True)\n"
                                  "a, b = sys.argv[1].encode(), sys.argv[2].encode()\n"
                                  "print('ready', flush=True)\n"
                                  "for _ in range(200_000_000):\n"
                                  "    libc.renameat2(-100, a, -100, b, 2)\n"  // RENAME_EXCHANGE
                                  "    if os.getppid() == 1: break\n"),
                   QFile::decodeName(incomplete), QFile::decodeName(blobs + "/evil")});
    QVERIFY(swapper.waitForReadyRead(10000));
    int removed = 0, refused = 0, leftAlone = 0;
    for (int attempt = 0; attempt < 40; ++attempt) {
        struct stat st;
        if (::lstat(incomplete.constData(), &st) != 0 && ::lstat((blobs + "/evil").constData(), &st) == 0 && st.st_nlink == 2) {
            // The real one went, and the exchange left the link at "evil": a new download.
            const int fd = ::open(incomplete.constData(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
            QVERIFY(fd >= 0 && ::fchown(fd, att.uid, att.gid) == 0);
            ::close(fd);
        }
        const HelperRun run = runHelper(json, att.uid);
        removed += run.exitCode == 0;
        refused += run.exitCode == 3;
        leftAlone += run.exitCode == 1;
        QCOMPARE(::lstat(team.constData(), &st), 0);
        QVERIFY2(st.st_nlink == 2, qPrintable(QStringLiteral("attempt %1 removed the team file's link in the cache").arg(attempt)));
    }
    swapper.kill();
    swapper.waitForFinished();
    qInfo("removed %d, refused at the check %d, left alone at the removal %d", removed, refused, leftAlone);
    QVERIFY(removed + refused + leftAlone == 40);
    QDir blobDir(QFile::decodeName(blobs));
    QCOMPARE(blobDir.entryList({QStringLiteral(".hfcache-remove-*")}, QDir::AllEntries | QDir::Hidden).size(), 0);
}

// `sudo hfcache repair --mine --yes --cache-dir <the attacker's symlink to root's cache>`:
// refused, root's cache untouched; her own cache through the same kind of link is repaired.
void TestRepairAuthorization::sudoRepairOfASymlinkedRootIsRefused()
{
    const QByteArray &base = m_base;
    const QByteArray roots = cacheOf(base, "root", TestUser{QStringLiteral("root"), 0, 0});
    writeFile(roots + "/models--t--repo/blobs/root-secret", "root's", 0, 0, 0600);
    const QByteArray hers = cacheOf(base, "att", *m_attacker);
    writeFile(hers + "/models--t--repo/blobs/root-made", "root's, in her cache", 0, 0, 0644);
    const QByteArray link = base + "/link";  // hers
    const auto pointLinkTo = [&](const QByteArray &target) {
        ::unlink(link.constData());
        return ::symlink(target.constData(), link.constData()) == 0 && ::lchown(link.constData(), m_attacker->uid, m_attacker->gid) == 0;
    };
    QVERIFY(pointLinkTo(roots));
    const TreeState before = treeState(roots);
    for (const char *variable : {"SUDO_UID", "PKEXEC_UID"}) {
        qputenv(variable, QByteArray::number(m_attacker->uid));
        const TestSupport::CliResult result = TestSupport::runCli({QStringLiteral("repair"), QStringLiteral("--mine"), QStringLiteral("--yes"),
                                                                   QStringLiteral("--cache-dir"), QFile::decodeName(link)});
        qunsetenv(variable);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains("belongs to uid 0"), result.err.constData());
        QVERIFY(!result.out.contains("root-secret"));
        QVERIFY(treeState(roots) == before);
    }
    QVERIFY(pointLinkTo(hers));
    qputenv("SUDO_UID", QByteArray::number(m_attacker->uid));
    const TestSupport::CliResult own = TestSupport::runCli({QStringLiteral("repair"), QStringLiteral("--mine"), QStringLiteral("--yes"),
                                                            QStringLiteral("--cache-dir"), QFile::decodeName(link)});
    qunsetenv("SUDO_UID");
    QVERIFY2(own.exitCode == 0, (own.err + own.out.right(1500)).constData());
    QVERIFY2(own.out.contains("Repair of " + hers + ':'), own.out.left(300).constData());  // the canonical root it acted on
    QCOMPARE(treeState(hers + "/models--t--repo/blobs/root-made").first().uid, m_attacker->uid);
}

// Plain `sudo hfcache repair`: Debian's sudo sets HOME=/root, so the default cache is root's;
// it is refused with a pointer to --cache-dir, never planned for the caller.
void TestRepairAuthorization::sudoRepairNeverPlansForRootsOwnCache()
{
    const QByteArray &base = m_base;
    const QByteArray home = base + "/roothome";
    makeFolder(home, 0, 0, 0700);
    makeFolder(home + "/.cache/huggingface", 0, 0, 0755);
    const QByteArray hub = makeCache(home + "/.cache/huggingface");
    ::chmod(home.constData(), 0700);
    writeFile(hub + "/models--t--repo/blobs/root-secret", "root's", 0, 0, 0600);
    const TreeState before = treeState(home);
    QHash<QByteArray, std::optional<QByteArray>> saved;
    for (const char *name : {"HOME", "HF_HOME", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "XDG_CACHE_HOME"}) {
        saved.insert(name, qEnvironmentVariableIsSet(name) ? std::optional(qgetenv(name)) : std::nullopt);
        qunsetenv(name);
    }
    qputenv("HOME", home);
    qputenv("SUDO_UID", QByteArray::number(m_attacker->uid));
    const TestSupport::CliResult result = TestSupport::runCli({QStringLiteral("repair"), QStringLiteral("--yes")});
    const TestSupport::CliResult dryRun = TestSupport::runCli({QStringLiteral("repair"), QStringLiteral("--dry-run")});
    qunsetenv("SUDO_UID");
    for (auto it = saved.cbegin(); it != saved.cend(); ++it) {
        if (it.value())
            qputenv(it.key().constData(), *it.value());
        else
            qunsetenv(it.key().constData());
    }
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(dryRun.exitCode, 2);
    QVERIFY2(result.err.contains("--cache-dir"), result.err.constData());
    QVERIFY2(result.err.contains("/home/hfc_authz_attacker/.cache/huggingface/hub"), result.err.constData());
    QVERIFY(!dryRun.out.contains("root-secret"));
    QVERIFY(treeState(home) == before);
}

// Issue 15 item 20: root's --mine gives root's own group, not root:<the old group>.
void TestRepairAuthorization::mineAsRootGivesRootsOwnGroup()
{
    const QByteArray &base = m_base;
    const QByteArray hub = cacheOf(base, "root", *m_victim);
    makeFolder(hub, 0, 0, 0755);
    const TestSupport::CliResult result = TestSupport::runCli({QStringLiteral("repair"), QStringLiteral("--mine"), QStringLiteral("--yes"),
                                                               QStringLiteral("--cache-dir"), QFile::decodeName(hub)});
    QVERIFY2(result.exitCode == 0, (result.err + result.out.right(1500)).constData());
    const TreeState after = treeState(hub);
    for (auto it = after.cbegin(); it != after.cend(); ++it)
        QVERIFY2(it.value().uid == 0 && it.value().gid == 0, it.key().constData());
}

QTEST_GUILESS_MAIN(TestRepairAuthorization)
#include "tst_RepairAuthorization.moc"
