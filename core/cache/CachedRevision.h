// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "EntryStat.h"
#include "SnapshotEntry.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace hfcache {

// One folder snapshots/<commit>/ and what belongs to it.
struct CachedRevision
{
    QByteArray commit;            // folder name (normally 40 hex)
    QStringList refs;             // sorted; empty = detached
    EntryStat stat;               // of snapshots/<commit>
    QList<SnapshotEntry> entries; // files, links and sub-folders, sorted by path
    QList<QByteArray> noExist;    // .no_exist/<commit>/<path> markers, paths relative to that folder
    bool hasTreeListing = false;  // trees/<commit>.json exists

    quint64 sizeOnDisk = 0;       // each blob / file counted once
    quint64 sizeApparent = 0;
    int nbFiles = 0;              // files and links (not folders)
    qint64 lastModified = 0;      // as huggingface_hub: newest mtime of its files' blobs, else the snapshot folder's

    bool isDetached() const { return refs.isEmpty(); }
};

} // namespace hfcache
