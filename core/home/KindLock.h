// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "activity/LockFileState.h"
#include "audit/MemberAccess.h"
#include "cache/EntryStat.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <utility>

namespace hfcache {

// One lock file of a cache kind with who holds it and who waits on it, or a lock the kind's
// library expects that is not there (an evaluate process that never started). A datasets cache
// has a hundred thousand of them, nearly all free: a free lock is its scan entry's facts and
// nothing more; only a lock something happens to has an `activity`.
struct KindLock
{
    QByteArray relativePath;   // to KindLocks::folder
    EntryStat stat;            // as scanned (present locks only)
    qint32 group = -1;         // the kind's item (KindSnapshot::groups), -1 when none
    bool present = true;
    bool writable = false;     // the current user can open it O_RDWR, as every waiter must
    bool plainPath = false;    // HomeEntry::plainPath
    QList<MemberAccess> members;  // in a shared cache: whether each member of its group can too
    QString purpose;           // in the kind's words ("process 1 of 3", "rendezvous"); empty when it has none
    QList<std::pair<QString, QString>> details;  // ("process", "1"), ("processes", "3") for scripts
    // Holders, waiters, soft-lock marker: null when nobody holds it, waits on it or has it open.
    std::shared_ptr<LockFileState> activity;
    // The pid of every open seen while hfcache listened (LockOpeners), holders included: filelock
    // polls by opening, so this is who waits on it and how often it tried.
    QList<qint64> openedBy;

    bool held() const { return activity && activity->held; }
    bool isSoft() const { return activity && activity->isSoft; }
    const QList<ProcessInfo> &holders() const;
    const QList<ProcessInfo> &waiters() const;
    void setDetail(const QString &name, const QString &value) { details.append({name, value}); }
};

} // namespace hfcache
