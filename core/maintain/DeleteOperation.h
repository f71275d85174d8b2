// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace hfcache {

// One change a delete plan makes. Paths are relative to the cache root and are opened one
// component at a time (O_NOFOLLOW), so a link planted in the cache cannot redirect a delete.
struct DeleteOperation
{
    enum class Kind : quint8 {
        Ref,         // refs/<name>: first, so no ref ever names a half-deleted snapshot
        Snapshot,    // snapshots/<commit>/ and everything in it (links before the folder)
        NoExist,     // .no_exist/<commit>/
        TreeListing, // trees/<commit>.json
        Blob,        // blobs/<etag>, under its blob lock, after the links that used it
        Incomplete,  // blobs/<etag>[.<8hex>].incomplete, under its blob lock
        RepoRest,    // whatever the repo folder still holds, then the folder (never blobs/ files)
        LockFile,    // .locks/<repo>/<etag>.lock, when nobody holds or waits on it
        LockFolder,  // .locks/<repo>/ once empty
        // The other caches of HF_HOME (hfcache clean):
        HomeFile,    // a file or link; with lockPath, under that lock (a dead .incomplete's builder lock)
        HomeFolder,  // a folder once empty: it stays when something in it stays (a lock a process waits on)
        // huggingface_hub >= 1.29's shared store, after the links to it (SharedBlobPlanner):
        SharedBlob,    // blobs/<2>/<hash> with its .refs and .lock, once nothing links to it
        SharedManifest // blobs/<2>/<hash>.refs without the links that went (other repos still link to it)
    };

    Kind kind = Kind::Ref;
    QByteArray path;
    QByteArray lockPath;        // Blob, Incomplete, LockFile, HomeFile: the lock to hold while deleting
    // Blob: the revisions of this plan whose links use it; it stays when one of them failed.
    // SharedBlob, SharedManifest: the repo blob links ("<repo>/blobs/<etag>") that stay.
    QList<QByteArray> usedBy;
    quint64 device = 0;         // identity from the scan, re-checked before unlinking (0: any)
    quint64 inode = 0;

    static const char *kindName(Kind kind);  // "ref", "snapshot", ...
    QString describe(const QByteArray &root) const;  // "blob /cache/models--x/blobs/abc"

};

} // namespace hfcache
