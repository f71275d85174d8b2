// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
//
// LatestResult: of two requests, only the newer one's result is handed over, whichever
// finishes first; invalidate() drops both; runAlongside() keeps the requests in flight.
#include "common/LatestResult.h"

#include <QSemaphore>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <memory>

using namespace hfcache;

class tst_LatestResult : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void olderResultArrivingLateIsDropped();
    void invalidateDropsEverythingInFlight();
    void alongsideKeepsTheRequestsInFlight();
};

// The first request is held until the second one's result was shown, then released: its
// result arrives last and must not replace the newer one.
void tst_LatestResult::olderResultArrivingLateIsDropped()
{
    QObject owner;
    LatestResult latest;
    auto release = std::make_shared<QSemaphore>();
    auto olderDone = std::make_shared<std::atomic_bool>(false);
    QStringList shown;
    latest.run(&owner, [release, olderDone] {
        release->acquire();
        olderDone->store(true);
        return QStringLiteral("older");
    }, [&](const QString &result) { shown << result; });
    latest.run(&owner, [] { return QStringLiteral("newer"); }, [&](const QString &result) { shown << result; });
    QTRY_COMPARE(shown, QStringList{QStringLiteral("newer")});
    release->release();
    QTRY_VERIFY(olderDone->load());
    QTest::qWait(100);  // the older result's hand-over would have arrived by now
    QCOMPARE(shown, QStringList{QStringLiteral("newer")});
}

void tst_LatestResult::invalidateDropsEverythingInFlight()
{
    QObject owner;
    LatestResult latest;
    auto release = std::make_shared<QSemaphore>();
    int handed = 0;
    latest.run(&owner, [release] { release->acquire(); return 1; }, [&](int) { ++handed; });
    latest.invalidate();
    release->release();
    QTest::qWait(200);
    QCOMPARE(handed, 0);
    latest.run(&owner, [] { return 2; }, [&](int value) { handed = value; });
    QTRY_COMPARE(handed, 2);
}

void tst_LatestResult::alongsideKeepsTheRequestsInFlight()
{
    QObject owner;
    LatestResult latest;
    QList<int> handed;
    latest.run(&owner, [] { return 1; }, [&](int value) { handed << value; });
    latest.runAlongside(&owner, [] { return 2; }, [&](int value) { handed << value; });
    QTRY_COMPARE(handed.size(), 2);
    std::sort(handed.begin(), handed.end());
    QCOMPARE(handed, (QList<int>{1, 2}));
}

QTEST_GUILESS_MAIN(tst_LatestResult)
#include "tst_LatestResult.moc"
