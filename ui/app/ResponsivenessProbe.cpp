// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ResponsivenessProbe.h"

#include <time.h>

namespace hfcache {

namespace {

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

} // namespace

ResponsivenessProbe::ResponsivenessProbe(int intervalMs, QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(intervalMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ResponsivenessProbe::tick);
}

void ResponsivenessProbe::start()
{
    m_clock.start();
    m_lastNs = 0;
    m_lastCpuNs = threadCpuNs();
    m_maxLatenessNs = 0;
    m_maxBusyNs = 0;
    m_ticks = 0;
    m_timer.start();
}

void ResponsivenessProbe::stop()
{
    m_timer.stop();
}

void ResponsivenessProbe::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 cpu = threadCpuNs();
    m_maxBusyNs = std::max(m_maxBusyNs, cpu - m_lastCpuNs);
    m_lastCpuNs = cpu;
    const qint64 lateness = now - m_lastNs - qint64(m_timer.interval()) * 1000000;
    if (lateness > m_maxLatenessNs) {
        m_maxLatenessNs = lateness;
        m_maxAtNs = now;
    }
    m_lastNs = now;
    ++m_ticks;
}

} // namespace hfcache
