// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "audit/CacheAudit.h"
#include "cache/CacheScan.h"
#include "support/TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace hfcache;
using TestSupport::TestUser;

namespace {

const QString kGroup = QStringLiteral("hfct-doc-share");

// A huggingface_hub-like writer: folders with os.makedirs, a blob, a ref, a snapshot link, and
// the blob lock taken with Debian's python3-filelock -- all under the given umask.
const char *const kWriter = R"(
import os, sys, filelock
root, repo, umask = sys.argv[1], sys.argv[2], int(sys.argv[3], 8)
os.umask(umask)
commit, etag = "a" * 40, "b" * 64
r = os.path.join(root, "models--" + repo.replace("/", "--"))
for d in ("blobs", "refs", "snapshots/" + commit):
    os.makedirs(os.path.join(r, d), exist_ok=True)
locks = os.path.join(root, ".locks", os.path.basename(r))
os.makedirs(locks, exist_ok=True)
with filelock.FileLock(os.path.join(locks, etag + ".lock")):
    with open(os.path.join(r, "blobs", etag), "wb") as f:
        f.write(b"weights")
    with open(os.path.join(r, "refs", "main"), "w") as f:
        f.write(commit)
    os.symlink("../../blobs/" + etag, os.path.join(r, "snapshots", commit, "model.safetensors"))
)";
const char *const kAcquire = R"(
import sys, filelock
filelock.FileLock(sys.argv[1]).acquire(timeout=2)
)";

int sh(const QString &command)
{
    return TestSupport::runProgram(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command});
}

QString q(const QByteArray &path)
{
    return QLatin1Char('\'') + QFile::decodeName(path) + QLatin1Char('\'');
}

Findings allFindings(const AuditReport &report)
{
    Findings all = report.findings;
    for (const RepoAccess &repo : report.repos)
        all += repo.findings;
    return all;
}

Findings withCode(const AuditReport &report, const QString &code)
{
    Findings result;
    for (const Finding &f : allFindings(report)) {
        if (findingCodeName(f.code) == code)
            result.append(f);
    }
    return result;
}

const Finding *findingAt(const AuditReport &report, const QString &code, const QByteArray &path)
{
    static Finding found;
    for (const Finding &f : allFindings(report)) {
        if (findingCodeName(f.code) == code && f.path == path) {
            found = f;
            return &found;
        }
    }
    return nullptr;
}

} // namespace

class TestCacheAudit : public QObject
{
    Q_OBJECT
private:
    std::optional<TestUser> m_a, m_b;
    QTemporaryDir m_fixtures;
    QString m_fixtureRoot;
    QStringList m_cleanup;

    AuditReport audit(const QByteArray &root, const QString &asUser = {}, const QString &group = {})
    {
        ScanError error;
        const CacheSnapshotPtr snapshot = CacheScan::run(root, {}, {}, nullptr, &error);
        if (!snapshot)
            qFatal("scan failed: %s", qPrintable(error.message()));
        QString auditError;
        CacheAudit::Options options;
        options.asUser = asUser;
        options.sharedGroup = group;
        const AuditReport report = CacheAudit::run(*snapshot, options, &auditError);
        if (!auditError.isEmpty())
            qFatal("audit failed: %s", qPrintable(auditError));
        return report;
    }

    // A copy of the real huggingface_hub fixture cache at `dest` (its parents created).
    void copyFixture(const QByteArray &dest)
    {
        QVERIFY(QDir().mkpath(QFile::decodeName(dest).section(QLatin1Char('/'), 0, -2)));
        QCOMPARE(sh(QStringLiteral("cp -a '%1/fixture-cache' %2").arg(m_fixtureRoot, q(dest))), 0);
    }

    // A folder every test user can reach, with a shared cache root: group G, 2775.
    QByteArray sharedRoot(const QTemporaryDir &dir)
    {
        ::chmod(QFile::encodeName(dir.path()).constData(), 0755);
        const QByteArray root = QFile::encodeName(dir.path()) + "/shared/hub";
        sh(QStringLiteral("mkdir -p %1 && chgrp %2 %1 && chmod 2775 %1").arg(q(root), kGroup));
        return root;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("needs root to create users (CI runs as root)");
        m_a = TestSupport::ensureUser(QStringLiteral("hfct-doc-a"));
        m_b = TestSupport::ensureUser(QStringLiteral("hfct-doc-b"));
        QVERIFY(m_a && m_b);
        if (!::getgrnam(kGroup.toLocal8Bit().constData()))
            QCOMPARE(TestSupport::runProgram(QStringLiteral("groupadd"), {kGroup}), 0);
        for (const QString &user : {m_a->name, m_b->name})
            QCOMPARE(TestSupport::runProgram(QStringLiteral("usermod"), {QStringLiteral("-aG"), kGroup, user}), 0);
        m_fixtureRoot = TestSupport::extractFixtures(m_fixtures);
        QVERIFY(!m_fixtureRoot.isEmpty());
    }

