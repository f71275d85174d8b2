// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CacheScanner.h"

#include "LocalDirScan.h"
#include "util/BackgroundThreads.h"

#include <QMutex>

namespace hfcache {

// State shared between the worker and the receiver's thread. Baobab-style ownership:
// `cancel` is written by the receiver, read by the worker; `pending`, `snapshot`, `error`
// and `done` are written by the worker under `mutex` and taken by the receiver in drain().
struct CacheScanner::Run
{
    std::atomic_bool cancel{false};
    QMutex mutex;
    QList<CachedRepoPtr> pending;
    CacheSnapshotPtr snapshot;
    QString error;
    int repoCount = -1;
    bool done = false;
    bool countDelivered = false;
    int delivered = 0;
};

CacheScanner::CacheScanner(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<hfcache::CachedRepoPtr>();
    qRegisterMetaType<hfcache::CacheSnapshotPtr>();
    qRegisterMetaType<QList<hfcache::CachedRepoPtr>>();
    m_batchTimer.setInterval(120);
    connect(&m_batchTimer, &QTimer::timeout, this, &CacheScanner::drain);
    // Deliver the end at once rather than at the next tick.
    connect(&m_watcher, &QFutureWatcher<void>::finished, this, &CacheScanner::drain);
}

CacheScanner::~CacheScanner()
{
    cancel();
}

void CacheScanner::setBatchInterval(int milliseconds)
{
    m_batchTimer.setInterval(milliseconds);
}

bool CacheScanner::isRunning() const
{
    return m_run != nullptr;
}

void CacheScanner::cancel()
{
    if (m_run)
        m_run->cancel = true;
    m_run.reset();  // the worker keeps its own reference and finishes quietly
    m_batchTimer.stop();
}

void CacheScanner::start(const QByteArray &root, Layout layout)
{
    cancel();
    auto run = std::make_shared<Run>();
    m_run = run;
    m_batchTimer.start();
    Q_EMIT started(root);
    m_watcher.setFuture(runOnBackgroundThread([run, root, layout]() {
        ScanError error;
        if (layout == Layout::LocalDir || (layout == Layout::Detect && LocalDirScan::isLocalDir(root))) {
            CacheSnapshotPtr snapshot = LocalDirScan::run(root, &run->cancel, &error);
            QMutexLocker lock(&run->mutex);
            run->repoCount = snapshot ? 1 : 0;
            if (snapshot)
                run->pending = snapshot->repos;
            run->snapshot = std::move(snapshot);
            run->error = run->snapshot ? QString() : error.message();
            run->done = true;
            return;
        }
        ScanOptions options;
        options.onRepoCount = [run](int count) {
            QMutexLocker lock(&run->mutex);
            run->repoCount = count;
        };
        CacheSnapshotPtr snapshot = CacheScan::run(
            root, options,
            [run](const CachedRepoPtr &repo) {
                QMutexLocker lock(&run->mutex);
                run->pending.append(repo);
            },
            &run->cancel, &error);
        {
            QMutexLocker lock(&run->mutex);
            run->snapshot = std::move(snapshot);
            run->error = run->snapshot ? QString() : error.message();
            run->done = true;
        }
    }));
}

void CacheScanner::drain()
{
    const std::shared_ptr<Run> run = m_run;
    if (!run)
        return;
    QList<CachedRepoPtr> batch;
    bool done;
    int repoCount;
    {
        QMutexLocker lock(&run->mutex);
        batch.swap(run->pending);
        done = run->done;
        repoCount = run->repoCount;
    }
    if (repoCount >= 0 && !run->countDelivered) {
        run->countDelivered = true;
        Q_EMIT repoCountKnown(repoCount);
    }
    if (!batch.isEmpty()) {
        run->delivered += int(batch.size());
        Q_EMIT reposScanned(batch);
        Q_EMIT progress(run->delivered);
    }
    if (!done || m_run != run)
        return;
    m_batchTimer.stop();
    m_run.reset();
    if (run->snapshot)
        Q_EMIT finished(run->snapshot);
    else
        Q_EMIT failed(run->error);
}

} // namespace hfcache
