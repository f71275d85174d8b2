// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QtGlobal>

namespace hfcache {

// What a row of the HF_HOME tree shows: a cache kind, one of its items, or an entry of an item.
struct HomeNode
{
    enum class Level { None, Kind, Item, Entry };

    Level level = Level::None;
    int kind = -1;        // index into HomeListing::kinds
    qint32 group = -1;    // index into KindSnapshot::groups; HomeListing::NoItem for the entries of no item
    qint32 entry = -1;    // index into KindSnapshot::entries

    bool isValid() const { return level != Level::None; }
};

} // namespace hfcache
