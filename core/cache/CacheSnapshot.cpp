// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CacheSnapshot.h"

#include <algorithm>

namespace hfcache {

CachedRepoPtr CacheSnapshot::repo(const QString &cacheId) const
{
    for (const CachedRepoPtr &r : repos) {
        if (r->cacheId() == cacheId)
            return r;
    }
    return nullptr;
}

int CacheSnapshot::totalRevisions() const
{
    int total = 0;
    for (const CachedRepoPtr &r : repos)
        total += int(r->revisions.size());
    return total;
}

int CacheSnapshot::countFindings(Severity atLeast) const
{
    int total = int(std::count_if(findings.cbegin(), findings.cend(),
                                  [atLeast](const Finding &f) { return f.severity >= atLeast; }));
    for (const CachedRepoPtr &r : repos)
        total += r->countFindings(atLeast);
    return total;
}

} // namespace hfcache
