// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

namespace hfcache {

// Who a process is, as far as /proc tells the caller: what the "in use by" and lock-holder
// columns show.
struct ProcessInfo
{
    qint64 pid = 0;
    QString name;       // /proc/<pid>/comm
    QString cmdline;    // arguments joined by spaces (empty for kernel threads or when unreadable)
    quint32 uid = 0;    // effective uid
    QString user;       // name of uid, or the number when it has none (a container's uid)
    qint64 startTime = 0;  // seconds since the epoch; 0 when unknown
    bool exists = true;    // false: the pid came from /proc/locks but the process is gone
    QString host;          // set only for a process of another machine (a soft lock's holder)

    // "pid 1234 python3 (alice)"; another machine's: "pid 1234 on node7"
    QString describe() const;
    // "pid 1234 python3 (alice), pid 1240 ..."
    static QString describeAll(const QList<ProcessInfo> &processes);
};

} // namespace hfcache
