// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "cache/EntryStat.h"

#include <QList>

#include <functional>
#include <optional>

namespace hfcache {

// Whether a cache root is shared with a group: one rule for doctor's policy, the GROUP WRITABLE
// column of `locks` and everything else that asks, decided from the root alone, never from who
// looks at it.
//   - setgid on the root: the team-folder convention (chgrp G + chmod g+s), shared with its group;
//   - else group-writable and not world-writable (world-writable is "anyone", not a group), and
//     its group has a member other than the root's owner. A user private group (Debian and
//     Fedora give every user a group of their own, with umask 002) makes each folder 0775
//     without sharing it with anyone.
class SharedGroupRule
{
public:
    // The uids in a group: its listed members and the users whose primary group it is.
    using MemberUids = std::function<QList<quint32>(quint32 gid)>;

    static std::optional<quint32> sharedGroup(const EntryStat &root, const MemberUids &memberUids);
    // With the group and user databases (GroupMembers).
    static std::optional<quint32> sharedGroup(const EntryStat &root);
};

} // namespace hfcache
