// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HomeEntry.h"
#include "cache/EntryStat.h"

#include <QByteArray>
#include <QList>

namespace hfcache {

// parts[0] / ... / parts[count - 1]
QByteArray joinedPath(const QList<QByteArray> &parts, qsizetype count);

// One entry as KindScan meets it, for CacheKind::classify(): no path is built for it unless
// the kind needs one.
struct WalkedEntry
{
    int dirFd;                          // the folder holding it: read a small file with KindScan::readSmallFile
    const QList<QByteArray> &parents;   // the folders from the root down to the one holding it
    const QByteArray &name;
    const EntryStat &stat;
    qint32 folderGroup;                 // the group of the folder holding it (-1: none)

    int depth() const { return int(parents.size()); }
    // parents[0] / ... / parents[count - 1]
    QByteArray parentPath(qsizetype count) const;
    // The entry's path relative to the root.
    QByteArray path() const;
};

// What the kind says about an entry: its role, and the item (group) it belongs to. A folder's
// entries start from its group (WalkedEntry::folderGroup).
struct Placement
{
    EntryRole role = EntryRole::Other;
    qint32 group = -1;
    bool descend = true;   // folders only: walk inside
};

} // namespace hfcache
