// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "SharedGroupRule.h"

#include "GroupMembers.h"

#include <algorithm>
#include <sys/stat.h>

namespace hfcache {

std::optional<quint32> SharedGroupRule::sharedGroup(const EntryStat &root, const MemberUids &memberUids)
{
    const quint32 mode = root.permissions();
    if (mode & S_ISGID)
        return root.gid;
    if (!(mode & S_IWGRP) || (mode & S_IWOTH))
        return std::nullopt;
    const QList<quint32> members = memberUids(root.gid);  // only asked for here: it reads the user database
    const bool someoneElse = std::any_of(members.cbegin(), members.cend(), [&root](quint32 uid) { return uid != root.uid; });
    return someoneElse ? std::optional<quint32>(root.gid) : std::nullopt;
}

std::optional<quint32> SharedGroupRule::sharedGroup(const EntryStat &root)
{
    return sharedGroup(root, [](quint32 gid) {
        QList<quint32> uids;
        for (const UserIdentity &member : GroupMembers::of(gid))
            uids.append(member.uid);
        return uids;
    });
}

} // namespace hfcache