    void cleanupTestCase()
    {
        for (const QString &path : std::as_const(m_cleanup))
            sh(QStringLiteral("rm -rf '%1'").arg(path));
    }

    // A cache copied from user A into user B's home, then `chmod -R 777`: B can read and
    // write, yet every entry stays A's -- B can fix no mode, and anyone may replace the weights.
    void migratedCache()
    {
        const QByteArray home = QFile::encodeName(QStringLiteral("/home/%1").arg(m_b->name));
        const QByteArray root = home + "/hfct-migrated/hub";
        m_cleanup << QFile::decodeName(home + "/hfct-migrated");
        copyFixture(root);
        QCOMPARE(sh(QStringLiteral("chown %1 %2/hfct-migrated && chown -R %3:%3 %4").arg(m_b->name, q(home), m_a->name, q(root))), 0);

        // As root, the cache in B's home is checked for B.
        AuditReport report = audit(root);
        QCOMPARE(report.user.name, m_b->name);
        QVERIFY(report.userReason.contains(QLatin1String("home")));
        QVERIFY(!report.shared);
        QVERIFY(!report.repos.isEmpty());
        for (const RepoAccess &repo : std::as_const(report.repos)) {
            QVERIFY2(repo.canRead, qPrintable(repo.cacheId));
            QVERIFY(!repo.canWrite);
            QCOMPARE(repo.writeDenial.denying()->path, root);  // A's 0755 root: B cannot delete a repo
        }
        const Finding *rootFinding = findingAt(report, QStringLiteral("not-writable"), root);
        QVERIFY(rootFinding);
        QCOMPARE(rootFinding->fix.action, QStringLiteral("chown"));
        QCOMPARE(rootFinding->fix.value, m_b->name + QLatin1Char(':') + m_b->name);
        // The verdict is the kernel's: B really cannot create a file there.
        QByteArray err;
        QVERIFY(TestSupport::runAsUser(*m_b, QStringLiteral("/bin/touch"), {QFile::decodeName(root + "/x")}, nullptr, &err) != 0);
        QVERIFY(err.contains("Permission denied"));

        QCOMPARE(sh(QStringLiteral("chmod -R 777 %1").arg(q(root))), 0);
        report = audit(root, m_b->name);
        for (const RepoAccess &repo : std::as_const(report.repos))
            QVERIFY(repo.canRead && repo.canWrite);
        const Findings foreign = withCode(report, QStringLiteral("foreign-owner"));
        QVERIFY2(foreign.size() > 50, qPrintable(QString::number(foreign.size())));
        for (const Finding &f : foreign) {
            QCOMPARE(f.severity, Severity::Error);
            QCOMPARE(f.fix.action, QStringLiteral("chown"));
            QCOMPARE(f.fix.path, f.path);
        }
        QVERIFY(foreign.first().message.contains(QLatin1String("anyone on this machine can modify it")));
        // 777 is not enough: B still cannot restore a sane mode on A's files.
        const QByteArray blob = root + "/models--fixture-org--tiny-model/blobs";
        QCOMPARE(TestSupport::runAsUser(*m_b, QStringLiteral("/bin/touch"), {QFile::decodeName(root + "/x")}, nullptr, &err), 0);
        QVERIFY(TestSupport::runAsUser(*m_b, QStringLiteral("/bin/chmod"), {QStringLiteral("755"), QFile::decodeName(blob)},
                                       nullptr, &err) != 0);
        QVERIFY(err.contains("Operation not permitted"));
        const TestSupport::CliResult cli = TestSupport::runCli({QStringLiteral("doctor"), QStringLiteral("--cache-dir"),
                                                                QFile::decodeName(root), QStringLiteral("--as-user"), m_b->name});
        QCOMPARE(cli.exitCode, 1);
    }

