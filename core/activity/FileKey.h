// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QHashFunctions>
#include <QtGlobal>

namespace hfcache {

// Identifies a file the way the kernel does in /proc/locks and /proc/<pid>/maps: (st_dev, st_ino).
// Paths cannot be compared there, and hard links or renames do not change the key.
struct FileKey
{
    quint64 device = 0;
    quint64 inode = 0;

    friend bool operator==(const FileKey &a, const FileKey &b) { return a.device == b.device && a.inode == b.inode; }
    friend size_t qHash(const FileKey &key, size_t seed = 0) { return qHashMulti(seed, key.device, key.inode); }
};

} // namespace hfcache
