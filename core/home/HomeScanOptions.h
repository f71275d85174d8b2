// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QStringList>

#include <atomic>

namespace hfcache {

struct HomeScanOptions
{
    // False: count sizes, owners and groups but keep no per-entry records (summaries only).
    bool keepEntries = true;
    // With keepEntries false: still keep the lock files' records (`hfcache locks`).
    bool keepLockEntries = false;
    int threads = 0;  // the hub cache's scan: 0 is one worker per core
    const std::atomic_bool *cancel = nullptr;  // polled between folders
    // Kinds the caller scans itself (doctor's hub cache): their folders count as read, so a kind
    // resolving to the same folder says so (sameFolderAs), but they get no snapshot here.
    QStringList kindsScannedElsewhere;
};

} // namespace hfcache