    // Root ran a download into a user's cache: everything root's, the user can load but not update.
    void rootWrittenCacheInHome()
    {
        const QByteArray home = QFile::encodeName(QStringLiteral("/home/%1").arg(m_a->name));
        const QByteArray root = home + "/hfct-rootcache/hub";
        m_cleanup << QFile::decodeName(home + "/hfct-rootcache");
        copyFixture(root);
        QCOMPARE(sh(QStringLiteral("chown %1 %2/hfct-rootcache").arg(m_a->name, q(home))), 0);

        const TestSupport::CliResult cli = TestSupport::runCli({QStringLiteral("doctor"), QStringLiteral("--cache-dir"),
                                                                QFile::decodeName(root), QStringLiteral("--json")});
        QCOMPARE(cli.exitCode, 1);
        const QJsonObject json = QJsonDocument::fromJson(cli.out).object();
        QCOMPARE(json.value(QLatin1String("user")).toObject().value(QLatin1String("name")).toString(), m_a->name);
        const QJsonArray repos = json.value(QLatin1String("repos")).toArray();
        QVERIFY(!repos.isEmpty());
        QSet<QString> codes;
        for (const QJsonValue &value : repos) {
            const QJsonObject repo = value.toObject();
            QVERIFY(repo.value(QLatin1String("can_read")).toBool());
            QVERIFY(!repo.value(QLatin1String("can_write")).toBool());
            const QJsonObject denial = repo.value(QLatin1String("write_denial")).toObject();
            QCOMPARE(denial.value(QLatin1String("denied_at")).toString(), QFile::decodeName(root));
            QVERIFY(denial.value(QLatin1String("reason")).toString().contains(QLatin1String("neither the owner (root)")));
            QCOMPARE(denial.value(QLatin1String("components")).toArray().first().toObject().value(QLatin1String("path")).toString(),
                     QStringLiteral("/"));
            for (const QJsonValue &f : repo.value(QLatin1String("findings")).toArray()) {
                const QJsonObject finding = f.toObject();
                codes << finding.value(QLatin1String("code")).toString();
                for (const char *key : {"severity", "code", "path", "message"})
                    QVERIFY(finding.contains(QLatin1String(key)));
                if (finding.value(QLatin1String("code")).toString() == QLatin1String("foreign-owner"))
                    QCOMPARE(finding.value(QLatin1String("fix")).toObject().value(QLatin1String("value")).toString(),
                             m_a->name + QLatin1Char(':') + m_a->name);
            }
        }
        QVERIFY(codes.contains(QStringLiteral("foreign-owner")));
        QVERIFY(codes.contains(QStringLiteral("not-writable")));

        // The human view shows the namei-style path and the denying component.
        const TestSupport::CliResult human = TestSupport::runCli({QStringLiteral("doctor"), QStringLiteral("--cache-dir"),
                                                                  QFile::decodeName(root)});
        QVERIFY2(human.out.contains("Path to") && human.out.contains("drwxr-xr-x root") && human.out.contains("<- hfct-doc-a is neither"),
                 human.out.left(3000).constData());
    }

