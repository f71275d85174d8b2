// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "ProcessInfo.h"

#include <QByteArray>
#include <QHash>
#include <QList>

namespace hfcache {

// Reads process identities from /proc, remembering each one for the life of the table (one
// inspection). Processes may exit between listing and reading: they are then reported as
// gone, never as an error.
class ProcessTable
{
public:
    explicit ProcessTable(QByteArray procRoot = "/proc");

    QList<qint64> pids() const;
    ProcessInfo info(qint64 pid);

private:
    ProcessInfo read(qint64 pid) const;

    QByteArray m_procRoot;
    qint64 m_bootTime = 0;
    QHash<qint64, ProcessInfo> m_cache;
};

} // namespace hfcache
