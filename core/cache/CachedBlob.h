// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "BlobKind.h"
#include "EntryStat.h"

#include <QByteArray>

namespace hfcache {

// One file in a repo's blobs/ folder.
struct CachedBlob
{
    // payloadIndex when blobs/<name> is no link into the shared blob store, or one whose payload is gone.
    static constexpr qint32 NotShared = -1;
    static constexpr qint32 PayloadMissing = -2;

    QByteArray name;
    BlobKind kind = BlobKind::Invalid;
    EntryStat stat;         // its lstat: for a shared blob, the link's
    int snapshotLinks = 0;  // how many snapshot entries resolve to it; 0 = orphan
    // huggingface_hub >= 1.29: blobs/<name> links into the cache's shared blob store; the
    // payload is CachedRepo::sharedPayloads[payloadIndex].
    qint32 payloadIndex = NotShared;

    bool isShared() const { return payloadIndex != NotShared; }
};

} // namespace hfcache
