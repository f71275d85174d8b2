// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "Parallel.h"

#include <QThread>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace hfcache {

void runInParallel(int threads, qsizetype items, const std::function<void()> &work)
{
    const qsizetype count = std::clamp<qsizetype>(threads > 0 ? threads : QThread::idealThreadCount(), 1,
                                                  std::max<qsizetype>(items, 1));
    std::vector<std::thread> helpers;
    for (qsizetype i = 1; i < count; ++i)
        helpers.emplace_back(work);
    work();
    for (std::thread &helper : helpers)
        helper.join();
}

void runInSlices(qsizetype count, qsizetype slice, const std::function<void(qsizetype begin, qsizetype end)> &work)
{
    std::atomic<qsizetype> next{0};
    runInParallel(0, (count + slice - 1) / slice, [&] {
        for (qsizetype begin; (begin = next.fetch_add(slice)) < count;)
            work(begin, std::min(begin + slice, count));
    });
}

} // namespace hfcache
