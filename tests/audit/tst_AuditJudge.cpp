// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "audit/AccessCheck.h"
#include "audit/AuditJudge.h"
#include "cache/FindingCode.h"

#include <QtTest>

#include <sys/stat.h>

using namespace hfcache;
using AccessCheck::Read;
using AccessCheck::Search;
using AccessCheck::Write;
using Needs = AuditJudge::Needs;
using EntryRef = AuditJudge::EntryRef;

namespace {

// The verdicts on hand-built lstats for a hand-built machine: alice (1000) and bob (1001) are in
// the group ml (500), carol (1002) is not; uid 4242 names no user. Nothing is read from the
// file system or the user database.
constexpr quint32 Root = 0, Alice = 1000, Bob = 1001, Carol = 1002, Stranger = 4242;
constexpr quint32 AliceGroup = 1000, Ml = 500;
const QByteArray CacheRoot = "/cache";

EntryStat entry(quint32 type, quint32 permissions, quint32 uid, quint32 gid)
{
    EntryStat s;
    s.mode = type | permissions;
    s.uid = uid;
    s.gid = gid;
    return s;
}

EntryStat file(quint32 permissions, quint32 uid, quint32 gid = Ml) { return entry(S_IFREG, permissions, uid, gid); }
EntryStat folder(quint32 permissions, quint32 uid, quint32 gid = Ml) { return entry(S_IFDIR, permissions, uid, gid); }
EntryStat symlinkEntry(quint32 uid, quint32 gid = Ml) { return entry(S_IFLNK, 0777, uid, gid); }

UserIdentity identity(quint32 uid)
{
    static const QHash<quint32, UserIdentity> users{
        {Root, {QStringLiteral("root"), QStringLiteral("/root"), Root, 0, {0}}},
        {Alice, {QStringLiteral("alice"), QStringLiteral("/home/alice"), Alice, AliceGroup, {AliceGroup, Ml}}},
        {Bob, {QStringLiteral("bob"), QStringLiteral("/home/bob"), Bob, Bob, {Bob, Ml}}},
        {Carol, {QStringLiteral("carol"), QStringLiteral("/home/carol"), Carol, Carol, {Carol}}},
    };
    return users.value(uid);
}

AuditJudge::Lookups lookups(const QSet<QByteArray> &foldersWithDefaultAcl = {})
{
    return {
        [](quint32 uid) {
            const QString name = identity(uid).name;
            return name.isEmpty() ? QString::number(uid) : name;
        },
        [](quint32 gid) {
            return gid == Ml ? QStringLiteral("ml") : gid == AliceGroup ? QStringLiteral("alice") : QString::number(gid);
        },
        &identity,
        [foldersWithDefaultAcl](const QByteArray &dir, quint32 gid, quint32) {
            return gid == Ml && foldersWithDefaultAcl.contains(dir);
        },
    };
}

// A private cache of `owner`, audited for `user`.
AuditReport privateCache(quint32 user = Alice, quint32 owner = Alice)
{
    AuditReport base;
    base.root = CacheRoot;
    base.user = identity(user);
    base.cacheOwner = owner;
    base.cacheOwnerName = identity(owner).name;
    base.cacheOwnerChown = base.cacheOwnerName + QStringLiteral(":") + base.cacheOwnerName;
    return base;
}

// A cache shared with the group ml on a filesystem with ACLs, audited for `user`.
AuditReport sharedCache(quint32 user = Alice)
{
    AuditReport base = privateCache(user);
    base.shared = true;
    base.sharedGroup = QStringLiteral("ml");
    base.sharedGid = Ml;
    base.aclSupport = AclProbe::Support::Supported;
    return base;
}

// The findings of one cache-level entry, /cache/entry.
Findings judge(const AuditReport &base, const EntryStat &stat, const Needs &needs)
{
    const EntryStat noLocks;
    AuditJudge judge(base, base.root, noLocks, false, lookups());
    judge.check({EntryRef::Base::Root, {}, "entry"}, stat, needs);
    return judge.takeFindings();
}

QList<FindingCode> codes(const Findings &findings)
{
    QList<FindingCode> result;
    for (const Finding &f : findings)
        result.append(f.code);
    return result;
}

CachedRepo repo()
{
    CachedRepo r;
    r.repoId = QStringLiteral("org/name");
    r.folderName = "models--org--name";
    r.path = CacheRoot + "/models--org--name";
    r.stat = folder(0755, Alice, AliceGroup);
    return r;
}

} // namespace

