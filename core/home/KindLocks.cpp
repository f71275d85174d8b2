// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "KindLocks.h"

#include <algorithm>

namespace hfcache {

int KindLocks::heldCount() const
{
    return int(std::count_if(locks.cbegin(), locks.cend(), [](const KindLock &l) { return l.present && l.held(); }));
}

int KindLocks::presentCount() const
{
    return int(std::count_if(locks.cbegin(), locks.cend(), [](const KindLock &l) { return l.present; }));
}

} // namespace hfcache
