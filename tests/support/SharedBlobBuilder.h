// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CacheBuilder.h"

#include <QByteArray>

// Writes huggingface_hub's cross-repo shared blob store the way the library does (spec:
// hf-home-reference.md §7.2; huggingface_hub PR #4498, src/huggingface_hub/utils/_shared_blobs.py on
// branch agent/shared-blob-symlink-manifests). The client cannot run here without hf_xet, so
// this follows its functions step by step; each step names the one it follows.
class SharedBlobBuilder
{
public:
    explicit SharedBlobBuilder(CacheBuilder &cache) : m_cache(cache) {}

    // A Xet file hash for `content`: 64 hex like the real one (a stand-in: the library only
    // checks the shape, _XET_HASH_REGEX).
    static QByteArray xetHash(const QByteArray &content);
    // publish_blob_to_shared_store() for a first download, try_link_from_shared_store() when the
    // payload is there already: payload, manifest line, lock, then repoFolder/blobs/<etag> as
    // the relative link. Returns the etag (the content's sha256, as for any Xet/LFS file).
    QByteArray addSharedBlob(const QByteArray &repoFolder, const QByteArray &content);
    // The payload, manifest and lock paths (relative to the cache root) of `content`.
    static QByteArray payloadPath(const QByteArray &content);

private:
    void ensureStore();

    CacheBuilder &m_cache;
};
