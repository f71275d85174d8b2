// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "ProcessInfo.h"
#include "SoftLock.h"
#include "WatchedFile.h"
#include "audit/MemberAccess.h"

#include <QList>

namespace hfcache {

// One lock file and who holds or waits on it. A free lock file is normal: filelock keeps them,
// and deleting one someone waits on splits holders and waiters across two inodes.
struct LockFileState
{
    WatchedFile file;
    bool held = false;
    QList<ProcessInfo> holders;  // from /proc/locks
    // Queued in the kernel ("->" in /proc/locks), or holding the file open without the lock
    // (filelock polls: open, try, close, so a waiter is only seen between tries).
    QList<ProcessInfo> waiters;
    bool writable = false;       // the current user can open it O_RDWR, as every waiter must
    QList<MemberAccess> members; // in a shared cache: whether each member of its group can too
    // A SoftFileLock marker: held while it exists and is not stale. Its holder comes from its
    // text, or, for the empty marker of filelock <= 3.23, from the process keeping it open O_WRONLY.
    bool isSoft = false;
    SoftLock soft;
};

// A download in progress or interrupted: blobs/<etag>[.<8hex>].incomplete or a local_dir temp file.
struct DownloadState
{
    WatchedFile file;
    quint64 size = 0;        // now
    qint64 mtime = 0;
    double rate = -1;        // bytes per second between two inspections; -1 unknown
    bool lockHeld = false;   // its blob lock is held: someone downloads it
    bool open = false;       // some process has it open
    QList<ProcessInfo> writers;

    // Active: its lock is held or a process has it open. Else interrupted: removable after
    // taking its blob lock.
    bool active() const { return lockHeld || open; }
};

} // namespace hfcache
