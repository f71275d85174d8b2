// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "home/HomeSnapshot.h"

#include <QHash>
#include <QString>

#include <memory>
#include <vector>

namespace hfcache {

// A HomeSnapshot with the orders the window shows it in, computed once on the thread pool: a
// datasets cache may hold a million downloads, and sorting or grouping them on the GUI thread
// would freeze the window. Immutable once built.
class HomeListing
{
public:
    // The entries of no item are listed under a row of their own, after the items.
    static constexpr qint32 NoItem = -1;

    struct Kind
    {
        KindSnapshotPtr snapshot;
        QString name;              // CacheKind::displayName()
        QString owners;            // "alice 1.2 GB, bob 4.1 kB, +2 more" (names looked up off the GUI thread)
        int problems = 0;          // KindSnapshot::problemCount(), counted once: rows repaint often
        std::vector<qint32> items; // group indexes, biggest first (then by key); NoItem last when such entries exist
        std::vector<qint32> entryStart;  // per group index, then one slot for NoItem: offsets into `entries`
        std::vector<qint32> entries;     // entry indexes, item by item, each item's in path order
        std::vector<qint32> locks;       // entry indexes of the lock files, in path order

        int entryCount(qint32 group) const;
        qint32 entryAt(qint32 group, int row) const;
    };

    // Blocks: run it on the thread pool, after the scan. A kind `previous` (the listing of a
    // partial snapshot, HomeScanOptions::onProgress) already lists is taken from it.
    static std::shared_ptr<const HomeListing> build(const HomeSnapshotPtr &snapshot, const HomeListing *previous = nullptr);

    // "alice", or "uid 1234" for an unknown one: looked up with the listing (NSS may ask LDAP).
    QString userName(quint32 uid) const;
    QString groupName(quint32 gid) const;

    HomeSnapshotPtr snapshot;
    std::vector<Kind> kinds;
    QHash<quint32, QString> users;   // every owner of a root or an entry
    QHash<quint32, QString> groups;
};

using HomeListingPtr = std::shared_ptr<const HomeListing>;

} // namespace hfcache
