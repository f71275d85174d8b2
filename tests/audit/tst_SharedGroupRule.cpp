// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// SharedGroupRule on hand-built lstats and a hand-built group database: the use cases of a
// shared cache (setgid team folder, a team folder written at umask 002) against those that only
// look shared (a user private group at umask 002, a world-writable folder).
#include "audit/SharedGroupRule.h"

#include <QtTest>

#include <sys/stat.h>

using namespace hfcache;

namespace {

// alice (1000) has her own group alice (1000); bob (1001) too; both are in ml (500); the group
// empty (600) has no one; users (100) is the primary group of alice and bob on a machine
// without user private groups.
constexpr quint32 Alice = 1000, Bob = 1001;
constexpr quint32 AliceGroup = 1000, Ml = 500, Empty = 600, Users = 100;

QList<quint32> membersOf(quint32 gid)
{
    switch (gid) {
    case AliceGroup: return {Alice};
    case Ml: return {Alice, Bob};
    case Users: return {Alice, Bob};
    default: return {};
    }
}

EntryStat folder(quint32 permissions, quint32 uid, quint32 gid)
{
    EntryStat s;
    s.mode = S_IFDIR | permissions;
    s.uid = uid;
    s.gid = gid;
    return s;
}

std::optional<quint32> shared(const EntryStat &root)
{
    return SharedGroupRule::sharedGroup(root, &membersOf);
}

} // namespace

class TestSharedGroupRule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // `install -d -m 2775 -g ml`: the team-folder convention, whoever created it.
    void setgidTeamFolderIsShared()
    {
        QCOMPARE(shared(folder(02775, Alice, Ml)), std::optional<quint32>(Ml));
        QCOMPARE(shared(folder(02755, Alice, Ml)), std::optional<quint32>(Ml));  // setgid says it, even without g+w yet
        QCOMPARE(shared(folder(02770, 0, Ml)), std::optional<quint32>(Ml));
    }

    // umask 002 in a folder of the team's group, without setgid: still shared with the team.
    void groupWritableTeamFolderIsShared()
    {
        QCOMPARE(shared(folder(0775, Alice, Ml)), std::optional<quint32>(Ml));
        QCOMPARE(shared(folder(0770, Bob, Ml)), std::optional<quint32>(Ml));
    }

    // Debian's adduser: alice's group is hers alone, and umask 002 makes her cache 0775. Not shared
    // (before this rule, `locks` took it for shared and doctor did not).
    void userPrivateGroupAtUmask002IsPrivate()
    {
        QCOMPARE(shared(folder(0775, Alice, AliceGroup)), std::nullopt);
        QCOMPARE(shared(folder(0770, Alice, Empty)), std::nullopt);  // a group nobody else is in
    }

    // Without user private groups everyone's primary group is users: 0775 there is writable by all of them.
    void commonPrimaryGroupAtUmask002IsShared()
    {
        QCOMPARE(shared(folder(0775, Alice, Users)), std::optional<quint32>(Users));
    }

    // 0755 (umask 022) shares nothing; 0777 or 1777 is "anyone", not a group policy.
    void notGroupWritableOrWorldWritableIsPrivate()
    {
        QCOMPARE(shared(folder(0755, Alice, Ml)), std::nullopt);
        QCOMPARE(shared(folder(0777, Alice, Ml)), std::nullopt);
        QCOMPARE(shared(folder(01777, 0, Ml)), std::nullopt);
    }

    // The group database is read only when the mode leaves the question open.
    void membersAskedOnlyWhenNeeded()
    {
        int asked = 0;
        const auto counting = [&asked](quint32 gid) {
            ++asked;
            return membersOf(gid);
        };
        QCOMPARE(SharedGroupRule::sharedGroup(folder(02775, Alice, Ml), counting), std::optional<quint32>(Ml));
        QCOMPARE(SharedGroupRule::sharedGroup(folder(0755, Alice, Ml), counting), std::nullopt);
        QCOMPARE(asked, 0);
        QCOMPARE(SharedGroupRule::sharedGroup(folder(0775, Alice, AliceGroup), counting), std::nullopt);
        QCOMPARE(asked, 1);
    }
};

QTEST_GUILESS_MAIN(TestSharedGroupRule)
#include "tst_SharedGroupRule.moc"
