// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "NodeRef.h"

#include <QByteArray>
#include <QString>

#include <algorithm>

namespace hfcache {

// The plain values of one row of the cache tree: what a worker thread computes from an
// immutable CachedRepo and the model then shows. No pointers into the model, so rows can be
// built off the GUI thread and handed over by value.
struct TreeRow
{
    // What the rows below add up to: sizes, files, newest times, one owner or "mixed".
    struct Totals
    {
        static constexpr qint64 MixedOwners = -1;
        static constexpr qint64 NoOwner = -2;

        quint64 sizeOnDisk = 0;
        quint64 sizeApparent = 0;
        int files = 0;
        qint64 lastAccessed = 0;
        qint64 lastModified = 0;
        qint64 owner = NoOwner;

        void addOwner(uint uid)
        {
            if (owner == NoOwner)
                owner = uid;
            else if (owner != qint64(uid))
                owner = MixedOwners;
        }
        void addFile(quint64 onDisk, quint64 apparent, qint64 atime, qint64 mtime, uint uid)
        {
            sizeOnDisk += onDisk;
            sizeApparent += apparent;
            ++files;
            lastAccessed = std::max(lastAccessed, atime);
            lastModified = std::max(lastModified, mtime);
            addOwner(uid);
        }
    };

    NodeRef::Kind kind = NodeRef::Kind::None;
    int revision = -1;  // index into CachedRepo::revisions
    int entry = -1;     // index into CachedRevision::entries; -1 for implied folders
    QByteArray path;    // Folder, File: relative to the snapshot folder
    QString sortName;   // the shown name in lower case: what sorting by name compares
    Totals totals;
    int severity = -1;  // the worst Severity (as int) about the row or below it; -1 without findings
};

} // namespace hfcache