Q_DECLARE_METATYPE(EntryStat)
Q_DECLARE_METATYPE(Needs)
Q_DECLARE_METATYPE(AuditReport)

class TestAuditJudge : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void verdicts_data()
    {
        QTest::addColumn<AuditReport>("base");
        QTest::addColumn<EntryStat>("stat");
        QTest::addColumn<Needs>("needs");
        QTest::addColumn<QList<FindingCode>>("expected");

        using enum FindingCode;
        const Needs none;
        const Needs load{Read, 0};
        const Needs folderNeeds{Read | Search, Write | Search};
        const Needs lock{0, Read | Write, true};
        const AuditReport mine = privateCache();
        const AuditReport shared = sharedCache();
        const QList<FindingCode> nothing;

        // Private cache: the user's own entries with the modes a download gives them.
        QTest::newRow("private: own file 0644") << mine << file(0644, Alice, AliceGroup) << load << nothing;
        QTest::newRow("private: own folder 0755") << mine << folder(0755, Alice, AliceGroup) << folderNeeds << nothing;
        QTest::newRow("private: own lock 0644") << mine << file(0644, Alice, AliceGroup) << lock << nothing;
        QTest::newRow("private: own link") << mine << symlinkEntry(Alice, AliceGroup) << load << nothing;
        QTest::newRow("private: root's cache, judged for root")
            << privateCache(Root, Root) << file(0000, Root, 0) << Needs{Read, Write} << nothing;
        QTest::newRow("private: unreadable own file") << mine << file(0200, Alice, AliceGroup) << load
                                                      << QList<FindingCode>{NotReadable};
        QTest::newRow("private: own folder without write") << mine << folder(0555, Alice, AliceGroup) << folderNeeds
                                                           << QList<FindingCode>{NotWritable};
        QTest::newRow("private: bob's readable file") << mine << file(0644, Bob, Bob) << load
                                                      << QList<FindingCode>{ForeignOwner};
        QTest::newRow("private: bob's private file") << mine << file(0600, Bob, Bob) << load
                                                     << QList<FindingCode>{NotReadable, ForeignOwner};
        QTest::newRow("private: bob's lock") << mine << file(0644, Bob, Bob) << lock
                                             << QList<FindingCode>{LockNotWritable, ForeignOwner};
        QTest::newRow("private: a container's uid") << mine << file(0644, Stranger, Stranger) << none
                                                    << QList<FindingCode>{ForeignOwner};
        QTest::newRow("private: bob's link, mode ignored") << mine << symlinkEntry(Bob, Bob) << load
                                                           << QList<FindingCode>{ForeignOwner};

        // Shared cache: group ml, folders g+rwx with setgid, files g+rw.
        QTest::newRow("shared: member's folder 2775") << shared << folder(02775, Bob) << folderNeeds << nothing;
        QTest::newRow("shared: member's file 0664") << shared << file(0664, Bob) << load << nothing;
        QTest::newRow("shared: member's lock 0664") << shared << file(0664, Bob) << lock << nothing;
        QTest::newRow("shared: member's link of ml") << shared << symlinkEntry(Bob) << load << nothing;
        QTest::newRow("shared: folder of alice's group") << shared << folder(02775, Alice, AliceGroup) << none
                                                         << QList<FindingCode>{GroupMismatch};
        QTest::newRow("shared: folder 2755") << shared << folder(02755, Alice) << none
                                             << QList<FindingCode>{NotGroupWritable};
        QTest::newRow("shared: folder 0775") << shared << folder(0775, Alice) << none
                                             << QList<FindingCode>{DirMissingSetgid};
        QTest::newRow("shared: bob's folder 2755, written by alice") << shared << folder(02755, Bob) << folderNeeds
                                                                     << QList<FindingCode>{NotWritable, NotGroupWritable};
        QTest::newRow("shared: file 0644") << shared << file(0644, Alice) << none << QList<FindingCode>{NotGroupWritable};
        QTest::newRow("shared: own lock 0644, others locked out") << shared << file(0644, Alice) << lock
                                                                  << QList<FindingCode>{LockNotWritable};
        // Reported once, for the user, not again for the other members.
        QTest::newRow("shared: bob's lock 0644") << shared << file(0644, Bob) << lock
                                                 << QList<FindingCode>{LockNotWritable};
        QTest::newRow("shared: carol is not in ml") << shared << file(0664, Carol) << none
                                                    << QList<FindingCode>{ForeignOwner};
        QTest::newRow("shared: link of alice's group") << shared << symlinkEntry(Alice, AliceGroup) << none
                                                       << QList<FindingCode>{GroupMismatch};
    }

    void verdicts()
    {
        QFETCH(AuditReport, base);
        QFETCH(EntryStat, stat);
        QFETCH(Needs, needs);
        QFETCH(QList<FindingCode>, expected);
        const Findings findings = judge(base, stat, needs);
        QCOMPARE(codes(findings), expected);
        for (const Finding &f : findings)
            QCOMPARE(f.path, CacheRoot + "/entry");
    }

    // The least change that gives the user what is missing: a bit of their class, the shared
    // group, or the ownership.
    void fixes_data()
    {
        QTest::addColumn<AuditReport>("base");
        QTest::addColumn<EntryStat>("stat");
        QTest::addColumn<Needs>("needs");
        QTest::addColumn<FixAction>("action");
        QTest::addColumn<QString>("value");

        QTest::newRow("own file: u+r") << privateCache() << file(0200, Alice, AliceGroup) << Needs{Read, 0}
                                       << FixAction::Chmod << QStringLiteral("0600");
        QTest::newRow("foreign: the cache's owner") << privateCache() << file(0644, Bob, Bob) << Needs{}
                                                    << FixAction::Chown << QStringLiteral("alice:alice");
        // An unknown uid that is the cache's owner (a private cache of a uid without a name):
        // the entry goes to the user.
        QTest::newRow("unknown owner of its own cache") << privateCache(Alice, Stranger) << file(0644, Stranger, Stranger)
                                                        << Needs{} << FixAction::Chown << QStringLiteral("alice:alice");
        QTest::newRow("shared, other group: chgrp") << sharedCache() << folder(02775, Alice, AliceGroup) << Needs{}
                                                    << FixAction::Chgrp << QStringLiteral("ml");
        QTest::newRow("shared folder: g+rwx") << sharedCache() << folder(02755, Alice) << Needs{}
                                              << FixAction::Chmod << QStringLiteral("2775");
        QTest::newRow("shared folder: setgid") << sharedCache() << folder(0775, Alice) << Needs{}
                                               << FixAction::SetGid << QStringLiteral("2775");
        QTest::newRow("shared lock: g+rw") << sharedCache() << file(0644, Alice) << Needs{0, Read | Write, true}
                                           << FixAction::Chmod << QStringLiteral("0664");
        QTest::newRow("shared, outsider: to the user") << sharedCache() << file(0664, Carol) << Needs{}
                                                       << FixAction::Chown << QStringLiteral("alice");
    }

    void fixes()
    {
        QFETCH(AuditReport, base);
        QFETCH(EntryStat, stat);
        QFETCH(Needs, needs);
        QFETCH(FixAction, action);
        QFETCH(QString, value);
        const Findings findings = judge(base, stat, needs);
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings[0].fix.action, fixActionName(action));
        QCOMPARE(findings[0].fix.value, value);
        QCOMPARE(findings[0].fix.path, CacheRoot + "/entry");
    }

    void severities()
    {
        const AuditReport shared = sharedCache();
        QCOMPARE(judge(shared, file(0644, Alice), {})[0].severity, Severity::Warning);  // members can still read
        QCOMPARE(judge(shared, file(0600, Alice), {})[0].severity, Severity::Error);
        QCOMPARE(judge(shared, file(0664, Carol), {})[0].severity, Severity::Warning);
        QCOMPARE(judge(privateCache(), file(0644, Bob, Bob), {})[0].severity, Severity::Error);
    }

    void unknownOwnerIsNamedByUid()
    {
        const Findings findings = judge(privateCache(), file(0646, Stranger, Stranger), {});
        QCOMPARE(findings.size(), 1);
        QVERIFY2(findings[0].message.contains(QStringLiteral("uid 4242, which has no user")), qPrintable(findings[0].message));
        QVERIFY2(findings[0].message.contains(QStringLiteral("anyone on this machine can modify it")),
                 qPrintable(findings[0].message));
    }

    void defaultAcl()
    {
        const EntryStat noLocks;
        const AuditReport shared = sharedCache();
        AuditJudge judge(shared, shared.root, noLocks, false, lookups({"/cache/inherits"}));
        judge.checkAcl("/cache/inherits", folder(02775, Alice), Severity::Warning);
        judge.checkAcl("/cache/file", file(0664, Alice), Severity::Warning);  // only folders pass it on
        QVERIFY(judge.takeFindings().isEmpty());

        judge.checkAcl("/cache/plain", folder(02775, Alice), Severity::Info);
        const Findings findings = judge.takeFindings();
        QCOMPARE(codes(findings), QList<FindingCode>{FindingCode::NoDefaultAcl});
        QCOMPARE(findings[0].severity, Severity::Info);
        QCOMPARE(findings[0].path, QByteArray("/cache/plain"));
        QCOMPARE(findings[0].fix.action, fixActionName(FixAction::DefaultAcl));
        QCOMPARE(findings[0].fix.value, AclProbe::defaultAclEntry(QStringLiteral("ml")));
    }

    void defaultAclOnlyWhereItApplies()
    {
        const EntryStat noLocks;
        AuditReport unsupported = sharedCache();
        unsupported.aclSupport = AclProbe::Support::Unsupported;
        AuditReport mine = privateCache();
        for (const AuditReport *base : {&unsupported, &mine}) {
            AuditJudge judge(*base, base->root, noLocks, false, lookups());
            judge.checkAcl("/cache/plain", folder(02775, Alice), Severity::Warning);
            QVERIFY(judge.takeFindings().isEmpty());
        }
    }

    // The first denying entry of a repo is its why-path: the components from the root down.
    void repoAccessDenial()
    {
        const AuditReport base = privateCache();
        const EntryStat noLocks;
        const CachedRepo r = repo();
        RepoAccess access;
        AuditJudge judge(base, base.root, noLocks, false, lookups());
        judge.setRepo(&r, &access);
        judge.check({EntryRef::Base::Repo, {}, {}}, r.stat, {Search, Write | Search});
        judge.check({EntryRef::Base::Repo, "refs", "main"}, file(0200, Alice, AliceGroup), {Read, Write});
        judge.check({EntryRef::Base::Repo, "refs", "other"}, file(0000, Alice, AliceGroup), {Read, Write});
        QVERIFY(!access.canRead);
        QCOMPARE(access.readDenial.target(), r.path + "/refs/main");  // the first, not the last
        QCOMPARE(access.readDenial.want, int(Read));
        QCOMPARE(access.readDenial.denied, access.readDenial.components.size() - 1);
        QVERIFY(!access.canWrite);
        QCOMPARE(access.writeDenial.target(), r.path + "/refs/other");  // main is writable
        QCOMPARE(codes(judge.takeFindings()),
                 (QList<FindingCode>{FindingCode::NotReadable, FindingCode::NotReadable, FindingCode::NotWritable}));
    }

    // A missing .locks/<repo folder> is created by the download: .locks must let the user do it.
    void lockDirCreatable_data()
    {
        QTest::addColumn<EntryStat>("locks");
        QTest::addColumn<bool>("canWrite");
        QTest::newRow("own .locks") << folder(0755, Alice, AliceGroup) << true;
        QTest::newRow("bob's .locks 0755") << folder(0755, Bob, Bob) << false;
    }

    void lockDirCreatable()
    {
        QFETCH(EntryStat, locks);
        QFETCH(bool, canWrite);
        const AuditReport base = privateCache();
        const CachedRepo r = repo();
        RepoAccess access;
        AuditJudge judge(base, base.root, locks, true, lookups());
        judge.setRepo(&r, &access);
        judge.checkLockDirCreatable();
        QCOMPARE(access.canWrite, canWrite);
        if (!canWrite)
            QCOMPARE(access.writeDenial.target(), CacheRoot + "/.locks");
        QVERIFY(judge.takeFindings().isEmpty());  // the access says it; .locks itself is judged with the root
    }

    void existingLockDirIsJudgedItself()
    {
        const AuditReport base = privateCache();
        CachedRepo r = repo();
        RepoEntry lockDir;
        lockDir.stat = folder(0755, Alice, AliceGroup);
        r.locks.append(lockDir);
        const EntryStat bobsLocks = folder(0755, Bob, Bob);
        RepoAccess access;
        AuditJudge judge(base, base.root, bobsLocks, true, lookups());
        judge.setRepo(&r, &access);
        judge.checkLockDirCreatable();
        QVERIFY(access.canWrite);
    }
};

QTEST_GUILESS_MAIN(TestAuditJudge)
#include "tst_AuditJudge.moc"
