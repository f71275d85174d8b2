// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "cache/FolderListing.h"
#include "util/UniqueFd.h"

#include <QtTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace hfcache;

// FolderListing lstat's big folders on every core (issue 17: a datasets downloads/ of a million
// files) and must still visit every entry once, in listing order, on the calling thread, with
// its own lstat, and skip what vanished before its lstat.
class TestFolderListing : public QObject
{
    Q_OBJECT
private:
    // More than two parallel blocks, so the prefetch of the next block runs while one is visited.
    static constexpr int BigCount = int(FolderListing::ParallelStatBlock * 2 + 1000);

    struct Seen
    {
        QByteArray name;
        EntryStat stat;
    };

    static void makeEntries(const QString &folder, int count)
    {
        const UniqueFd dirFd(::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY));
        QVERIFY(dirFd.isValid());
        for (int i = 0; i < count; ++i) {
            const QByteArray name = "entry-" + QByteArray::number(i);
            if (i % 1000 == 1) {
                QCOMPARE(::mkdirat(dirFd.get(), name.constData(), 0755), 0);
            } else if (i % 1000 == 2) {
                QCOMPARE(::symlinkat("../elsewhere", dirFd.get(), name.constData()), 0);
            } else {
                const UniqueFd fd(::openat(dirFd.get(), name.constData(), O_WRONLY | O_CREAT | O_EXCL, 0644));
                QVERIFY(fd.isValid());
                QCOMPARE(::ftruncate(fd.get(), i % 97), 0);  // sizes tell the entries apart
            }
        }
    }

    static QList<QByteArray> listingOrder(const QString &folder)
    {
        DirectoryReader reader(AT_FDCWD, QFile::encodeName(folder).constData());
        QList<QByteArray> names;
        for (const DirectoryReader::Entry &entry : reader.entries())
            names.append(entry.name);
        return names;
    }

private Q_SLOTS:
    void bigFolderVisitedInListingOrderWithItsOwnStats()
    {
        QTemporaryDir dir;
        makeEntries(dir.path(), BigCount);
        const QList<QByteArray> expected = listingOrder(dir.path());
        QCOMPARE(expected.size(), BigCount);

        QList<Seen> seen;
        bool elsewhere = false;
        const int error = FolderListing::forEach(AT_FDCWD, QFile::encodeName(dir.path()),
                                                 [&](int, const QByteArray &name, const EntryStat &stat) {
            elsewhere = elsewhere || QThread::currentThread() != thread();
            seen.append({name, stat});
        });
        QCOMPARE(error, 0);
        QVERIFY2(!elsewhere, "visit must run on the calling thread only");
        QCOMPARE(seen.size(), expected.size());
        const UniqueFd dirFd(::open(QFile::encodeName(dir.path()).constData(), O_RDONLY | O_DIRECTORY));
        for (qsizetype i = 0; i < seen.size(); ++i) {
            QCOMPARE(seen[i].name, expected[i]);
            EntryStat own;
            QVERIFY(EntryStat::lstatAt(dirFd.get(), seen[i].name, &own));
            QCOMPARE(seen[i].stat.inode, own.inode);
            QCOMPARE(seen[i].stat.mode, own.mode);  // a link is the link, never its target
            QCOMPARE(seen[i].stat.size, own.size);
        }
    }

    // Entries deleted by a process running beside the scan, after the listing and before their
    // lstat: skipped, not reported with a stale or empty stat.
    void entriesVanishingMidScanAreSkipped()
    {
        QTemporaryDir dir;
        makeEntries(dir.path(), BigCount);
        const QList<QByteArray> order = listingOrder(dir.path());
        // Blocks 0 and 1 may already be stat'ed when the first entry is visited; later ones not.
        const qsizetype firstGone = FolderListing::ParallelStatBlock * 2;
        const UniqueFd dirFd(::open(QFile::encodeName(dir.path()).constData(), O_RDONLY | O_DIRECTORY));
        QSet<QByteArray> removed;
        int visits = 0;
        const int error = FolderListing::forEach(AT_FDCWD, QFile::encodeName(dir.path()),
                                                 [&](int, const QByteArray &name, const EntryStat &) {
            if (visits++ == 0) {
                for (qsizetype i = firstGone; i < order.size(); ++i) {
                    const bool folder = ::unlinkat(dirFd.get(), order[i].constData(), 0) != 0;
                    QVERIFY(!folder || ::unlinkat(dirFd.get(), order[i].constData(), AT_REMOVEDIR) == 0);
                    removed.insert(order[i]);
                }
            }
            QVERIFY2(!removed.contains(name), name.constData());
        });
        QCOMPARE(error, 0);
        QCOMPARE(visits, int(firstGone));
    }
};

QTEST_GUILESS_MAIN(TestFolderListing)
#include "tst_FolderListing.moc"
