// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "FileKey.h"

#include <QByteArray>

namespace hfcache {

// One line of /proc/locks: a lock held, or (`blocked`) a request waiting for it.
struct LockRecord
{
    enum class Kind : quint8 { Flock, Posix, Ofd, Lease, Other };

    qint64 id = 0;          // the kernel's ordinal; waiters repeat the id of the lock they wait on
    Kind kind = Kind::Other;
    bool blocked = false;   // "->": a blocking request queued behind lock `id`
    bool write = false;     // WRITE (exclusive) rather than READ (shared)
    qint64 pid = -1;        // -1 for OFD locks, which belong to an open file, not a process
    FileKey file;
};

} // namespace hfcache
