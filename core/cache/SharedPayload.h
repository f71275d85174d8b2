// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "EntryStat.h"

#include <QByteArray>
#include <QList>

namespace hfcache {

// One content hash of the shared blob store (SharedBlobLayout): its payload, manifest and lock
// files as scanned, and the repo blobs the scan found linking to it. Any of the files may be
// missing (inode 0): a manifest left after its payload went, a lock of an abandoned publication.
struct SharedPayload
{
    QByteArray hash;
    EntryStat stat;                  // blobs/<2>/<hash>
    EntryStat manifestStat;          // <hash>.refs
    EntryStat lockStat;              // <hash>.lock
    EntryStat softLockStat;          // <hash>.lock.soft: there while held where flock is missing, or left by a killed holder
    bool manifestRead = false;       // the manifest is there and could be read
    QList<QByteArray> manifestRefs;  // its lines: "<repo folder>/blobs/<etag>"
    QList<QByteArray> linkedBy;      // "<repo folder>/blobs/<etag>" links the scan found to it, sorted
    // Manifest lines naming a repo folder the scan could not read whole: references it cannot
    // rule out, so they keep the payload.
    QList<QByteArray> uncheckedRefs;

    bool hasPayload() const { return stat.isRegularFile(); }
};

} // namespace hfcache