    // A group-shared cache where user A's lock file came out without g+w (umask 022): user B
    // gets PermissionError from filelock instead of waiting. doctor says so and how to fix it.
    void sharedCacheLockNotWritable()
    {
        QTemporaryDir dir;
        const QByteArray root = sharedRoot(dir);
        QCOMPARE(TestSupport::runAsUser(*m_a, QStringLiteral("/usr/bin/python3"),
                                        {QStringLiteral("-c"), QString::fromUtf8(kWriter), QFile::decodeName(root),
                                         QStringLiteral("org/model"), QStringLiteral("022")}), 0);
        const QByteArray lock = root + "/.locks/models--org--model/" + QByteArray(64, 'b') + ".lock";

        AuditReport report = audit(root, m_b->name);
        QVERIFY(report.shared && report.sharedDetected);
        QCOMPARE(report.sharedGroup, kGroup);
        QCOMPARE(report.repos.size(), 1);
        QVERIFY(report.repos[0].canRead);
        QVERIFY(!report.repos[0].canWrite);
        const Finding *finding = findingAt(report, QStringLiteral("lock-not-writable"), lock);
        QVERIFY(finding);
        QCOMPARE(finding->severity, Severity::Error);
        QCOMPARE(finding->fix.action, QStringLiteral("chmod"));
        QVERIFY(findingAt(report, QStringLiteral("not-group-writable"), root + "/models--org--model/blobs"));
        QVERIFY(!report.repos[0].writeDenial.lines().isEmpty());

        // The real peer agrees: B's filelock fails with PermissionError...
        QByteArray err;
        QVERIFY(TestSupport::runAsUser(*m_b, QStringLiteral("/usr/bin/python3"),
                                       {QStringLiteral("-c"), QString::fromUtf8(kAcquire), QFile::decodeName(lock)},
                                       nullptr, &err) != 0);
        QVERIFY2(err.contains("PermissionError"), err.constData());
        // ...and the fix doctor gives makes it wait and lock like everybody else.
        QCOMPARE(::chmod(lock.constData(), finding->fix.value.toUInt(nullptr, 8)), 0);
        QCOMPARE(TestSupport::runAsUser(*m_b, QStringLiteral("/usr/bin/python3"),
                                        {QStringLiteral("-c"), QString::fromUtf8(kAcquire), QFile::decodeName(lock)}), 0);
        QVERIFY(!findingAt(audit(root, m_b->name), QStringLiteral("lock-not-writable"), lock));
    }

    // Everything group-writable except one lock file forced to 0644 (filelock 3.10.2-3.23
    // fchmods every lock it takes): the why-path goes .locks -> .locks/<repo> -> the lock.
    void lockFile0644WhyPath()
    {
        QTemporaryDir dir;
        const QByteArray root = sharedRoot(dir);
        QCOMPARE(TestSupport::runAsUser(*m_a, QStringLiteral("/usr/bin/python3"),
                                        {QStringLiteral("-c"), QString::fromUtf8(kWriter), QFile::decodeName(root),
                                         QStringLiteral("org/model"), QStringLiteral("002")}), 0);
        const QByteArray lock = root + "/.locks/models--org--model/" + QByteArray(64, 'b') + ".lock";
        QCOMPARE(sh(QStringLiteral("chmod 0644 %1").arg(q(lock))), 0);
        const AuditReport report = audit(root, m_b->name);
        QCOMPARE(report.repos.size(), 1);
        const RepoAccess &repo = report.repos[0];
        QVERIFY(repo.canRead);
        QVERIFY(!repo.canWrite);
        const WhyPath &why = repo.writeDenial;
        QCOMPARE(why.target(), lock);
        QCOMPARE(why.denying()->path, lock);
        QCOMPARE(why.components.at(why.components.size() - 2).path, root + "/.locks/models--org--model");
        QCOMPARE(why.components.at(why.components.size() - 3).path, root + "/.locks");
        QVERIFY(why.lines().last().contains(QLatin1String("-rw-r--r-- hfct-doc-a")));
        QVERIFY(why.lines().last().contains(QLatin1String("<- hfct-doc-b is in the group hfct-doc-share")));
        QCOMPARE(report.countFindings(Severity::Error), 1);
        const Finding *finding = findingAt(report, QStringLiteral("lock-not-writable"), lock);
        QVERIFY(finding);
        QCOMPARE(finding->fix.value, QStringLiteral("0664"));
    }

