// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "GroupIndex.h"
#include "HomeEntry.h"
#include "HomeGroup.h"
#include "KindLocation.h"
#include "cache/EntryStat.h"
#include "cache/Finding.h"

#include <QHash>
#include <QList>
#include <QString>

#include <memory>

namespace hfcache {

// Bytes and entries one user owns in a cache.
struct OwnerUsage
{
    quint32 uid = 0;
    quint64 sizeOnDisk = 0;
    int entries = 0;
};

// The result of one scan of one cache kind's root: immutable once made, shared between threads.
struct KindSnapshot
{
    KindLocation location;
    bool exists = false;          // the root (the token: the file) was there
    bool pending = false;         // a placeholder whose scan has not ended (HomeScanOptions::onProgress)
    QString sameFolderAs;         // another kind's id when both resolve to one folder: scanned once, as that kind
    EntryStat rootStat;
    QList<HomeEntry> entries;     // every entry below the root, sorted by path (empty without keepEntries)
    QList<HomeGroup> groups;      // the kind's items, in the order the scan met them (sortedGroups() for lists)
    GroupIndex groupIndex;        // key -> index into groups
    Findings findings;
    quint64 sizeOnDisk = 0;       // every file (not folder) once per (device, inode)
    quint64 sizeApparent = 0;
    int entryCount = 0;           // entries below the root, folders included
    int lockCount = 0;
    QList<OwnerUsage> owners;     // biggest first
    qint64 durationMs = 0;

    int problemCount() const;     // findings that are warnings or errors
    // "alice 1.2 GB, bob 4.1 kB, +2 more": the `named` biggest owners, then `more` ("+%1 more",
    // translated by the window) with the count of the rest.
    QString ownersText(int named, const QString &more) const;
    const HomeGroup *group(const QByteArray &key) const;
    qint32 indexOfGroup(QByteArrayView key) const { return groupIndex.find(groups, key); }  // -1: none
    // The items by key, for listings: sorted only when shown (a datasets cache may hold a million
    // downloads, and a summary needs no order).
    QList<const HomeGroup *> sortedGroups() const;
};

using KindSnapshotPtr = std::shared_ptr<const KindSnapshot>;

} // namespace hfcache
