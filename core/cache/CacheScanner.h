#pragma once

#include "CacheScan.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

namespace hfcache {

// CacheScan for an event loop (the GUI): runs on the global thread pool and delivers
// repos to the caller's thread in batches, so the receiver never sees a half-built repo and
// is never flooded (at most one batch per `batchInterval`).
class CacheScanner : public QObject
{
    Q_OBJECT
public:
    explicit CacheScanner(QObject *parent = nullptr);
    ~CacheScanner() override;

    void setBatchInterval(int milliseconds);
    void start(const QByteArray &root);
    void cancel();
    bool isRunning() const;

Q_SIGNALS:
    void started(const QByteArray &root);
    void reposScanned(const QList<hfcache::CachedRepoPtr> &batch);
    void progress(int reposDone);
    void finished(const hfcache::CacheSnapshotPtr &snapshot);
    void failed(const QString &message);

private:
    struct Run;
    void drain();

    std::shared_ptr<Run> m_run;
    QTimer m_batchTimer;
};

} // namespace hfcache

Q_DECLARE_METATYPE(hfcache::CachedRepoPtr)
Q_DECLARE_METATYPE(hfcache::CacheSnapshotPtr)
