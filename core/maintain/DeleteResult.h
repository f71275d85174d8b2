// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "DeletePlan.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace hfcache {

// An item that stopped midway: what failed, and what of it is still on disk.
struct DeleteFailure
{
    QString item;           // DeleteItem::label()
    QByteArray path;        // absolute
    QString error;          // "cannot remove /x/y: Permission denied"
    QStringList left;       // what of the item is still there, in words
};

// What a check or an execution of a DeletePlan found and did.
struct DeleteResult
{
    // Set when nothing was changed because of `refusals` (files in use, held blob locks).
    bool refused = false;
    QList<DeleteNote> refusals;
    QList<DeleteNote> kept;      // left alone on purpose: active downloads, lock files waited on
    QList<DeleteNote> forced;    // in use, deleted anyway (--force)
    QList<DeleteFailure> failures;
    QStringList warnings;        // e.g. a file already gone
    // Set when whether some files are in use cannot be established (processes we may not
    // inspect): "whether 3 file(s) are in use is unknown: 12 process(es) of alice could not be
    // inspected". Refuses the plan unless Options::ignoreUninspected.
    QString unknownUse;
    int itemsDone = 0;
    int removed = 0;             // directory entries this process unlinked
    int alreadyGone = 0;         // planned entries another process had removed first (a concurrent rm or prune)
    quint64 bytesFreed = 0;      // st_blocks of the inodes whose last link this process removed

    bool ok() const { return !refused && failures.isEmpty(); }
};

// Progress of an execution, for a progress bar: called once per finished operation.
struct DeleteProgress
{
    int item = 0;
    int itemCount = 0;
    QString label;
    quint64 bytesFreed = 0;
};

} // namespace hfcache
