// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HomeSnapshot.h"
#include "KindLocks.h"
#include "activity/ActivityReport.h"
#include "activity/CacheActivity.h"

#include <QList>
#include <QString>

namespace hfcache {

// The lock files of every cache kind of a home scan (made with HomeScanOptions::keepLockEntries):
// holders and waiters from one CacheActivity inspection over all of them, waiters that poll
// (Python's filelock) from LockOpeners, and, in a shared cache, whether each member of its group
// can open each lock read-write. Then each kind judges its own locks (CacheKind::judgeLocks).
class HomeLocks
{
public:
    struct Options
    {
        CacheActivity::Options activity;
        int listenMs = 0;  // how long to listen for pollers on the held locks; 0: not at all
    };
    struct Result
    {
        QList<KindLocks> kinds;   // HomeSnapshot order
        ActivityReport activity;  // processes, /proc/locks errors, unreadable processes (its lock rows moved to `kinds`)
        bool listened = false;    // pollers were listened for
        QString listenError;      // why they could not be
    };

    static Result inspect(const HomeSnapshot &home, const Options &options);
};

} // namespace hfcache
