// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CacheWatcher.h"

#include "common/LatestResult.h"

#include "cache/CacheScan.h"
#include "cache/LocalDirScan.h"
#include "cache/RepoFolderName.h"
#include "util/PathPrefix.h"

#include <QDir>
#include <QFileSystemWatcher>

namespace hfcache {

CacheWatcher::CacheWatcher(QObject *parent)
    : QObject(parent)
    , m_watcher(new QFileSystemWatcher)
{
    m_thread.setObjectName(QStringLiteral("hfcache-watch"));
    m_watcher->moveToThread(&m_thread);
    m_thread.start();
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &CacheWatcher::pathChanged);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &CacheWatcher::flush);
}

CacheWatcher::~CacheWatcher()
{
    m_thread.quit();
    m_thread.wait();
    delete m_watcher;
}

void CacheWatcher::setRoot(const QByteArray &root)
{
    m_root = root;
    m_ofRoot.invalidate();
    m_known.clear();
    m_dirty.clear();
    m_scanning.clear();
    m_dirtyWhileScanning.clear();
    m_localDirFolder.clear();
    m_rootDirty = false;
    m_watched.clear();
    QFileSystemWatcher *watcher = m_watcher;
    QMetaObject::invokeMethod(watcher, [watcher] {
        if (!watcher->directories().isEmpty())
            watcher->removePaths(watcher->directories());
    });
    if (root.isEmpty())
        return;
    const QString base = QFile::decodeName(root);
    addWatches({base, base + QStringLiteral("/.locks")});
}

void CacheWatcher::watchRepos(const QList<CachedRepoPtr> &repos)
{
    QStringList paths;
    const QString locks = QFile::decodeName(m_root) + QStringLiteral("/.locks/");
    for (const CachedRepoPtr &repo : repos) {
        m_known.insert(repo->folderName);
        const QString base = QFile::decodeName(repo->path);
        if (repo->isLocalDir) {
            // A download may add a file to any folder of it, or to its bookkeeping.
            m_localDirFolder = repo->folderName;
            paths << base;
            for (const SnapshotEntry &entry : repo->revisions.value(0).entries) {
                if (entry.kind == SnapshotEntry::Kind::Directory)
                    paths << base + QLatin1Char('/') + QFile::decodeName(entry.path);
            }
            for (const RepoEntry &entry : repo->otherEntries) {
                if (entry.stat.isDirectory())
                    paths << base + QLatin1Char('/') + QFile::decodeName(entry.path);
            }
            continue;
        }
        paths << base << base + QStringLiteral("/refs") << base + QStringLiteral("/blobs")
              << base + QStringLiteral("/snapshots") << locks + QFile::decodeName(repo->folderName);
        // A finished download adds a link inside an existing snapshot folder.
        for (const CachedRevision &revision : repo->revisions)
            paths << QFile::decodeName(repo->snapshotPath(revision));
    }
    addWatches(paths);
}

void CacheWatcher::addWatches(const QStringList &paths)
{
    QStringList fresh;
    for (const QString &path : paths) {
        if (!m_watched.contains(path)) {
            m_watched.insert(path);
            fresh << path;
        }
    }
    if (fresh.isEmpty())
        return;
    QFileSystemWatcher *watcher = m_watcher;
    // Missing folders (no .locks/ yet, no refs/) simply stay unwatched.
    QMetaObject::invokeMethod(watcher, [watcher, fresh] { watcher->addPaths(fresh); });
}

void CacheWatcher::pathChanged(const QString &path)
{
    const QByteArray raw = QFile::encodeName(path);
    if (m_root.isEmpty() || !raw.startsWith(m_root))
        return;
    QByteArray relative = raw.mid(m_root.size());
    while (relative.startsWith('/'))
        relative.remove(0, 1);
    if (!m_localDirFolder.isEmpty()) {
        m_dirty.insert(m_localDirFolder);
    } else if (relative.isEmpty()) {
        m_rootDirty = true;
    } else {
        QList<QByteArray> parts = relative.split('/');
        if (parts.first() == ".locks")
            parts.removeFirst();
        if (parts.isEmpty())
            m_rootDirty = true;
        else if (RepoFolderName::parse(parts.first()))
            m_dirty.insert(parts.first());
    }
    // Every event restarts the quiet period: a download is many events in a row.
    m_debounce.start();
}

void CacheWatcher::flush()
{
    if (m_rootDirty) {
        m_rootDirty = false;
        listRoot();
    }
    const QSet<QByteArray> dirty = std::exchange(m_dirty, {});
    for (const QByteArray &folder : dirty)
        rescan(folder);
}

void CacheWatcher::listRoot()
{
    const QString root = QFile::decodeName(m_root);
    const auto list = [root] {
        QList<QByteArray> folders;
        const QStringList names = QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
        for (const QString &name : names) {
            const QByteArray raw = QFile::encodeName(name);
            if (RepoFolderName::parse(raw))
                folders << raw;
        }
        return folders;
    };
    m_ofRoot.runAlongside(this, list, [this](const QList<QByteArray> &folders) {
        const QSet<QByteArray> present(folders.cbegin(), folders.cend());
        for (const QByteArray &folder : present - m_known)
            rescan(folder);
        for (const QByteArray &folder : m_known - present)
            rescan(folder);
    });
}

void CacheWatcher::rescan(const QByteArray &folderName)
{
    if (m_scanning.contains(folderName)) {
        m_dirtyWhileScanning.insert(folderName);
        return;
    }
    m_scanning.insert(folderName);
    const QByteArray root = m_root;
    const bool localDir = folderName == m_localDirFolder;
    const auto scan = [root, folderName, localDir] {
        if (!localDir)
            return CacheScan::scanRepo(root, folderName);
        const CacheSnapshotPtr snapshot = LocalDirScan::run(root);
        return snapshot ? snapshot->repos.first() : CachedRepoPtr();
    };
    m_ofRoot.runAlongside(this, scan, [this, folderName](const CachedRepoPtr &repo) {
        m_scanning.remove(folderName);
        if (repo) {
            watchRepos({repo});
        } else {
            // Forget its watches: a folder created again under that name needs new ones.
            m_known.remove(folderName);
            const QString base = QFile::decodeName(m_root + '/' + folderName);
            m_watched.removeIf([&base](const QString &path) {
                return PathPrefix::isSameOrUnder(path, base);
            });
        }
        Q_EMIT repoChanged(folderName, repo);
        if (m_dirtyWhileScanning.remove(folderName))
            rescan(folderName);
    });
}

} // namespace hfcache
