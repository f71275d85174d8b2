// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "common/LatestResult.h"

#include "cache/CacheScanner.h"  // declares the CachedRepoPtr metatype

#include <QObject>
#include <QSet>
#include <QThread>
#include <QTimer>

class QFileSystemWatcher;

namespace hfcache {

// Live updates: watches the cache root, .locks/ and each repo's refs/, blobs/, snapshots/
// and snapshot folders, and after a quiet period rescans only the repos that changed
// (CacheScan::scanRepo on the thread pool). A local_dir download folder (one repo whose path
// is the root) has every folder watched and is rescanned whole with LocalDirScan. The inotify watcher lives on its own thread, so
// adding thousands of watches never stalls the GUI thread.
class CacheWatcher : public QObject
{
    Q_OBJECT
public:
    explicit CacheWatcher(QObject *parent = nullptr);
    ~CacheWatcher() override;

    void setRoot(const QByteArray &root);
    QByteArray root() const { return m_root; }
    // Starts watching these repos (again, after a rescan: new snapshot folders).
    void watchRepos(const QList<CachedRepoPtr> &repos);

Q_SIGNALS:
    // A fresh scan of one repo folder; repo is nullptr when the folder is gone.
    void repoChanged(const QByteArray &folderName, const hfcache::CachedRepoPtr &repo);

private:
    void pathChanged(const QString &path);
    void flush();
    void rescan(const QByteArray &folderName);
    void listRoot();
    void addWatches(const QStringList &paths);

    QByteArray m_root;
    QThread m_thread;
    QFileSystemWatcher *m_watcher;
    QSet<QString> m_watched;
    QSet<QByteArray> m_known;       // repo folders the views show
    QSet<QByteArray> m_dirty;       // changed since the last flush
    QSet<QByteArray> m_scanning;
    QSet<QByteArray> m_dirtyWhileScanning;
    QByteArray m_localDirFolder;    // the repo when the root is a local_dir folder
    bool m_rootDirty = false;
    LatestResult m_ofRoot;  // listings and rescans of a root left since are dropped
    QTimer m_debounce;
};

} // namespace hfcache
