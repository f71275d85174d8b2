// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "maintain/VerifyReport.h"
#include "common/TaskProgressDialog.h"

#include <QObject>
#include <QPointer>

class QAction;

namespace hfcache {

class WindowHost;

// Verify on repos and revisions: CacheVerifier on the thread pool behind a progress dialog
// with Cancel, then VerifyResultsDialog.
class VerifyFeature : public QObject
{
    Q_OBJECT
public:
    explicit VerifyFeature(WindowHost &host);

    QAction *action() const { return m_action; }
    // The progress label: bytes hashed of all, rate and time left (`elapsedMs` since the start).
    static QString progressText(quint64 done, quint64 total, qint64 elapsedMs);

Q_SIGNALS:
    void finished(const hfcache::VerifyReport &report);

private:
    void start();
    void markProblems(const VerifyReport &report);

    WindowHost &m_host;
    QAction *m_action;
    QPointer<TaskProgressDialog> m_progress;  // set while a verify runs
};

} // namespace hfcache
