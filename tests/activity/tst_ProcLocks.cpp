// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "activity/ProcLocks.h"
#include "activity/ProcessFiles.h"

#include <QtTest>

#include <sys/sysmacros.h>

using hfcache::FileKey;
using hfcache::LockRecord;
using hfcache::ProcLocks;
using hfcache::ProcessFiles;

Q_DECLARE_METATYPE(LockRecord::Kind)

class TestProcLocks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseLine_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<LockRecord::Kind>("kind");
        QTest::addColumn<bool>("blocked");
        QTest::addColumn<bool>("write");
        QTest::addColumn<qint64>("pid");
        QTest::addColumn<quint64>("device");
        QTest::addColumn<quint64>("inode");

        const quint64 dev801 = makedev(8, 1);
        QTest::newRow("flock") << QByteArray("1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF") << true
                               << LockRecord::Kind::Flock << false << true << qint64(1234) << dev801 << quint64(5678);
        QTest::newRow("posix read range") << QByteArray("12: POSIX  ADVISORY  READ 99 fd:02:42 0 100") << true
                                          << LockRecord::Kind::Posix << false << false << qint64(99)
                                          << quint64(makedev(0xfd, 2)) << quint64(42);
        QTest::newRow("blocked waiter") << QByteArray("1: -> FLOCK  ADVISORY  WRITE 77 00:2e:9 0 EOF") << true
                                        << LockRecord::Kind::Flock << true << true << qint64(77)
                                        << quint64(makedev(0, 0x2e)) << quint64(9);
        QTest::newRow("ofd has no pid") << QByteArray("3: OFDLCK ADVISORY  WRITE -1 08:01:10 0 EOF") << true
                                        << LockRecord::Kind::Ofd << false << true << qint64(-1) << dev801 << quint64(10);
        QTest::newRow("lease") << QByteArray("4: LEASE  ACTIVE    READ 5 08:01:11 0 EOF") << true
                               << LockRecord::Kind::Lease << false << false << qint64(5) << dev801 << quint64(11);
        QTest::newRow("unknown future type") << QByteArray("5: NEWKIND ADVISORY WRITE 6 08:01:12 0 EOF") << true
                                             << LockRecord::Kind::Other << false << true << qint64(6) << dev801
                                             << quint64(12);
        QTest::newRow("big device numbers") << QByteArray("6: FLOCK ADVISORY WRITE 7 103:ffff:13 0 EOF") << true
                                            << LockRecord::Kind::Flock << false << true << qint64(7)
                                            << quint64(makedev(0x103, 0xffff)) << quint64(13);
        const auto bad = [&](const char *name, const char *line) {
            QTest::newRow(name) << QByteArray(line) << false << LockRecord::Kind::Other << false << false << qint64(0)
                                << quint64(0) << quint64(0);
        };
        bad("no inode", "7: FLOCK ADVISORY WRITE 8 <none> 0 EOF");
        bad("garbage", "this is not a lock");
        bad("missing id colon", "8 FLOCK ADVISORY WRITE 8 08:01:1 0 EOF");
        bad("truncated", "9: FLOCK ADVISORY");
        bad("bad pid", "10: FLOCK ADVISORY WRITE abc 08:01:1 0 EOF");
        bad("bad device", "11: FLOCK ADVISORY WRITE 1 zz:01:1 0 EOF");
        bad("two-part device", "12: FLOCK ADVISORY WRITE 1 08:01 0 EOF");
        bad("bad access", "13: FLOCK ADVISORY SIDEWAYS 1 08:01:1 0 EOF");
        bad("lower-case kind", "14: flock ADVISORY WRITE 1 08:01:1 0 EOF");
        bad("empty", "");
        bad("binary", "\xff\xfe:\x01 FLOCK");
    }

    void parseLine()
    {
        QFETCH(QByteArray, line);
        QFETCH(bool, ok);
        LockRecord record;
        QCOMPARE(ProcLocks::parseLine(line, &record), ok);
        if (!ok)
            return;
        QTEST(record.kind, "kind");
        QTEST(record.blocked, "blocked");
        QTEST(record.write, "write");
        QTEST(record.pid, "pid");
        QTEST(record.file.device, "device");
        QTEST(record.file.inode, "inode");
    }

    void parseCountsSkippedLines()
    {
        const ProcLocks::Result result = ProcLocks::parse("1: FLOCK  ADVISORY  WRITE 1 08:01:2 0 EOF\n"
                                                          "garbage line\n\n"
                                                          "1: -> FLOCK  ADVISORY  WRITE 3 08:01:2 0 EOF\n"
                                                          "2: POSIX ADVISORY WRITE 4 <none> 0 EOF\n");
        QCOMPARE(result.records.size(), 2);
        QCOMPARE(result.skippedLines, 2);
        QVERIFY(result.records[1].blocked);
    }

    void readMissingFileSaysWhy()
    {
        const ProcLocks::Result result = ProcLocks::read("/nonexistent/locks");
        QVERIFY(result.records.isEmpty());
        QVERIFY2(result.error.contains(QLatin1String("/nonexistent/locks")) && result.error.contains(QLatin1String("No such file")),
                 qPrintable(result.error));
    }

    void readRealProcLocks()
    {
        // Whatever this kernel prints must parse without a skipped line.
        const ProcLocks::Result result = ProcLocks::read();
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.skippedLines, 0);
    }

    void parseMaps()
    {
        const QByteArray maps = "55d0-55d1 r--p 00000000 08:01 1234   /usr/bin/python3\n"
                                "55d1-55d2 r-xp 00001000 08:01 1234   /usr/bin/python3\n"
                                "7f00-7f01 rw-p 00000000 00:00 0 \n"
                                "7f01-7f02 r--s 00000000 fd:02 99   /cache/blobs/with space\n"
                                "garbage\n"
                                "7f02-7f03 r--p 00000000 zz:01 5 /x\n";
        const QList<FileKey> keys = ProcessFiles::parseMaps(maps);
        QCOMPARE(keys.size(), 2);
        QCOMPARE(keys[0], (FileKey{quint64(makedev(8, 1)), 1234}));
        QCOMPARE(keys[1], (FileKey{quint64(makedev(0xfd, 2)), 99}));
    }
};

QTEST_GUILESS_MAIN(TestProcLocks)
#include "tst_ProcLocks.moc"