    // The repo's lock folder is gone (`hf cache rm` style clean-up) and .locks is A's 0755: the
    // next download by B must create .locks/<repo> and the real client fails with PermissionError.
    void missingLockFolderNotCreatable()
    {
        QTemporaryDir dir;
        const QByteArray root = sharedRoot(dir);
        QCOMPARE(TestSupport::runAsUser(*m_a, QStringLiteral("/usr/bin/python3"),
                                        {QStringLiteral("-c"), QString::fromUtf8(kWriter), QFile::decodeName(root),
                                         QStringLiteral("org/model"), QStringLiteral("002")}), 0);
        QCOMPARE(sh(QStringLiteral("rm -r %1/.locks/models--org--model && chmod 0755 %1/.locks").arg(q(root))), 0);
        AuditReport report = audit(root, m_b->name);
        QCOMPARE(report.repos.size(), 1);
        QVERIFY(report.repos[0].canRead);
        QVERIFY(!report.repos[0].canWrite);
        const WhyPath &why = report.repos[0].writeDenial;
        QVERIFY(why.isDenied());
        QCOMPARE(why.denying()->path, root + "/.locks");
        QVERIFY(findingAt(report, QStringLiteral("not-group-writable"), root + "/.locks"));
        const TestSupport::CliResult cli = TestSupport::runCli({QStringLiteral("doctor"), QStringLiteral("--cache-dir"),
                                                                QFile::decodeName(root), QStringLiteral("--as-user"), m_b->name,
                                                                QStringLiteral("--json")});
        const QJsonObject repo = QJsonDocument::fromJson(cli.out).object().value(QLatin1String("repos")).toArray().first().toObject();
        QVERIFY(!repo.value(QLatin1String("can_write")).toBool());
        QCOMPARE(repo.value(QLatin1String("write_denial")).toObject().value(QLatin1String("denied_at")).toString(),
                 QFile::decodeName(root + "/.locks"));
        // The real client agrees: huggingface_hub creates the folder with mkdir(parents=True).
        QByteArray err;
        QVERIFY(TestSupport::runAsUser(*m_b, QStringLiteral("/usr/bin/python3"),
                                       {QStringLiteral("-c"), QStringLiteral("import pathlib, sys; pathlib.Path(sys.argv[1]).mkdir(parents=True, exist_ok=True)"),
                                        QFile::decodeName(root + "/.locks/models--org--model")}, nullptr, &err) != 0);
        QVERIFY2(err.contains("PermissionError"), err.constData());
        // A writable .locks lets it be created: no denial.
        QCOMPARE(sh(QStringLiteral("chmod 2775 %1/.locks").arg(q(root))), 0);
        report = audit(root, m_b->name);
        QVERIFY(report.repos[0].canWrite);
    }

    // A writer with umask 000 in a setgid shared cache: every member can use what it made.
    void umaskZeroWriter()
    {
        QTemporaryDir dir;
        const QByteArray root = sharedRoot(dir);
        QCOMPARE(TestSupport::runAsUser(*m_a, QStringLiteral("/bin/sh"),
                                        {QStringLiteral("-c"), QStringLiteral("umask 000; exec /usr/bin/python3 -c \"$0\" \"$@\""),
                                         QString::fromUtf8(kWriter), QFile::decodeName(root), QStringLiteral("org/model"),
                                         QStringLiteral("000")}), 0);
        const AuditReport report = audit(root, m_b->name);
        QVERIFY(report.shared);
        QCOMPARE(report.repos.size(), 1);
        QVERIFY(report.repos[0].canRead && report.repos[0].canWrite);
        QCOMPARE(report.countFindings(Severity::Error), 0);
        QVERIFY(withCode(report, QStringLiteral("group-mismatch")).isEmpty());      // setgid did its job
        QVERIFY(withCode(report, QStringLiteral("dir-missing-setgid")).isEmpty());
        const QByteArray lock = root + "/.locks/models--org--model/" + QByteArray(64, 'b') + ".lock";
        QCOMPARE(TestSupport::runAsUser(*m_b, QStringLiteral("/usr/bin/python3"),
                                        {QStringLiteral("-c"), QString::fromUtf8(kAcquire), QFile::decodeName(lock)}), 0);
    }

    void sharedGroupPolicyAndAcl()
    {
        QTemporaryDir dir;
        const QByteArray root = sharedRoot(dir);
        QCOMPARE(TestSupport::runAsUser(*m_a, QStringLiteral("/usr/bin/python3"),
                                        {QStringLiteral("-c"), QString::fromUtf8(kWriter), QFile::decodeName(root),
                                         QStringLiteral("org/model"), QStringLiteral("002")}), 0);
        const QByteArray blobs = root + "/models--org--model/blobs";
        // A folder that lost its setgid and group, as after a `cp` without -a by another user.
        QCOMPARE(sh(QStringLiteral("chgrp root %1 && chmod g-s %1").arg(q(blobs))), 0);
        AuditReport report = audit(root, m_b->name, kGroup);
        QVERIFY(report.shared && !report.sharedDetected);
        const Finding *setgid = findingAt(report, QStringLiteral("dir-missing-setgid"), blobs);
        QVERIFY(setgid);
        QCOMPARE(setgid->fix.action, QStringLiteral("setgid"));
        QCOMPARE(setgid->fix.value, QStringLiteral("2775"));
        const Finding *group = findingAt(report, QStringLiteral("group-mismatch"), blobs);
        QVERIFY(group);
        QCOMPARE(group->fix.action, QStringLiteral("chgrp"));
        QCOMPARE(group->fix.value, kGroup);

        QCOMPARE(report.aclSupport, AclProbe::Support::Supported);
        QVERIFY(!report.rootDefaultAcl);
        const Finding *acl = findingAt(report, QStringLiteral("no-default-acl"), root);
        QVERIFY(acl);
        QCOMPARE(acl->fix.action, QStringLiteral("default-acl"));
        QCOMPARE(acl->fix.value, QStringLiteral("g:%1:rwX").arg(kGroup));

        QCOMPARE(sh(QStringLiteral("setfacl -d -m g:%1:rwx %2").arg(kGroup, q(root))), 0);
        report = audit(root, m_b->name, kGroup);
        QVERIFY(report.rootDefaultAcl);
        QVERIFY(!findingAt(report, QStringLiteral("no-default-acl"), root));
    }

