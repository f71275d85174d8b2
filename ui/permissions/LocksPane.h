// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "activity/ActivityReport.h"
#include "cache/CacheSnapshot.h"

#include <QWidget>

#include <memory>

class QLabel;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace hfcache {

class WindowHost;

// Locks & activity, live while visible: the lock files that are held, waited on or not
// writable by the user (with their holders), downloads
// with their size and rate, and the processes that have the selected repo's files open or
// mapped. CacheActivity reads /proc on the thread pool every refresh interval; one inspection
// at a time, each against the previous one for the download rates.
class LocksPane : public QWidget
{
    Q_OBJECT
public:
    enum Column { ItemColumn, StateColumn, DetailColumn };
    static constexpr int kRefreshMs = 1500;

    // Docks itself under the browser.
    explicit LocksPane(WindowHost &host);

private:
    // Starts an inspection now (unless one is running).
    void inspect();
    // Live: refresh on a timer. Follows the dock's visibility (a tab behind another is not visible).
    void setLive(bool live);
    void showReport(const std::shared_ptr<const ActivityReport> &report);
    // Another cache was opened: nothing of the old one stays listed.
    void forget();
    void fillUsers();
    QString selectedCacheId() const;
    // Relative to the cache root (the tooltip has the whole path).
    QString shownPath(const QByteArray &path) const;

    WindowHost &m_host;
    QLabel *m_summary;
    QTreeWidget *m_tree;
    QTreeWidgetItem *m_locks;
    QTreeWidgetItem *m_downloads;
    QTreeWidgetItem *m_users;
    QTimer *m_timer;  // "locksRefresh": runs while the pane is live
    bool m_running = false;
    CacheSnapshotPtr m_targetsOf;  // the snapshot m_report describes (rates only compare like with like)
    std::shared_ptr<const ActivityReport> m_report;
};

} // namespace hfcache
