#include "ExportMeter.h"

namespace hfcache {

ExportMeter::ExportMeter(quint64 bytesTotal, int filesTotal, Callback callback, int intervalMs,
                         const std::atomic_bool *cancel)
    : m_callback(std::move(callback)), m_intervalMs(intervalMs), m_cancel(cancel)
{
    m_progress.bytesTotal = bytesTotal;
    m_progress.filesTotal = filesTotal;
    m_clock.start();
}

bool ExportMeter::advance(quint64 bytes)
{
    m_progress.bytesDone += bytes;
    if (m_callback && m_clock.elapsed() - m_lastReportMs >= m_intervalMs)
        report();
    return !cancelled();
}

void ExportMeter::fileDone()
{
    ++m_progress.filesDone;
}

ExportProgress ExportMeter::progress() const
{
    ExportProgress p = m_progress;
    p.elapsedMs = m_clock.elapsed();
    if (p.elapsedMs > 0)
        p.bytesPerSecond = double(p.bytesDone) * 1000.0 / double(p.elapsedMs);
    if (p.bytesPerSecond > 0 && p.elapsedMs >= 1000)
        p.etaMs = qint64(double(p.bytesTotal - std::min(p.bytesDone, p.bytesTotal)) * 1000.0 / p.bytesPerSecond);
    return p;
}

void ExportMeter::report()
{
    m_lastReportMs = m_clock.elapsed();
    if (m_callback)
        m_callback(progress());
}

} // namespace hfcache
