// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "UserIdentity.h"
#include "cache/EntryStat.h"

#include <QList>
#include <QString>

namespace hfcache {

// One member of a shared cache's group, and whether they can open a lock file read-write, as
// filelock does (O_RDWR | O_CREAT): a member who cannot gets PermissionError instead of waiting.
struct MemberAccess
{
    QString user;
    bool writable = false;

    // Each of `members` (GroupMembers::of the cache's shared group) on a lock file with `stat`.
    static QList<MemberAccess> ofLock(const QList<UserIdentity> &members, const EntryStat &stat);
};

} // namespace hfcache
