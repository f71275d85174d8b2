// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "cache/EntryStat.h"

#include <QByteArray>

namespace hfcache {

// What an entry is for in its cache: decided by the kind from its name and place.
enum class EntryRole : quint8 { Folder, Data, DerivedCache, Lock, Metadata, Temporary, Log, Other };
constexpr int EntryRoleCount = 8;

// "folder", "data", "derived-cache", "lock", "metadata", "temporary", "log", "other"
const char *entryRoleName(EntryRole role);

// One entry below a cache root, with the lstat it was seen with (never the target of a link).
struct HomeEntry
{
    QByteArray path;     // relative to the kind's root, raw bytes
    EntryStat stat;
    qint32 group = -1;   // index into KindSnapshot::groups, -1 when the entry belongs to none
    EntryRole role = EntryRole::Other;
    // PathText::isPlainName(path): shown as it is. Decided while the scan has the path at hand,
    // not by a table of 100,000 rows reaching for names scattered over the heap.
    bool plainPath = false;
};

} // namespace hfcache

Q_DECLARE_TYPEINFO(hfcache::HomeEntry, Q_RELOCATABLE_TYPE);  // as HomeGroup: lists of a million grow in place
