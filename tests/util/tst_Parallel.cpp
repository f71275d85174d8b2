// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
// The helpers that spread a scan's work over every core: each item once, results as on one core.
#include "util/Parallel.h"

#include <QList>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <random>
#include <vector>

class TestParallel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Every index of the range is worked on exactly once, in slices no longer than asked.
    void runInSlicesCoversEachIndexOnce_data()
    {
        QTest::addColumn<qsizetype>("count");
        QTest::addColumn<qsizetype>("slice");
        QTest::newRow("many slices, a short last one") << qsizetype(100003) << qsizetype(1024);
        QTest::newRow("one slice") << qsizetype(5) << qsizetype(1024);
        QTest::newRow("nothing") << qsizetype(0) << qsizetype(1024);
    }
    void runInSlicesCoversEachIndexOnce()
    {
        QFETCH(qsizetype, count);
        QFETCH(qsizetype, slice);
        std::vector<std::atomic_int> seen(static_cast<size_t>(count));
        std::atomic_bool sliceTooLong{false};
        hfcache::runInSlices(count, slice, [&](qsizetype begin, qsizetype end) {
            if (end - begin > slice || end <= begin)
                sliceTooLong = true;
            for (qsizetype i = begin; i < end; ++i)
                ++seen[size_t(i)];
        });
        QVERIFY(!sliceTooLong);
        QVERIFY(std::all_of(seen.cbegin(), seen.cend(), [](const std::atomic_int &n) { return n == 1; }));
    }

    // Sorted on two cores (halves then merge) or on one (short ranges): the order std::sort gives.
    void sortInParallelSortsAsStdSort_data()
    {
        QTest::addColumn<int>("count");
        QTest::newRow("two halves") << 100001;
        QTest::newRow("short") << 100;
    }
    void sortInParallelSortsAsStdSort()
    {
        QFETCH(int, count);
        std::mt19937 random(17);
        QList<QByteArray> items;
        for (int i = 0; i < count; ++i)
            items.append(QByteArray::number(quint32(random()), 16));
        QList<QByteArray> expected = items;
        std::sort(expected.begin(), expected.end());
        hfcache::sortInParallel(items.begin(), items.end(), std::less<QByteArray>());
        QCOMPARE(items, expected);
    }
};

QTEST_GUILESS_MAIN(TestParallel)
#include "tst_Parallel.moc"
