// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// CacheScanner's contract with an event loop: batches arrive in the receiver's thread,
// every repo exactly once, then finished(); cancel() stops deliveries; a bad root fails.
#include "support/TestSupport.h"
#include "cache/CacheScanner.h"

#include <QSignalSpy>
#include <QThread>
#include <QtTest>

using namespace hfcache;

class TestCacheScanner : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_synthetic;

private Q_SLOTS:
    void initTestCase()
    {
        m_synthetic = m_dir.path() + QStringLiteral("/synthetic");
        QVERIFY(!TestSupport::generateSyntheticCache(m_synthetic, {"--repos", "300", "--files", "10", "--seed", "3"}).isEmpty());
    }

    void deliversEveryRepoOnceInBatches()
    {
        CacheScanner scanner;
        QSet<QString> seen;
        int batches = 0;
        bool wrongThread = false;
        connect(&scanner, &CacheScanner::reposScanned, this, [&](const QList<CachedRepoPtr> &batch) {
            ++batches;
            wrongThread |= QThread::currentThread() != thread();
            for (const CachedRepoPtr &repo : batch) {
                QVERIFY(!seen.contains(repo->cacheId()));
                seen.insert(repo->cacheId());
            }
        });
        QSignalSpy finished(&scanner, &CacheScanner::finished);
        QSignalSpy total(&scanner, &CacheScanner::repoCountKnown);
        scanner.start(QFile::encodeName(m_synthetic));
        QVERIFY(scanner.isRunning());
        QVERIFY(finished.wait(60000));
        QCOMPARE(total.count(), 1);
        QCOMPARE(total.first().first().toInt(), 300);
        QVERIFY(!wrongThread);
        QCOMPARE(seen.size(), 300);
        QVERIFY(batches >= 1);
        const auto snapshot = finished.first().first().value<CacheSnapshotPtr>();
        QCOMPARE(snapshot->repos.size(), 300);
        QVERIFY(!snapshot->cancelled);
        QVERIFY(!scanner.isRunning());
    }

    void cancelStopsDeliveries()
    {
        CacheScanner scanner;
        QSignalSpy batches(&scanner, &CacheScanner::reposScanned);
        QSignalSpy finished(&scanner, &CacheScanner::finished);
        scanner.start(QFile::encodeName(m_synthetic));
        scanner.cancel();
        QVERIFY(!scanner.isRunning());
        QTest::qWait(500);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(batches.count(), 0);
        // A new scan after a cancelled one works normally.
        scanner.start(QFile::encodeName(m_synthetic));
        QVERIFY(finished.wait(60000));
    }

    void unusableRootFails()
    {
        CacheScanner scanner;
        QSignalSpy failed(&scanner, &CacheScanner::failed);
        scanner.start(QFile::encodeName(m_dir.path() + QStringLiteral("/missing")));
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.first().first().toString().endsWith(QStringLiteral("No such file or directory")));
    }

    void rescanOneRepo()
    {
        QVERIFY(CacheScan::scanRepo(QFile::encodeName(m_synthetic), "models--does-not--exist") == nullptr);
        const CacheSnapshotPtr snapshot = CacheScan::run(QFile::encodeName(m_synthetic));
        const CachedRepoPtr first = snapshot->repos.first();
        const CachedRepoPtr again = CacheScan::scanRepo(QFile::encodeName(m_synthetic), first->folderName);
        QVERIFY(again);
        QCOMPARE(again->sizeOnDisk, first->sizeOnDisk);
        QCOMPARE(again->revisions.size(), first->revisions.size());
    }
};

QTEST_GUILESS_MAIN(TestCacheScanner)
#include "tst_CacheScanner.moc"
