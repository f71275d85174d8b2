// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QtGlobal>

#include <algorithm>
#include <functional>
#include <thread>

namespace hfcache {

// Runs `work` on several threads at once, the calling thread being one of them, and returns
// when all are done. `work` takes its items from a shared counter until none is left. The
// thread count is `threads` (0: one per core), never more than `items`, at least one.
void runInParallel(int threads, qsizetype items, const std::function<void()> &work);

// Runs `work(begin, end)` over [0, count) cut in slices of `slice` items, the slices shared out
// between one thread per core as they finish (the calling thread being one of them).
void runInSlices(qsizetype count, qsizetype slice, const std::function<void(qsizetype begin, qsizetype end)> &work);

// std::sort of [begin, end) on two cores: each half on its own thread, then merged. A short
// range is sorted on the calling thread (a thread costs more than it saves).
template<typename Iterator, typename Less>
void sortInParallel(Iterator begin, Iterator end, Less less)
{
    constexpr qsizetype MinParallel = 8192;
    if (end - begin < MinParallel) {
        std::sort(begin, end, less);
        return;
    }
    const Iterator middle = begin + (end - begin) / 2;
    std::thread firstHalf([&] { std::sort(begin, middle, less); });
    std::sort(middle, end, less);
    firstHalf.join();
    std::inplace_merge(begin, middle, end, less);
}

} // namespace hfcache
