// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "activity/LocksMerge.h"

#include <QDialog>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace hfcache {

// File ▸ Open Cluster Locks Report…: a read-only view of many nodes' `hfcache locks --json`
// outputs (as srun, pdsh or clush gathered them, or `locks --merge --json`'s merged file).
// One tree like the Locks pane's: lock files with each holder's node, pid, command and user and
// the waiters, downloads in progress with their writers, and the processes using cached files.
class ClusterLocksDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column { ItemColumn, NodeColumn, PidColumn, UserColumn, CommandColumn };

    ClusterLocksDialog(const LocksMerge &merge, const QString &source, QWidget *parent = nullptr);


    // Reads and merges `path` (a gathered or merged file): call off the GUI thread.
    static LocksMerge load(const QString &path, QString *error);

private:
    void fill(QTreeWidgetItem *section, const QList<LocksMerge::Row> &rows, const QString &emptyText);

    QLabel *m_summary;
    QTreeWidget *m_tree;
    QTreeWidgetItem *m_locks;
    QTreeWidgetItem *m_downloads;
    QTreeWidgetItem *m_users;
};

} // namespace hfcache
