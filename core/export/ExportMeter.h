// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QElapsedTimer>

#include <atomic>
#include <functional>
#include <mutex>

namespace hfcache {

// What an export reports while it runs (and once at the end).
struct ExportProgress
{
    quint64 bytesDone = 0;
    quint64 bytesTotal = 0;
    int filesDone = 0;
    int filesTotal = 0;
    qint64 elapsedMs = 0;
    double bytesPerSecond = 0;
    qint64 etaMs = -1;  // -1: unknown yet
};

// Counts bytes as the writers consume them, hands a progress report to the callback at most
// every `intervalMs` and tells the writers when to stop. Several writer threads may share one
// meter: the counters are atomic and one thread at a time reports (on that writer's thread).
class ExportMeter
{
public:
    using Callback = std::function<void(const ExportProgress &)>;

    ExportMeter(quint64 bytesTotal, int filesTotal, Callback callback, int intervalMs,
                const std::atomic_bool *cancel);

    // False once cancelled or stopped: the writer stops and the export is discarded.
    bool advance(quint64 bytes);
    void fileDone();
    bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }
    // One writer failed: the others stop as on cancel, without it counting as the user's cancel.
    void stop() { m_stopped.store(true, std::memory_order_relaxed); }
    ExportProgress progress() const;
    void report();  // unconditionally (the final 100 %)

private:
    const quint64 m_bytesTotal;
    const int m_filesTotal;
    std::atomic<quint64> m_bytesDone{0};
    std::atomic_int m_filesDone{0};
    std::atomic_bool m_stopped{false};
    Callback m_callback;
    int m_intervalMs;
    const std::atomic_bool *m_cancel;
    QElapsedTimer m_clock;
    std::atomic<qint64> m_lastReportMs{0};
    std::mutex m_reporting;  // one report at a time, in order
};

} // namespace hfcache
