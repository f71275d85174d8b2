// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "DeletePlan.h"
#include "DeleteResult.h"

#include <atomic>
#include <functional>

namespace hfcache {

class InUseChecker;

// Carries out a DeletePlan, never breaking a running job: before the first change it asks who
// uses the files (refusing unless forced), refuses repos a download works in (ActiveDownloads),
// and takes the blob lock of every blob it deletes (a held lock is never overridden: that is a
// download in progress), then checks again for downloads that started meanwhile. Then item by item, in the
// plan's order, by fd (openat/unlinkat with O_NOFOLLOW, identity re-checked). A failure stops
// its item and says what is left; the other items go on. Blocking: run it off the GUI thread.
class DeleteExecutor
{
public:
    struct Options
    {
        bool force = false;           // delete files in use anyway (never a held blob lock)
        bool skipHeldLocks = false;   // prune: keep blobs a download locks instead of refusing
        // Delete although processes we may not inspect could use the files (the kernel could
        // not tell either: files of other owners); otherwise that refuses the plan.
        bool ignoreUninspected = false;
        const InUseChecker *inUse = nullptr;
        std::function<void(const DeleteProgress &)> progress;  // called on the executing thread
        const std::atomic_bool *cancel = nullptr;              // polled between items
    };

    // What execute() would refuse or keep, without changing anything (the dry run).
    static DeleteResult check(const DeletePlan &plan, const Options &options);
    static DeleteResult execute(const DeletePlan &plan, const Options &options);

private:
    class Walker;
    class Execution;
    static DeleteResult check(const DeletePlan &plan, const Options &options, const Walker &walker);
};

} // namespace hfcache
