// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace hfcache {

// One cluster-wide view from many nodes' `hfcache locks --json` outputs, as the cluster's own
// launcher gathers them (srun, pdsh, clush: concatenated, or each line prefixed with "node: ").
// Files of a shared cache line up by (cache_key, rel_path), whatever each node's mount point.
class LocksMerge
{
public:
    // Who, on which node, holds, waits on, writes or uses something.
    struct Process
    {
        QString node;
        qint64 pid = 0;
        QString process;
        QString cmdline;
        QString user;
        QString host;  // a soft lock's holder on a machine that did not report
    };
    struct Row
    {
        QString cacheKey;
        QString relPath;   // lock file, download or used file, relative to the cache
        QString repoId;
        QString kind;      // locks: "flock" or "soft"; downloads: "active" or "interrupted"
        QString detail;    // soft lock: "stale: ..."; download: size
        QList<Process> holders;  // locks: holders; downloads: writers; in use: users
        QList<Process> waiters;
    };

    // Reads every node report in `input`; false and *error when a report is not JSON.
    [[nodiscard]] bool add(const QByteArray &input, QString *error);
    // Reports already parsed (the GUI's merged file).
    void addReport(const QJsonObject &report, const QString &label = {});

    QStringList nodes() const { return m_nodes; }
    int freeLocks() const { return m_freeLocks; }
    const QList<Row> &locks() const { return m_locks; }
    const QList<Row> &downloads() const { return m_downloads; }
    const QList<Row> &inUse() const { return m_inUse; }

    // {format: "hfcache-locks-merged/1", nodes, free_locks, locks, downloads, in_use}: a file
    // `add` reads back (the GUI opens it).
    QJsonObject toJson() const;

private:
    Row &row(QList<Row> &rows, const QJsonObject &item, const QString &cacheKey);

    QStringList m_nodes;
    int m_freeLocks = 0;
    QList<Row> m_locks;
    QList<Row> m_downloads;
    QList<Row> m_inUse;
};

} // namespace hfcache
