// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "DeletePlan.h"
#include "cache/CacheSnapshot.h"

#include <QHash>
#include <QMap>
#include <QSet>

namespace hfcache {

// Turns a selection (repos, revisions, orphan and interrupted blobs) into a DeletePlan with
// huggingface_hub's delete strategy: a repo whose every revision goes is deleted whole; else
// each revision's refs, its snapshot, then the blobs no remaining revision uses. Beyond
// huggingface_hub it also removes the revision's .no_exist/<commit> and trees/<commit>.json,
// and the lock files of what it deletes. Needs a scan made with keepEntries.
class DeletePlanner
{
public:
    explicit DeletePlanner(CacheSnapshotPtr snapshot) : m_snapshot(std::move(snapshot)) {}

    void addRepo(const CachedRepoPtr &repo, const QString &reason = {});
    void addRevision(const CachedRepoPtr &repo, const QByteArray &commit, const QString &reason = {});
    void addOrphans(const CachedRepoPtr &repo);
    void addIncomplete(const CachedRepoPtr &repo, const QByteArray &blobName);
    // What an interrupted delete of `commit` left once its snapshot was gone: .no_exist/<commit>
    // and trees/<commit>.json (its blobs are orphans by then; the item's reason says how many).
    void addLeftovers(const CachedRepoPtr &repo, const QByteArray &commit);
    void keep(const DeleteNote &note) { m_kept.append(note); }
    // The shared blob store's payloads no repo blob links to (SharedBlobPlanner::addUnreferenced).
    void addUnreferencedSharedBlobs() { m_unreferencedSharedBlobs = true; }

    // `threads`: how many plan the repos at once (0: one per core; 1: one thread).
    // The plan is the same for any count.
    [[nodiscard]] DeletePlan build(int threads = 0) const;

private:
    struct Selection
    {
        CachedRepoPtr repo;
        bool whole = false;
        QString reason;
        QMap<QByteArray, QString> revisions;  // commit -> reason
        bool orphans = false;
        QSet<QByteArray> incomplete;
        QList<QByteArray> leftovers;
    };
    Selection &selection(const CachedRepoPtr &repo);

    CacheSnapshotPtr m_snapshot;
    QList<Selection> m_selections;
    QHash<const CachedRepo *, int> m_selectionOf;  // into m_selections
    QList<DeleteNote> m_kept;
    bool m_unreferencedSharedBlobs = false;
};

} // namespace hfcache
