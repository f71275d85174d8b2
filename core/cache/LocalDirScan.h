#pragma once

#include "CacheScan.h"

#include <QByteArray>

#include <atomic>

namespace hfcache {

// Scans a folder written by snapshot_download(local_dir=D) / `hf download --local-dir D` into
// the scan model: one repo (CachedRepo::isLocalDir) named after the folder, one revision whose
// commit comes from the download/<path>.metadata files, the real files as File entries, the
// lock files and .incomplete downloads of D/.cache/huggingface/. Same rules as CacheScan: by
// fd, never following a link (links are resolved lexically inside D), and every odd thing is a
// Finding, never a failure; only an unusable D itself is a ScanError.
class LocalDirScan
{
public:
    // huggingface_hub >= 0.24 keeps its bookkeeping here (0.23.0 used ".huggingface").
    static const QByteArray BookkeepingFolder;

    // True when `dir` holds .cache/huggingface/download/ or .cache/huggingface/.gitignore, as
    // huggingface_hub writes them, without going through a link. Blocking I/O.
    static bool isLocalDir(const QByteArray &dir);

    // nullptr and *error set when `dir` itself cannot be opened or listed.
    static CacheSnapshotPtr run(const QByteArray &dir, const std::atomic_bool *cancel = nullptr,
                                ScanError *error = nullptr);
};

} // namespace hfcache
