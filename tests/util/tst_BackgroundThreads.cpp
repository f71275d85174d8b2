// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "util/BackgroundThreads.h"
#include "util/Parallel.h"

#include <QtTest>

#include <atomic>

#include <sys/resource.h>
#include <unistd.h>

using namespace hfcache;

namespace {

int threadNice()
{
    return getpriority(PRIO_PROCESS, id_t(gettid()));
}

} // namespace

// Runs in this order: the increment only ever grows, and a pool thread keeps what it was given.
class TestBackgroundThreads : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runsOffTheCallingThreadWithItsResult()
    {
        const Qt::HANDLE caller = QThread::currentThreadId();
        QFuture<Qt::HANDLE> future = runOnBackgroundThread([] { return QThread::currentThreadId(); });
        QCOMPARE_NE(future.result(), caller);

        std::atomic<bool> ran{false};
        runOnBackgroundThread([&ran] { ran = true; }).waitForFinished();
        QVERIFY(ran);
    }

    void neverUsesTheGlobalPoolThatQtPaintsWith()
    {
        QThreadPool *global = QThreadPool::globalInstance();
        const int before = global->activeThreadCount();
        const int during = runOnBackgroundThread([global] { return global->activeThreadCount(); }).result();
        QCOMPARE(during, before);
    }

    void keepsTheProcessPriorityByDefault()
    {
        const int processNice = threadNice();
        QCOMPARE(runOnBackgroundThread([] { return threadNice(); }).result(), processNice);
    }

    void runsBelowTheWindowOnceAsked()
    {
        const int processNice = threadNice();
        if (processNice > 19 - 5)
            QSKIP("the test runs at a nice value that leaves no room below it");
        setBackgroundNiceIncrement(5);
        // Every pool thread, also one that already ran work at the old priority.
        for (int round = 0; round < 8; ++round)
            QCOMPARE(runOnBackgroundThread([] { return threadNice(); }).result(), processNice + 5);
        // runInParallel's helper threads inherit it from the pool thread that starts them.
        const QList<int> helperNices = runOnBackgroundThread([] {
            QMutex mutex;
            QList<int> nices;
            runInParallel(3, 3, [&] {
                const int nice = threadNice();
                QMutexLocker lock(&mutex);
                nices.append(nice);
            });
            return nices;
        }).result();
        QCOMPARE(helperNices, QList<int>(3, processNice + 5));
        // The calling (GUI) thread keeps its priority.
        QCOMPARE(threadNice(), processNice);
    }
};

QTEST_GUILESS_MAIN(TestBackgroundThreads)
#include "tst_BackgroundThreads.moc"
