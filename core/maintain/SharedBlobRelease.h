// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "DeleteOperation.h"

#include <QByteArray>
#include <QString>

namespace hfcache {

// Carries out a SharedBlob or SharedManifest operation the way huggingface_hub's
// sweep_shared_blob() does, after the plan's links to the payload are gone: under the payload's
// flock (<hash>.lock, opened read-write and made 0666 like the library's), the references are
// read again: the manifest's lines and the links the scan saw (op.usedBy), each counting only
// while it is still a link to this payload. None left: the payload, its manifest and its lock
// file go (the lock while we hold it, unless a process waits on it). Else the manifest is
// rewritten with what is left (a temporary renamed over it, 0666). A missing or unreadable
// manifest is never grounds for deletion.
class SharedBlobRelease
{
public:
    struct Outcome
    {
        bool ok = true;
        QString error;      // when !ok: "cannot remove /x/y: reason"
        QString kept;       // the payload stays although the plan expected it to go: why
        int removed = 0;    // directory entries unlinked
        quint64 bytes = 0;  // st_blocks of the inodes whose last link went
    };

    // `rootFd`: the verified cache root; `prefixFd`: its blobs/<2>/ (opened from it without
    // following a link); `root` for messages. `keepLockFile`: a process waits on the lock.
    static Outcome run(int rootFd, int prefixFd, const QByteArray &root, const DeleteOperation &op, bool keepLockFile);
};

} // namespace hfcache
