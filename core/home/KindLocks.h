// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "KindLock.h"
#include "KindSnapshot.h"
#include "cache/Finding.h"

#include <QList>

namespace hfcache {

// The lock files of one cache root (HomeLocks), as its kind judged them (CacheKind::judgeLocks).
struct KindLocks
{
    KindSnapshotPtr snapshot;  // where, what decided it, the items the locks belong to
    // What lock paths are relative to: the kind's root, or the folder of a root that is a file
    // (the token's lock sits beside it).
    QByteArray folder;
    qint64 sharedGroup = -1;   // gid of a shared cache (SharedGroupRule); -1: private
    QList<KindLock> locks;     // in path order; expected-but-missing locks beside their siblings
    Findings findings;         // the kind's judgement of its locks taken together

    int heldCount() const;
    int presentCount() const;
    QByteArray path(const KindLock &lock) const
    {
        QByteArray path;
        pathInto(path, lock);
        return path;
    }
    // The same into `out`, whose room is kept: a listing of 100,000 locks allocates once.
    void pathInto(QByteArray &out, const KindLock &lock) const
    {
        out.resize(0);
        out.append(folder).append('/').append(lock.relativePath);
    }
};

} // namespace hfcache
