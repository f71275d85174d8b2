// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeEntry.h"

namespace hfcache {

const char *entryRoleName(EntryRole role)
{
    static constexpr const char *names[EntryRoleCount] = {"folder", "data", "derived-cache", "lock",
                                                          "metadata", "temporary", "log", "other"};
    return names[int(role)];
}

} // namespace hfcache
