// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace hfcache {

// Measures how long the thread it lives on stops serving its event loop: a short precise
// timer that should fire every `interval`; the worst lateness is the longest stall a user
// would have felt as a frozen window.
class ResponsivenessProbe : public QObject
{
    Q_OBJECT
public:
    explicit ResponsivenessProbe(int intervalMs = 5, QObject *parent = nullptr);

    void start();
    void stop();
    double maxStallMs() const { return double(m_maxLatenessNs) / 1e6; }
    // When the longest stall ended, in ms since start(): tells startup from scanning.
    double maxStallAtMs() const { return double(m_maxAtNs) / 1e6; }
    double maxBusyMs() const { return double(m_maxBusyNs) / 1e6; }
    int ticks() const { return m_ticks; }

private:
    void tick();

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_maxLatenessNs = 0;
    qint64 m_maxAtNs = 0;
    qint64 m_lastCpuNs = 0;
    qint64 m_maxBusyNs = 0;
    int m_ticks = 0;
};

} // namespace hfcache
