// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "FileKey.h"
#include "WatchedFile.h"
#include "cache/CacheSnapshot.h"

#include <QList>
#include <QStringList>

#include <functional>

namespace hfcache {

// The files CacheActivity looks at, taken from a scan (no second walk of the cache) and from
// local_dir download folders (<dir>/.cache/huggingface/, small, walked here). Files of a scan
// are kept as (kind, key, where in the snapshot): a WatchedFile with its path is built only
// for the few that turn out to matter.
class ActivityTargets
{
public:
    static ActivityTargets fromSnapshot(const CacheSnapshotPtr &snapshot);

    // Lock files and .incomplete downloads of `snapshot_download(local_dir=dir)`. False and
    // *error set when <dir>/.cache/huggingface cannot be read.
    [[nodiscard]] bool addLocalDir(const QByteArray &dir, QString *error);
    void add(WatchedFile file);
    // Lock files another scan keeps (a home scan's lock entries): `stats` point into it and
    // must outlive the targets; `fileOf(i)` makes the WatchedFile of stats[i], only for the rows
    // that need one.
    static ActivityTargets fromLockFiles(QList<const EntryStat *> stats, std::function<WatchedFile(qsizetype)> fileOf);

    qsizetype size() const { return m_refs.size(); }
    WatchedFile::Kind kind(qsizetype i) const { return m_refs[i].kind; }
    FileKey key(qsizetype i) const { return m_refs[i].key; }
    const EntryStat &stat(qsizetype i) const;  // as scanned; no path is built
    WatchedFile file(qsizetype i) const;
    // A lock file that is a SoftFileLock marker by its name (the shared blob store's
    // <hash>.lock.soft): even empty, as filelock <= 3.23 leaves it.
    bool isSoftLockFile(qsizetype i) const;

    // The lock file of a local_dir download: download/<dir>/<shorthash>.<etag>.incomplete
    // belongs to download/<dir>/<name>.lock when shorthash = urlsafe-b64(sha1("<name>.metadata"))
    // (huggingface_hub >= 0.28), or the incomplete name starts with "<name>." (older).
    static QByteArray localDirShortHash(const QByteArray &fileName);

private:
    WatchedFile storeLockFile(qsizetype i) const;

    static constexpr qint32 FileRef = -1;         // Ref::repo of m_files[item]
    static constexpr qint32 SharedStoreRef = -2;  // Ref::repo of the shared blob store's payload `item`
    static constexpr qint32 LockFileRef = -3;     // Ref::repo of m_lockStats[item]
    static constexpr qint32 StoreLock = 0, StoreSoftLock = 1;  // Ref::entry of a SharedStoreRef

    struct Ref
    {
        FileKey key;
        WatchedFile::Kind kind;
        qint32 repo;   // into m_snapshot->repos, or FileRef, or SharedStoreRef
        qint32 item;   // lock, blob, revision or shared payload index
        qint32 entry;  // snapshot entry of revision `item`, or which lock of a shared payload; -1 otherwise
    };

    CacheSnapshotPtr m_snapshot;
    QStringList m_cacheIds;  // per snapshot repo, computed once
    QList<Ref> m_refs;
    QList<WatchedFile> m_files;
    QList<const EntryStat *> m_lockStats;
    std::function<WatchedFile(qsizetype)> m_lockFileOf;
};

} // namespace hfcache
