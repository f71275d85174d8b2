// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QObject>

class QAction;

namespace hfcache {

class WindowHost;

// File ▸ Open Cluster Locks Report…: reads a file of many nodes' `hfcache locks --json` outputs
// (or a `locks --merge --json` file) on the thread pool and shows the merged view read-only in a
// ClusterLocksDialog. Independent of the cache the window shows.
class ClusterLocksFeature : public QObject
{
    Q_OBJECT
public:
    explicit ClusterLocksFeature(WindowHost &host);

    // Reads `path` off the GUI thread, then shows the report (or says why it cannot).
    void openReport(const QString &path);

private:
    void chooseReport();

    WindowHost &m_host;
    QAction *m_open;
};

} // namespace hfcache
