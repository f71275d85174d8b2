// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "cache/Finding.h"
#include "home/KindSnapshot.h"

#include <QHash>
#include <QList>

namespace hfcache {

// Temporary files and folders (EntryRole::Temporary: xet .mdb_temp/.tmp and session folders,
// datasets <hash>.incomplete/ and tmp* of map(), downloads' .incomplete, torch .partial) left by
// processes that are gone: not written for a while, no process has any of their files open (or
// mapped), and nobody holds or waits on the lock of their item (/proc/locks). core/activity
// reads /proc, once for every kind.
class StaleTemporaries
{
public:
    static constexpr qint64 DefaultQuietSeconds = 3600;

    // `stale-temporary` findings by kind snapshot; entries last written at or after
    // `writtenBefore` (seconds since the epoch) are left alone whatever /proc says.
    static QHash<const KindSnapshot *, Findings> find(const QList<KindSnapshotPtr> &kinds, qint64 writtenBefore);
};

} // namespace hfcache
