// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "cache/EntryStat.h"

#include <QByteArray>

namespace hfcache {

// One step of a path, as namei -l shows it: the entry's own lstat, and for a symbolic link
// above the cache root the stat of where it leads (what the permission check uses).
struct PathComponent
{
    QByteArray path;      // absolute
    EntryStat stat;
    EntryStat target;     // == stat unless a symlink
    bool known = true;    // false: not in the scan and not stat'ed (shown as "?")

    const EntryStat &effective() const { return stat.isSymlink() ? target : stat; }
};

} // namespace hfcache
