// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "VerifyReport.h"
#include "cache/CacheSnapshot.h"

#include <atomic>
#include <functional>

namespace hfcache {

// Checks cached content against the names it is stored under: every blob is hashed (sha256 for
// 64-hex names, git blob sha1 for 40-hex names) with libcrypto, files in parallel on all cores,
// biggest first; and each revision is compared with trees/<commit>.json when present. Blocking:
// run it off the GUI thread.
class CacheVerifier
{
public:
    // A repo, whole (every blob, every revision) or limited to some revisions.
    struct Target
    {
        CachedRepoPtr repo;
        QList<QByteArray> commits;  // empty: the whole repo
    };

    struct Options
    {
        int threads = 0;  // 0: one per core
        // (bytes hashed, bytes to hash), called from the worker threads after each chunk (1 MiB).
        std::function<void(quint64, quint64)> progress;
        const std::atomic_bool *cancel = nullptr;  // polled after each chunk
    };

    static VerifyReport run(const QList<Target> &targets, const Options &options);
    static VerifyReport run(const QList<Target> &targets) { return run(targets, Options{}); }
};

} // namespace hfcache
