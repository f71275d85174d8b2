// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

namespace hfcache {

struct HomeSnapshot;

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
    // Called before the first kind's scan and after each one: the snapshot so far, its kinds not
    // yet scanned as placeholders (KindSnapshot::pending). One call at a time, on a scan thread:
    // the window shows every cache's row at once and fills each as its scan ends, instead of
    // waiting for the biggest cache.
    std::function<void(const std::shared_ptr<const HomeSnapshot> &partial)> onProgress;
};

} // namespace hfcache
