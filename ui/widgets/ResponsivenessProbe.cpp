#include "ResponsivenessProbe.h"

namespace hfcache {

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
    m_maxLatenessNs = 0;
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
    const qint64 lateness = now - m_lastNs - qint64(m_timer.interval()) * 1000000;
    m_maxLatenessNs = std::max(m_maxLatenessNs, lateness);
    m_lastNs = now;
    ++m_ticks;
}

} // namespace hfcache
