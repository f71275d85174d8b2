// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "FileKey.h"
#include "FileUse.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>

#include <functional>

namespace hfcache {

// Which processes have which files open (/proc/<pid>/fd) or mapped (/proc/<pid>/maps).
// Sees what the caller may read: everything as root, the caller's own processes otherwise.
// Processes that exit meanwhile are skipped; ones we may not inspect are counted.
class ProcessFiles
{
public:
    struct Result
    {
        QHash<FileKey, QList<FileUse>> uses;  // only keys of `interesting`
        int processes = 0;                    // inspected
        int unreadable = 0;                   // /proc/<pid>/fd or maps denied to us
        QList<qint64> unreadablePids;         // those processes
    };

    // `ownPid` is left out: our own scans and lock probes are not users of the cache.
    static Result scan(const QSet<FileKey> &interesting, const QByteArray &procRoot = "/proc",
                       qint64 ownPid = -1);
    // The same for the files `isInteresting` accepts, for a caller that has them in another
    // table (no copy of 100k keys into a set).
    static Result scan(const std::function<bool(const FileKey &)> &isInteresting, const QByteArray &procRoot,
                       qint64 ownPid);

    // The (device, inode) pairs of the file-backed lines of a maps file.
    static QList<FileKey> parseMaps(const QByteArray &maps);
};

} // namespace hfcache
