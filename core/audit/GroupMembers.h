// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "UserIdentity.h"

#include <QList>

namespace hfcache {

// Everyone in a group: its listed members and the users whose primary group it is (the group
// database lists only the first). Who a shared cache must let in, each with all their groups.
namespace GroupMembers {

QList<UserIdentity> of(quint32 gid);

} // namespace GroupMembers

} // namespace hfcache