    // `hf auth login` made HF_HOME 0700: the shared cache below it is out of everyone's reach.
    void hfHomePrivate()
    {
        QTemporaryDir dir;
        ::chmod(QFile::encodeName(dir.path()).constData(), 0755);
        const QByteArray hfHome = QFile::encodeName(dir.path()) + "/huggingface";
        const QByteArray root = hfHome + "/hub";
        copyFixture(root);
        QCOMPARE(sh(QStringLiteral("chgrp -R %1 %2 && chmod -R g+w %3 && chmod 2775 %3 && touch %2/token && chmod 0700 %2")
                        .arg(kGroup, q(hfHome), q(root))), 0);
        const AuditReport report = audit(root, m_b->name);
        QVERIFY(report.sharedDetected);
        const Finding *home = findingAt(report, QStringLiteral("hf-home-private"), hfHome);
        QVERIFY(home);
        QCOMPARE(home->severity, Severity::Error);
        QVERIFY(home->message.contains(QLatin1String("HF_TOKEN_PATH")));
        QCOMPARE(home->fix.action, QStringLiteral("chmod"));
        QVERIFY(findingAt(report, QStringLiteral("not-readable"), hfHome));
        for (const RepoAccess &repo : report.repos) {
            QVERIFY(!repo.canRead && !repo.canWrite);
            QCOMPARE(repo.readDenial.denying()->path, hfHome);
        }
    }

    // Files owned by a uid this system does not know (a container's): named by number.
    void containerUid()
    {
        QTemporaryDir dir;
        const QByteArray root = QFile::encodeName(dir.path()) + "/hub";
        copyFixture(root);
        QCOMPARE(sh(QStringLiteral("chown -R 4242:4242 %1").arg(q(root))), 0);
        const AuditReport report = audit(root);
        QCOMPARE(report.user.name, QStringLiteral("root"));
        const Findings foreign = withCode(report, QStringLiteral("foreign-owner"));
        QVERIFY(!foreign.isEmpty());
        QVERIFY2(foreign.first().message.startsWith(QLatin1String("owned by uid 4242, which has no user on this system")),
                 qPrintable(foreign.first().message));
        QCOMPARE(foreign.first().fix.value, QStringLiteral("root:root"));
        QCOMPARE(report.countFindings(Severity::Error), foreign.size());  // root may still read and write
    }

    // A user looking at someone else's cache is a guest: the host's files are not "foreign",
    // only what the guest cannot do is reported.
    void guestOfAnotherUsersCache()
    {
        QTemporaryDir dir;
        ::chmod(QFile::encodeName(dir.path()).constData(), 0755);
        const QByteArray root = QFile::encodeName(dir.path()) + "/hub";
        copyFixture(root);
        QCOMPARE(sh(QStringLiteral("chown -R %1:%1 %2").arg(m_a->name, q(root))), 0);
        const AuditReport report = audit(root, m_b->name);
        QCOMPARE(report.cacheOwnerName, m_a->name);
        QVERIFY(withCode(report, QStringLiteral("foreign-owner")).isEmpty());
        QVERIFY(!withCode(report, QStringLiteral("not-writable")).isEmpty());
        for (const RepoAccess &repo : report.repos)
            QVERIFY(repo.canRead && !repo.canWrite);
    }

