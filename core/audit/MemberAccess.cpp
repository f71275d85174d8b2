// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "MemberAccess.h"

#include "AccessCheck.h"

namespace hfcache {

QList<MemberAccess> MemberAccess::ofLock(const QList<UserIdentity> &members, const EntryStat &stat)
{
    QList<MemberAccess> access;
    access.reserve(members.size());
    for (const UserIdentity &member : members)
        access.append({member.name, AccessCheck::allows(member, stat, AccessCheck::Read | AccessCheck::Write)});
    return access;
}

} // namespace hfcache
