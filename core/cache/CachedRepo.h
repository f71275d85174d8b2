// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CachedBlob.h"
#include "CachedRef.h"
#include "CachedRevision.h"
#include "EntryStat.h"
#include "Finding.h"
#include "LocalDirRecord.h"
#include "RepoEntry.h"
#include "RepoType.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

#include <memory>

namespace hfcache {

// One repo folder of the hub cache, as scanned. Immutable once the scanner hands it out
// (shared as CachedRepoPtr between threads and views).
struct CachedRepo
{
    RepoType type = RepoType::Model;
    QString repoId;               // "org/name" or "gpt2"
    QByteArray folderName;        // "models--org--name"
    QByteArray path;              // absolute path of the repo folder
    EntryStat stat;

    QList<CachedBlob> blobs;          // sorted by name
    QList<CachedRef> refs;            // sorted by name
    QList<CachedRevision> revisions;  // sorted by commit
    QList<RepoEntry> locks;           // <root>/.locks/<folderName> (path "") and its files (path = file name)
    QList<RepoEntry> linkTargets;     // regular files that in-repo links (not to blobs/) end at; repo-relative
    // Payloads of the cache's shared blob store its blobs link to (CachedBlob::payloadIndex);
    // paths relative to the cache root ("blobs/<2>/<hash>").
    QList<RepoEntry> sharedPayloads;
    QList<RepoEntry> otherEntries;    // folders, refs/ sub-folders, .no_exist, trees, unknown entries
    Findings findings;

    // A folder written by snapshot_download(local_dir=...) / `hf download --local-dir` instead of
    // a repo folder of the hub cache: real files, no blobs/, refs/ or snapshots/. Its one
    // revision's entries are the files under `path` (snapshotPath() is `path` itself), `locks`
    // are its .cache/huggingface/download/*.lock files (paths relative to `path`, see
    // lockFilePath()), .incomplete downloads are in otherEntries, and `blobs` and `refs` stay empty.
    bool isLocalDir = false;
    QList<LocalDirRecord> localDirRecords;  // sorted by path
    // Where its bookkeeping was found, relative to `path`: LocalDirScan::BookkeepingFolder,
    // LegacyBookkeepingFolder (huggingface_hub 0.23.0), or empty when it has none.
    QByteArray localDirBookkeeping;

    // Sizes count every distinct file of the repo folder once (blobs including orphans and
    // .incomplete, regular files in snapshots). sizeReferenced is huggingface_hub's
    // size_on_disk: apparent size of the blobs some revision uses.
    quint64 sizeOnDisk = 0;
    quint64 sizeApparent = 0;
    quint64 sizeReferenced = 0;
    int nbFiles = 0;                // distinct blobs/files used by revisions
    qint64 lastAccessed = 0;        // newest atime / mtime of the used blobs (huggingface_hub's rule)
    qint64 lastModified = 0;
    qint64 lastRefChange = 0;       // newest mtime under refs/

    QString cacheId() const;        // "model/org/name"
    QStringList refNames() const;
    const CachedRevision *revision(const QByteArray &commit) const;
    // The target text of a snapshot symlink (rebuilds the canonical form when not stored).
    QByteArray linkTarget(const SnapshotEntry &entry) const;
    QByteArray snapshotPath(const CachedRevision &revision) const;
    QByteArray blobPath(const CachedBlob &blob) const;
    // The file holding a blob's bytes: blobs/<name> itself, or its shared payload; the stat of
    // that file, nullptr when a shared blob's payload is missing.
    QByteArray blobContentPath(const CachedBlob &blob) const;
    const EntryStat *blobContent(const CachedBlob &blob) const;
    QByteArray cacheRoot() const;   // the folder holding the repo folder
    int countFindings(Severity atLeast) const;
    // Where a file of `locks` is: <cacheRoot>/.locks/<folderName>/..., or inside a local_dir.
    QByteArray lockFilePath(const QByteArray &cacheRoot, const RepoEntry &lock) const;
    // The metadata of a local_dir file, or nullptr.
    const LocalDirRecord *localDirRecord(const QByteArray &relativePath) const;
    // The stat of the file whose content a snapshot entry has (blob, target or itself), or nullptr.
    const EntryStat *contentStat(const SnapshotEntry &entry) const;
};

using CachedRepoPtr = std::shared_ptr<const CachedRepo>;

} // namespace hfcache

// Repos travel in queued signals (scanner batches, live updates).
Q_DECLARE_METATYPE(hfcache::CachedRepoPtr)
