// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "cache/EntryStat.h"

#include <QByteArray>
#include <QString>

namespace hfcache {

// A file whose activity is inspected: a lock file, a download in progress, or cached content
// (a blob, a regular file in a snapshot).
struct WatchedFile
{
    enum class Kind : quint8 { LockFile, Incomplete, Content };

    Kind kind = Kind::Content;
    QByteArray path;      // absolute
    QString repoId;       // "org/name"; for a local_dir: the folder
    QString cacheId;      // "model/org/name"; for a local_dir: the folder (groups findings)
    EntryStat stat;       // from the scan
    QByteArray lockPath;  // Incomplete: the lock its downloader holds (may not exist yet)
};

} // namespace hfcache
