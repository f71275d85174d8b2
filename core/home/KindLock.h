// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "activity/LockFileState.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace hfcache {

// One lock file of a cache kind with who holds it and who waits on it, or a lock the kind's
// library expects that is not there (an evaluate process that never started).
struct KindLock
{
    QByteArray relativePath;   // to the kind's root
    qint32 group = -1;         // the kind's item (KindSnapshot::groups), -1 when none
    bool present = true;
    QString purpose;           // in the kind's words ("process 1 of 3", "rendezvous"); empty when it has none
    QList<std::pair<QString, QString>> details;  // ("process", "1"), ("processes", "3") for scripts
    LockFileState state;       // present locks only (its members: in a shared cache, every member of its group)
    // The pid of every open seen while hfcache listened (LockOpeners), holders included: filelock
    // polls by opening, so this is who waits on it and how often it tried.
    QList<qint64> openedBy;

    void setDetail(const QString &name, const QString &value) { details.append({name, value}); }
};

} // namespace hfcache
