// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "audit/AccessCheck.h"

#include <QtTest>

#include <sys/stat.h>

using namespace hfcache;

namespace {

EntryStat entry(quint32 type, quint32 permissions, quint32 uid, quint32 gid)
{
    EntryStat s;
    s.mode = type | permissions;
    s.uid = uid;
    s.gid = gid;
    return s;
}

UserIdentity user(quint32 uid, quint32 gid, QList<quint32> extra = {})
{
    UserIdentity u;
    u.name = uid == 0 ? QStringLiteral("root") : QStringLiteral("u%1").arg(uid);
    u.uid = uid;
    u.gid = gid;
    u.groups = QList<quint32>{gid} + extra;
    return u;
}

} // namespace

class TestAccessCheck : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void allows_data()
    {
        QTest::addColumn<quint32>("type");
        QTest::addColumn<quint32>("permissions");
        QTest::addColumn<quint32>("uid");  // of the file; its group is 100
        QTest::addColumn<QList<quint32>>("groups");  // of user 1000, primary 1000 first
        QTest::addColumn<int>("want");
        QTest::addColumn<bool>("allowed");

        const QList<quint32> own{1000};
        const QList<quint32> member{1000, 100};
        QTest::newRow("owner rw") << quint32(S_IFREG) << 0644u << 1000u << own << 6 << true;
        QTest::newRow("other r of 0644") << quint32(S_IFREG) << 0644u << 1001u << own << 4 << true;
        QTest::newRow("other w of 0644 (the lock-file bug)") << quint32(S_IFREG) << 0644u << 1001u << member << 6 << false;
        QTest::newRow("group rw of 0664") << quint32(S_IFREG) << 0664u << 1001u << member << 6 << true;
        // The owner class wins even when the group or others would allow more.
        QTest::newRow("owner class is exclusive") << quint32(S_IFREG) << 0077u << 1000u << member << 4 << false;
        QTest::newRow("group class is exclusive") << quint32(S_IFREG) << 0707u << 1001u << member << 4 << false;
        QTest::newRow("dir search") << quint32(S_IFDIR) << 0711u << 1001u << own << 1 << true;
        QTest::newRow("dir 0700 private") << quint32(S_IFDIR) << 0700u << 1001u << member << 1 << false;
        QTest::newRow("dir write+search") << quint32(S_IFDIR) << 02775u << 1001u << member << 3 << true;
        QTest::newRow("chmod 777 lets anyone") << quint32(S_IFDIR) << 0777u << 1001u << own << 7 << true;
    }

    void allows()
    {
        QFETCH(quint32, type);
        QFETCH(quint32, permissions);
        QFETCH(quint32, uid);
        QFETCH(QList<quint32>, groups);
        QFETCH(int, want);
        UserIdentity u = user(1000, 1000);
        u.groups = groups;
        QTEST(AccessCheck::allows(u, entry(type, permissions, uid, 100), want), "allowed");
    }

    void rootPassesExceptExec()
    {
        const UserIdentity root = user(0, 0);
        QVERIFY(AccessCheck::allows(root, entry(S_IFREG, 0, 5, 5), AccessCheck::Read | AccessCheck::Write));
        QVERIFY(AccessCheck::allows(root, entry(S_IFDIR, 0, 5, 5), AccessCheck::Search | AccessCheck::Write));
        QVERIFY(!AccessCheck::allows(root, entry(S_IFREG, 0644, 5, 5), AccessCheck::Search));
    }

    void explainDenial()
    {
        const UserIdentity u = user(1000, 1000);
        const QString text = AccessCheck::explainDenial(u, entry(S_IFREG, 0644, 0, 0), AccessCheck::Read | AccessCheck::Write);
        QCOMPARE(text, QStringLiteral("u1000 is neither the owner (root) nor in the group (root); others have r--, "
                                      "write is needed"));
        QCOMPARE(AccessCheck::explainDenial(u, entry(S_IFDIR, 0500, 1000, 1000), 3),
                 QStringLiteral("u1000 is the owner; the owner has r-x, write is needed"));
    }

    void modeString_data()
    {
        QTest::addColumn<quint32>("mode");
        QTest::addColumn<QString>("text");
        QTest::newRow("file") << quint32(S_IFREG | 0644) << "-rw-r--r--";
        QTest::newRow("setgid dir") << quint32(S_IFDIR | 02775) << "drwxrwsr-x";
        QTest::newRow("setgid no x") << quint32(S_IFDIR | 02764) << "drwxrwSr--";
        QTest::newRow("sticky") << quint32(S_IFDIR | 01777) << "drwxrwxrwt";
        QTest::newRow("link") << quint32(S_IFLNK | 0777) << "lrwxrwxrwx";
    }

    void modeString()
    {
        QFETCH(quint32, mode);
        QTEST(AccessCheck::modeString(mode), "text");
    }

    void octal()
    {
        QCOMPARE(AccessCheck::octal(S_IFDIR | 02775), QStringLiteral("2775"));
        QCOMPARE(AccessCheck::octal(0644), QStringLiteral("0644"));
    }
};

QTEST_GUILESS_MAIN(TestAccessCheck)
#include "tst_AccessCheck.moc"
