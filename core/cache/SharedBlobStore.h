// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "EntryStat.h"
#include "RepoEntry.h"
#include "SharedPayload.h"

#include <QList>

namespace hfcache {

// The shared blob store of a hub cache as scanned (SharedBlobScan): present only when
// <root>/blobs is a folder holding the marker huggingface_hub writes.
struct SharedBlobStore
{
    bool present = false;
    QList<SharedPayload> payloads;    // sorted by hash
    QList<RepoEntry> otherEntries;    // the marker, prefix folders and anything else (root-relative)

    const SharedPayload *payload(const QByteArray &hash) const;
    // The payloads whose manifests and links name no repo blob any more (what prune offers,
    // like huggingface_hub's unreferenced_shared_blobs(): a payload without a readable
    // manifest is never taken for unreferenced).
    QList<const SharedPayload *> unreferenced() const;
    // Whether `payload` keeps a reference when the repo blobs `leaving` go: a link the scan
    // found, or a manifest line it could not check.
    static bool isReferencedBeyond(const SharedPayload &payload, const QList<QByteArray> &leaving);
};

} // namespace hfcache
