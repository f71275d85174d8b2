// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeSnapshot.h"

namespace hfcache {

quint64 HomeSnapshot::sizeOnDisk() const
{
    quint64 total = 0;
    for (const KindSnapshotPtr &kind : kinds)
        total += kind->sizeOnDisk;
    return total;
}

KindSnapshotPtr HomeSnapshot::kind(const QString &id) const
{
    for (const KindSnapshotPtr &kind : kinds) {
        if (kind->location.kindId == id)
            return kind;
    }
    return nullptr;
}

} // namespace hfcache
