// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "DeleteOperation.h"
#include "activity/FileKey.h"
#include "cache/EntryStat.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace hfcache {

class JsonWriter;

// One line of a plan: a whole repo, one revision, or a repo's orphan / interrupted blobs, or the
// shared blob store's unreferenced payloads (cacheId and repoFolder empty); or, in another cache
// of HF_HOME, one target of `hfcache clean` (Cleanup).
struct DeleteItem
{
    enum class Kind : quint8 { Repo, Revision, Orphans, Incomplete, SharedBlobs, Cleanup };

    Kind kind = Kind::Repo;
    QString cacheId;            // "model/org/name"; Cleanup: what it is ("xet chunk cache of https://cas…")
    QByteArray repoFolder;      // "models--org--name"
    QByteArray commit;          // Revision
    QStringList refs;           // Revision: its refs (all go with it)
    QString reason;             // why prune chose it ("detached", "not accessed for 45 days"); empty for rm
    QList<DeleteOperation> operations;  // in execution order
    QList<QByteArray> paths;    // Cleanup: the folders and files it names, relative to the root
    // Bytes on disk (st_blocks) of what only this item frees (an inode shared by items counts in
    // the first that names it): contentFreed of them are content, the rest folders, refs,
    // snapshot links, lock files, listings and markers.
    quint64 bytesFreed = 0;
    quint64 contentFreed = 0;
    quint64 apparentFreed = 0;  // st_size of the same files
    // The content the item names as the scan counts it, which is the size the tree and `scan`
    // show for it: CachedRepo::sizeOnDisk (every blob and file of the repo once) for a repo,
    // CachedRevision::sizeOnDisk (every blob and file its snapshot uses once) for a revision, the
    // blobs for orphans and interrupted downloads. contentFreed is all of it unless some stays:
    // blobs shared with revisions that stay, hard-linked elsewhere, or freed with another item.
    quint64 contentSize = 0;
    int files = 0;              // blobs and files among them

    quint64 overheadFreed() const { return bytesFreed - contentFreed; }
    QString label() const;      // "model/org/name", "model/org/name@abc1234 (main, v1.0)", ...
    // "frees 12.3 MB: 12.2 MB of its 548.1 MB of content + 40.9 kB of folders, refs, links and lock files"
    QString freedText() const;
};

// A file kept although the selection named it (a download holds its lock), or refused.
struct DeleteNote
{
    QByteArray path;            // relative to the cache root
    QString reason;
};

// What a delete will do, computed from a scan without touching the cache: a value type that
// the CLI prints as a dry run and the GUI shows in its confirmation, then hands to DeleteExecutor.
struct DeletePlan
{
    // The cache root with its symlinks resolved once, when planned: what the plan shows and the
    // executor acts on (opened without following a link, then checked against the scan).
    QByteArray root;
    quint64 rootDevice = 0;     // the scanned root's identity (0: not known)
    quint64 rootInode = 0;
    QList<DeleteItem> items;
    QList<DeleteNote> kept;     // left alone on purpose (prune: active downloads)
    // Every inode the plan unlinks (files and folders), to count freed bytes once per inode.
    struct FreedFile
    {
        FileKey key;
        quint64 diskSize = 0;
        quint64 size = 0;
        quint32 nlink = 1;
        bool directory = false;
        bool content = false;   // a blob or file the scan counts in the item's contentSize
        int item = 0;           // index into items: whose bytesFreed it counts in
    };
    QList<FreedFile> freed;
    // Files whose users are checked before the first change: content (blobs, regular files in
    // snapshots; in use refuses the plan) and lock files (a process waiting on one keeps it).
    QHash<FileKey, QByteArray> contentFiles;  // key -> path relative to the root
    QHash<FileKey, QByteArray> lockFiles;
    // Those of lockFiles the scan saw as regular files with one link: the check identifies them
    // by a listing of their folder instead of a stat each (LockProber).
    QSet<FileKey> plainLockFiles;

    bool isEmpty() const { return items.isEmpty(); }
    // A lock file the plan removes or releases, as the scan saw it: into lockFiles (and plainLockFiles).
    void addLockFile(const EntryStat &st, const QByteArray &path);
    // Bytes on disk (st_blocks) freed: each inode once, and only when the plan removes all of its
    // links (a blob hard-linked elsewhere frees nothing). The sums of the items' figures, which
    // count each inode in one item (fillFreed).
    quint64 bytesFreed() const;
    quint64 apparentFreed() const;
    quint64 contentFreed() const;  // the content among bytesFreed()
    // Sets each item's bytesFreed, contentFreed and apparentFreed from `freed` (an inode shared
    // by items counts in the first that names it), in linear passes on every core.
    void fillFreed();
    int revisionCount() const;

    // The dry-run text shared by `hfcache rm/prune --dry-run` and the GUI confirmation.
    QString render() const;
    void writeJson(JsonWriter &json) const;
};

} // namespace hfcache
