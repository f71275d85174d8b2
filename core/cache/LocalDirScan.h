// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CacheScan.h"

#include <QByteArray>

#include <atomic>

namespace hfcache {

// Scans a folder written by snapshot_download(local_dir=D) / `hf download --local-dir D` into
// the scan model: one repo (CachedRepo::isLocalDir) named after the folder, one revision whose
// commit comes from the download/<path>.metadata files, the real files as File entries, the
// lock files and .incomplete downloads of D/.cache/huggingface/ (D/.huggingface/ for folders of
// huggingface_hub 0.23.0, with a local-dir-legacy-layout finding). Same rules as CacheScan: by
// fd, never following a link (links are resolved lexically inside D), and every odd thing is a
// Finding, never a failure; only an unusable D itself is a ScanError.
class LocalDirScan
{
public:
    // huggingface_hub >= 0.24 keeps its bookkeeping here.
    static const QByteArray BookkeepingFolder;
    // huggingface_hub 0.23.0 kept it here (PR #2262 renamed it); newer versions never read it.
    static const QByteArray LegacyBookkeepingFolder;

    // Which bookkeeping a folder holds, looked at without going through a link. Blocking I/O.
    enum class Format {
        None,     // neither of the two below
        Current,  // .cache/huggingface/download/ or .cache/huggingface/.gitignore
        Legacy,   // .huggingface/download/ only (huggingface_hub 0.23.0)
    };
    static Format bookkeepingFormat(const QByteArray &dir);
    // Where huggingface_hub keeps the bookkeeping of `dir`, relative to it: LegacyBookkeepingFolder
    // for the 0.23.0 layout, else BookkeepingFolder (whether it exists or not). Blocking I/O.
    static QByteArray bookkeepingFolder(const QByteArray &dir);
    // True when `dir` holds a hub-cache repo folder (models--*, datasets--*, spaces--*, ...).
    static bool holdsRepoFolders(const QByteArray &dir);
    // A local_dir download folder: it has bookkeeping and no repo folders (a hub cache that
    // also got a .cache/huggingface/ stays a hub cache). The one rule of the GUI and the CLI.
    static bool isLocalDir(const QByteArray &dir);

    // nullptr and *error set when `dir` itself cannot be opened or listed.
    static CacheSnapshotPtr run(const QByteArray &dir, const std::atomic_bool *cancel = nullptr,
                                ScanError *error = nullptr);
};

} // namespace hfcache
