// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "FileKey.h"
#include "FileUse.h"
#include "LockFileState.h"
#include "ProcessInfo.h"
#include "cache/Finding.h"

#include <QHash>
#include <QList>
#include <QString>

namespace hfcache {

// What is happening in a cache right now: held locks, downloads, files in use. Immutable
// value; the query functions are what maintenance (rm, prune) asks before touching a file.
struct ActivityReport
{
    QList<LockFileState> locks;              // as CacheActivity::Options::lockRows asks
    int lockFileCount = 0;                   // every lock file looked at, listed in `locks` or not
    QList<DownloadState> downloads;
    QHash<FileKey, QList<FileUse>> uses;     // cached content open or mapped by some process
    QList<WatchedFile> usedFiles;            // the files behind `uses`, one per key
    QHash<qint64, ProcessInfo> processes;    // everyone named above
    qint64 sampledAtMs = 0;
    int inspectedProcesses = 0;
    int unreadableProcesses = 0;  // /proc/<pid> we may not read (not root): may hide users
    int skippedLockLines = 0;     // /proc/locks lines of unknown shape
    QString procLocksError;       // /proc/locks unreadable: lock states unknown

    // Processes that have the file open or mapped (empty: nobody we can see).
    QList<FileUse> usesOf(const FileKey &file) const { return uses.value(file); }
    // "in use by pid 1234 python3 (alice), pid 1240 python3 (alice)"; empty when unused.
    QString inUseText(const FileKey &file) const;
    ProcessInfo process(qint64 pid) const;

    // lock-held, incomplete-active, incomplete-stale and in-use, keyed by WatchedFile::cacheId.
    QHash<QString, Findings> findingsByRepo() const;
};

} // namespace hfcache
