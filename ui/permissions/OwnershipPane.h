// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "common/LatestResult.h"
#include "audit/AuditReport.h"
#include "cache/CacheSnapshot.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace hfcache {

class WindowHost;

// Who owns what in the scanned cache and who may use it: root, repos and their entries with
// owner, group and mode, the entries the audit objects to in red, and for the selected path the
// `namei -l` chain that decides read and write. The audit runs on the thread pool from the
// window's last snapshot; the why-path stats its components there too.
class OwnershipPane : public QWidget
{
    Q_OBJECT
public:
    enum Column { PathColumn, OwnerColumn, GroupColumn, ModeColumn, OctalColumn, StatusColumn };

    // Docks itself under the browser.
    explicit OwnershipPane(WindowHost &host);

    // The read and write chains of `path` for `user`, stat'ed now (blocking: call off the GUI thread).
    static QString whyPathText(const QByteArray &path, const UserIdentity &user);

Q_SIGNALS:
    void whyPathShown();

private:
    enum Role { RepoIndexRole = Qt::UserRole + 1, PopulatedRole, BadRole };
    // What the audit says of one path: its worst finding.
    struct EntryStatus
    {
        QString text;
        bool bad = false;
    };
    struct Result;
    static Result audit(const CacheSnapshotPtr &snapshot);
    void refresh();
    void showResult(const Result &result);
    QTreeWidgetItem *addRow(QTreeWidgetItem *parent, const QByteArray &path, const QString &label, const EntryStat &stat);
    void setStatus(QTreeWidgetItem *item, const QString &text, bool bad);
    void populateRepo(QTreeWidgetItem *repoItem);
    void showWhyPath();
    void requestRepair();

    WindowHost &m_host;
    QLabel *m_summary;
    QTreeWidget *m_tree;
    QPlainTextEdit *m_why;
    QPushButton *m_repair;
    AuditReport m_report;
    CacheSnapshotPtr m_snapshot;  // the audited one: rows of a repo are made from it on expansion
    QHash<QByteArray, EntryStatus> m_statusOfPath;
    QHash<quint32, QString> m_users;
    QHash<quint32, QString> m_groups;
    LatestResult m_audits;  // drops audits and why-paths that a newer audit overtook
};

} // namespace hfcache
