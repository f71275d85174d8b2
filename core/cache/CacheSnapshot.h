// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CachedRepo.h"
#include "EntryStat.h"
#include "Finding.h"
#include "RepoEntry.h"
#include "SharedBlobStore.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>

#include <memory>

namespace hfcache {

// The result of one scan of a hub cache root: immutable, shared between threads.
struct CacheSnapshot
{
    QByteArray root;                 // absolute path as given (not canonicalised)
    EntryStat rootStat;
    QList<CachedRepoPtr> repos;      // sorted by cache id
    QList<RepoEntry> rootEntries;    // CACHEDIR.TAG, version.txt, .locks/, stray files (path relative to root)
    Findings findings;               // cache-level findings; each repo carries its own
    SharedBlobStore sharedBlobs;     // <root>/blobs of huggingface_hub >= 1.29, when marked
    quint64 sizeOnDisk = 0;          // distinct (device, inode) over all repos
    quint64 sizeApparent = 0;
    qint64 scannedAtMs = 0;          // wall clock, ms since the epoch
    qint64 durationMs = 0;
    bool cancelled = false;

    CachedRepoPtr repo(const QString &cacheId) const;
    int totalRevisions() const;
    int countFindings(Severity atLeast) const;  // cache-level and all repos
    // The scan of a local_dir download folder (LocalDirScan), not of a hub cache.
    bool isLocalDir() const { return repos.size() == 1 && repos.first()->isLocalDir; }
};

using CacheSnapshotPtr = std::shared_ptr<const CacheSnapshot>;

} // namespace hfcache

Q_DECLARE_METATYPE(hfcache::CacheSnapshotPtr)
