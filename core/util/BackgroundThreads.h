// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QFuture>
#include <QPromise>
#include <QThreadPool>

#include <memory>
#include <type_traits>
#include <utility>

namespace hfcache {

// The pool that long work (scans, audits, treemap layouts, hashing) runs on, never
// QThreadPool::globalInstance(): Qt's raster engine splits big fills over the global pool and the
// GUI thread waits for them, so scans holding its threads froze the window (2.5 s over issue 17's
// HF_HOME on 2 cores). The global pool is left to Qt.
QThreadPool *backgroundThreadPool();

// The window calls this once at start: every background thread then runs `increment` nice levels
// below the process (the helper threads of runInParallel inherit it), so that the GUI thread gets a
// core as soon as it wakes instead of a third of one between two scan threads. 0 (the command line,
// which waits for its work anyway) changes nothing.
void setBackgroundNiceIncrement(int increment);

// Applies the increment to the calling thread, once per thread.
void enterBackgroundPriority();

// Runs `work` on the background pool at the background priority; the future gets its result.
// (QtConcurrent::run with a pool does the same, but util/ stays QtCore only: the root helper links it.)
template <typename Work>
auto runOnBackgroundThread(Work &&work)
{
    using Result = std::invoke_result_t<std::decay_t<Work> &>;
    auto promise = std::make_shared<QPromise<Result>>();
    QFuture<Result> future = promise->future();
    promise->start();
    backgroundThreadPool()->start([promise, work = std::forward<Work>(work)]() mutable {
        enterBackgroundPriority();
        if constexpr (std::is_void_v<Result>)
            work();
        else
            promise->addResult(work());
        promise->finish();
    });
    return future;
}

} // namespace hfcache
