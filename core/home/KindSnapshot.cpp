// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "KindSnapshot.h"

#include <algorithm>

namespace hfcache {

int KindSnapshot::problemCount() const
{
    return int(std::count_if(findings.cbegin(), findings.cend(),
                             [](const Finding &f) { return f.severity != Severity::Info; }));
}

const HomeGroup *KindSnapshot::group(const QByteArray &key) const
{
    const auto it = std::lower_bound(groups.cbegin(), groups.cend(), key,
                                     [](const HomeGroup &g, const QByteArray &k) { return g.key < k; });
    return it != groups.cend() && it->key == key ? &*it : nullptr;
}

} // namespace hfcache
