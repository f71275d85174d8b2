// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ExportMeter.h"

namespace hfcache {

ExportMeter::ExportMeter(quint64 bytesTotal, int filesTotal, Callback callback, int intervalMs,
                         const std::atomic_bool *cancel)
    : m_bytesTotal(bytesTotal), m_filesTotal(filesTotal), m_callback(std::move(callback)), m_intervalMs(intervalMs),
      m_cancel(cancel)
{
    m_clock.start();
}

bool ExportMeter::advance(quint64 bytes)
{
    m_bytesDone.fetch_add(bytes, std::memory_order_relaxed);
    if (m_callback && m_clock.elapsed() - m_lastReportMs.load(std::memory_order_relaxed) >= m_intervalMs) {
        // A writer that finds another one reporting goes on writing instead of waiting.
        std::unique_lock lock(m_reporting, std::try_to_lock);
        if (lock.owns_lock() && m_clock.elapsed() - m_lastReportMs.load(std::memory_order_relaxed) >= m_intervalMs) {
            m_lastReportMs.store(m_clock.elapsed(), std::memory_order_relaxed);
            m_callback(progress());
        }
    }
    return !cancelled() && !m_stopped.load(std::memory_order_relaxed);
}

void ExportMeter::fileDone()
{
    m_filesDone.fetch_add(1, std::memory_order_relaxed);
}

ExportProgress ExportMeter::progress() const
{
    ExportProgress p;
    p.bytesTotal = m_bytesTotal;
    p.filesTotal = m_filesTotal;
    p.bytesDone = m_bytesDone.load(std::memory_order_relaxed);
    p.filesDone = m_filesDone.load(std::memory_order_relaxed);
    p.elapsedMs = m_clock.elapsed();
    if (p.elapsedMs > 0)
        p.bytesPerSecond = double(p.bytesDone) * 1000.0 / double(p.elapsedMs);
    if (p.bytesPerSecond > 0 && p.elapsedMs >= 1000)
        p.etaMs = qint64(double(p.bytesTotal - std::min(p.bytesDone, p.bytesTotal)) * 1000.0 / p.bytesPerSecond);
    return p;
}

void ExportMeter::report()
{
    std::lock_guard lock(m_reporting);
    m_lastReportMs.store(m_clock.elapsed(), std::memory_order_relaxed);
    if (m_callback)
        m_callback(progress());
}

} // namespace hfcache
