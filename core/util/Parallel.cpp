// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "Parallel.h"

#include <QThread>

#include <algorithm>
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

} // namespace hfcache
