// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CacheSnapshot.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <functional>

namespace hfcache {

// Why a cache root could not be scanned at all (per-entry problems become Findings instead).
struct ScanError
{
    QByteArray path;
    QString reason;
    QString message() const;  // "cannot open /x/y: Permission denied"
};

// The scanner: a tolerant superset of huggingface_hub's scan_cache_dir(). It never drops a
// repo for one problem; it records a Finding and goes on. It never follows a symlink: link
// targets are resolved lexically and the blob is known from the lstat of blobs/.
//
// Threading contract: run() blocks its caller and fans repo folders out over `threads`
// workers. `onRepo` is called from those workers, once per finished repo, with an immutable
// repo the callee may keep. `cancel` is polled between directory reads.
struct ScanOptions
{
    int threads = 0;          // 0: one per core
    // False: drop per-entry records (snapshot entries, lock files, folders) once a repo's
    // sizes, times and findings are computed -- for callers that print only summaries.
    bool keepEntries = true;
    // Called once, before any repo is scanned, with the number of repo folders found.
    std::function<void(int)> onRepoCount;
};

class CacheScan
{
public:
    using RepoCallback = std::function<void(const CachedRepoPtr &)>;

    // nullptr and *error set when the root itself is unusable (missing, a file, unreadable).
    static CacheSnapshotPtr run(const QByteArray &root, const ScanOptions &options = {},
                                const RepoCallback &onRepo = {}, const std::atomic_bool *cancel = nullptr,
                                ScanError *error = nullptr);

    // Re-scans one repo folder (live updates). nullptr when the folder is gone or not a repo.
    static CachedRepoPtr scanRepo(const QByteArray &root, const QByteArray &folderName);
};

} // namespace hfcache
