// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CacheScan.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

namespace hfcache {

// CacheScan for an event loop (the GUI): runs on the global thread pool and delivers
// repos to the caller's thread in batches, so the receiver never sees a half-built repo and
// is never flooded (at most one batch per `batchInterval`). The worker never touches this
// object: it writes only the shared Run state, under its mutex.
class CacheScanner : public QObject
{
    Q_OBJECT
public:
    explicit CacheScanner(QObject *parent = nullptr);
    ~CacheScanner() override;

    // What start() scans: a hub cache, a local_dir download folder (LocalDirScan), or whichever
    // LocalDirScan::isLocalDir() says `root` is (decided on the worker: it is I/O).
    enum class Layout { Detect, HubCache, LocalDir };

    void setBatchInterval(int milliseconds);
    void start(const QByteArray &root, Layout layout = Layout::Detect);
    void cancel();
    bool isRunning() const;

Q_SIGNALS:
    void started(const QByteArray &root);
    void reposScanned(const QList<hfcache::CachedRepoPtr> &batch);
    void repoCountKnown(int repos);  // before the first batch: the total for progress(reposDone)
    void progress(int reposDone);
    void finished(const hfcache::CacheSnapshotPtr &snapshot);
    void failed(const QString &message);

private:
    struct Run;
    void drain();

    std::shared_ptr<Run> m_run;
    QTimer m_batchTimer;
    QFutureWatcher<void> m_watcher;
};

} // namespace hfcache