    // A root B may not open (A's, 0700): doctor stopped at "cannot open ...: Permission denied"
    // with exit 2; it explains the way to the root and the fix instead (issue 15, D30).
    void unreadableRootExplained()
    {
        QTemporaryDir dir;
        ::chmod(QFile::encodeName(dir.path()).constData(), 0755);
        const QByteArray root = QFile::encodeName(dir.path()) + "/hub";
        copyFixture(root);
        QCOMPARE(sh(QStringLiteral("chown -R %1:%1 %2 && chmod 0700 %2").arg(m_a->name, q(root))), 0);
        QByteArray out, err;
        const int code = TestSupport::runAsUser(*m_b, TestSupport::cliPath(),
                                                {QStringLiteral("doctor"), QStringLiteral("--cache-dir"), QFile::decodeName(root)},
                                                &out, &err);
        QVERIFY2(code == 1, (out + err).constData());
        QVERIFY2(err.contains("cannot open " + root + ": Permission denied"), err.constData());
        QVERIFY2(out.contains("Path to " + root), out.constData());
        QVERIFY2(out.contains("drwx------ " + m_a->name.toUtf8()), out.constData());
        QVERIFY2(out.contains("<- " + m_b->name.toUtf8() + " is neither the owner"), out.constData());
        QVERIFY2(out.contains("not-readable"), out.constData());
        QVERIFY2(out.contains("fix: "), out.constData());
    }

    void usageErrors()
    {
        QTemporaryDir dir;
        const QByteArray root = QFile::encodeName(dir.path()) + "/hub";
        copyFixture(root);
        TestSupport::CliResult cli = TestSupport::runCli({QStringLiteral("doctor"), QStringLiteral("--cache-dir"),
                                                          QFile::decodeName(root), QStringLiteral("--as-user"),
                                                          QStringLiteral("hfct-doc-nobody")});
        QCOMPARE(cli.exitCode, 2);
        QVERIFY(cli.err.contains("no such user: hfct-doc-nobody"));
        cli = TestSupport::runCli({QStringLiteral("doctor"), QStringLiteral("--cache-dir"), QFile::decodeName(root),
                                   QStringLiteral("--shared-group"), QStringLiteral("hfct-doc-nogroup")});
        QCOMPARE(cli.exitCode, 2);
        QVERIFY(cli.err.contains("no such group: hfct-doc-nogroup"));
        cli = TestSupport::runCli({QStringLiteral("doctor"), QStringLiteral("--cache-dir"), QFile::decodeName(root) + QStringLiteral("/missing")});
        QCOMPARE(cli.exitCode, 2);
        QVERIFY(cli.err.contains("missing"));
        // The fixture as root: no permission problem; the killed download is only a warning.
        cli = TestSupport::runCli({QStringLiteral("doctor"), QStringLiteral("--cache-dir"), QFile::decodeName(root)});
        QCOMPARE(cli.exitCode, 0);
        QVERIFY2(cli.out.contains("incomplete-stale"), cli.out.constData());
    }

    // --as-user takes a uid as chown does: the same answer as for the name.
    void asUserByUid()
    {
        QTemporaryDir dir;
        const QByteArray root = QFile::encodeName(dir.path()) + "/hub";
        copyFixture(root);
        const auto doctor = [&](const QString &user) {
            const TestSupport::CliResult cli = TestSupport::runCli({QStringLiteral("doctor"), QStringLiteral("--cache-dir"),
                                                                    QFile::decodeName(root), QStringLiteral("--as-user"), user,
                                                                    QStringLiteral("--json")});
            return QJsonDocument::fromJson(cli.out).object().value(QLatin1String("user")).toObject();
        };
        const QJsonObject byUid = doctor(QString::number(m_b->uid));
        QCOMPARE(byUid.value(QLatin1String("name")).toString(), m_b->name);
        QCOMPARE(byUid.value(QLatin1String("uid")).toInteger(), qint64(m_b->uid));
        QCOMPARE(doctor(m_b->name), byUid);
        const TestSupport::CliResult none = TestSupport::runCli({QStringLiteral("doctor"), QStringLiteral("--cache-dir"),
                                                                 QFile::decodeName(root), QStringLiteral("--as-user"),
                                                                 QStringLiteral("4000000000")});
        QCOMPARE(none.exitCode, 2);
        QVERIFY2(none.err.contains("no such user: 4000000000"), none.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCacheAudit)
#include "tst_CacheAudit.moc"
