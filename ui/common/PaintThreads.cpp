// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "PaintThreads.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace hfcache {

namespace {

// The hub browser's scan, the HF_HOME scan, and one listing, treemap layout or free in flight.
constexpr int LongTasks = 3;

} // namespace

void reserveThreadsForPainting()
{
    QThreadPool *pool = QThreadPool::globalInstance();
    pool->setMaxThreadCount(std::max(pool->maxThreadCount(), QThread::idealThreadCount() + LongTasks));
}

} // namespace hfcache
