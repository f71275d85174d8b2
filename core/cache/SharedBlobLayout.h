// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>

namespace hfcache {

// The names of huggingface_hub's cross-repo shared blob store (PR #4498, on by default since
// #4797, >= 1.29; opt-out HF_HUB_DISABLE_SHARED_BLOBS=1), as utils/_shared_blobs.py spells them
// (spec: hf-home-reference.md §7.2). In the cache root: blobs/.huggingface-shared-blobs holding
// "1\n"; blobs/<hash[:2]>/<hash> the payload (a Xet file hash, 64 hex), <hash>.refs its manifest
// (one "<repo folder>/blobs/<etag>" per line), <hash>.lock its flock (<hash>.lock.soft where flock
// is missing). A repo's blobs/<etag> is the relative link "../../blobs/<hash[:2]>/<hash>".
// Pure naming rules: the helper checks paths with them too.
class SharedBlobLayout
{
public:
    static constexpr const char *Folder = "blobs";
    static constexpr const char *Marker = ".huggingface-shared-blobs";
    static constexpr const char *MarkerContent = "1\n";
    static constexpr const char *ManifestSuffix = ".refs";
    static constexpr const char *LockSuffix = ".lock";
    static constexpr const char *SoftLockSuffix = ".lock.soft";

    enum class Entry { Payload, Manifest, Lock, SoftLock, Other };

    static bool isXetHash(const QByteArray &name);       // 64 lowercase hex
    static bool isPrefixFolder(const QByteArray &name);  // 2 lowercase hex
    // What a file in blobs/<prefix>/ is; *hash gets the payload hash it belongs to.
    static Entry classify(const QByteArray &prefix, const QByteArray &name, QByteArray *hash);
    // "blobs/ab/ab12..." (relative to the cache root); the manifest and lock add their suffix.
    static QByteArray payloadPath(const QByteArray &hash);
    // The payload hash the link text of <repoFolder>/blobs/<etag> names, resolved lexically in
    // the cache root; empty when it is not a link into the store (absolute, elsewhere, odd name).
    static QByteArray hashOfLink(const QByteArray &target);
    // A manifest line "<repo folder>/blobs/<etag>": true when it has that shape.
    static bool isManifestLine(const QByteArray &line);

    // The modes the library gives (from the cache root's permission bits `rootMode`):
    // _shared_blob_mode(): a payload (and the marker) is read-only, 0400 plus group and other
    // read when the root lets them search it; _shared_directory_mode(): the store's folders
    // mirror the root (with setgid and sticky); manifests and locks are 0666 for every user.
    static quint32 payloadMode(quint32 rootMode);
    static quint32 folderMode(quint32 rootMode) { return rootMode & 07777; }
    static constexpr quint32 SharedFileMode = 0666;
};

} // namespace hfcache
