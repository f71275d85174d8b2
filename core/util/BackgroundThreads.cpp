// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "BackgroundThreads.h"

#include <QThread>

#include <algorithm>
#include <atomic>
#include <cerrno>

#include <sys/resource.h>
#include <unistd.h>

namespace hfcache {

namespace {

// The window runs at most this many long tasks at once (the hub browser's scan, the HF_HOME scan,
// an audit, a layout, a free of an old snapshot); more wait their turn.
constexpr int MaxBackgroundTasks = 6;
constexpr int LowestNice = 19;

std::atomic<int> niceIncrement{0};

} // namespace

QThreadPool *backgroundThreadPool()
{
    static QThreadPool *pool = [] {
        auto *created = new QThreadPool;  // lives as long as the process: threads may outlive main's objects
        created->setMaxThreadCount(std::max(QThread::idealThreadCount(), MaxBackgroundTasks));
        return created;
    }();
    return pool;
}

void setBackgroundNiceIncrement(int increment)
{
    niceIncrement = std::max(increment, 0);
}

void enterBackgroundPriority()
{
    thread_local int applied = 0;
    const int wanted = niceIncrement;
    if (wanted <= applied)
        return;
    // On Linux the nice value belongs to the thread (PRIO_PROCESS with a thread id). Raising it is
    // always allowed; a thread never gets it back, which is why only pool threads do this.
    const pid_t thread = gettid();
    errno = 0;
    const int current = getpriority(PRIO_PROCESS, id_t(thread));
    if (errno == 0)
        setpriority(PRIO_PROCESS, id_t(thread), std::min(current + wanted - applied, LowestNice));
    applied = wanted;
}

} // namespace hfcache
