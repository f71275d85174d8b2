// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "PrunePlanner.h"

#include "ActiveDownloads.h"
#include "DeletePlanner.h"
#include "LockProbe.h"
#include "cache/BlobKind.h"
#include "cache/BlobLock.h"
#include "util/UniqueFd.h"

#include <QHash>
#include <QStringList>

#include <algorithm>
#include <fcntl.h>

namespace hfcache {

qint64 PrunePlanner::lastAccess(const CachedRepo &repo, const CachedRevision &revision)
{
    qint64 newest = 0;
    for (const SnapshotEntry &entry : revision.entries) {
        if (const EntryStat *content = repo.contentStat(entry))
            newest = std::max(newest, content->atime);
    }
    return newest ? newest : revision.stat.mtime;
}

QList<const CachedRevision *> PrunePlanner::newestFirst(const CachedRepo &repo)
{
    // When a ref last moved to each commit: huggingface_hub rewrites a ref file only when its
    // commit changes, while any download into a snapshot bumps the folder's mtime.
    QHash<QByteArray, qint64> refMoved;
    QByteArray mainCommit;
    for (const CachedRef &ref : repo.refs) {
        qint64 &moved = refMoved[ref.commit];
        moved = std::max(moved, ref.stat.mtime);
        if (ref.name == QLatin1String("main"))
            mainCommit = ref.commit;
    }
    struct Ranked
    {
        const CachedRevision *revision;
        bool main;
        qint64 refMoved;
        qint64 accessed;
    };
    QList<Ranked> ranked;
    ranked.reserve(repo.revisions.size());
    for (const CachedRevision &revision : repo.revisions) {
        ranked.append({&revision, !mainCommit.isEmpty() && revision.commit == mainCommit,
                       revision.isDetached() ? 0 : refMoved.value(revision.commit), lastAccess(repo, revision)});
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked &a, const Ranked &b) {
        if (a.main != b.main)
            return a.main;
        if (a.refMoved != b.refMoved)
            return a.refMoved > b.refMoved;
        if (a.accessed != b.accessed)
            return a.accessed > b.accessed;
        return a.revision->stat.mtime > b.revision->stat.mtime;
    });
    QList<const CachedRevision *> order;
    order.reserve(ranked.size());
    for (const Ranked &r : std::as_const(ranked))
        order.append(r.revision);
    return order;
}

namespace {

// What prune would take of one repo, before asking which repos a download works in.
struct Wanted
{
    CachedRepoPtr repo;
    QList<QPair<QByteArray, QString>> revisions;  // commit, reason
    QList<QByteArray> incomplete;
};

// The revisions of `repo` the criteria select, with why; those a ref protects go to `kept`.
QList<QPair<QByteArray, QString>> selectedRevisions(const CachedRepo &repo, const PruneOptions &options, qint64 now,
                                                    QList<DeleteNote> *kept)
{
    QList<QPair<QByteArray, QString>> selected;
    const QList<const CachedRevision *> order = PrunePlanner::newestFirst(repo);
    for (int rank = 0; rank < order.size(); ++rank) {
        const CachedRevision &revision = *order[rank];
        QStringList reasons;
        if (options.detached) {
            if (!revision.isDetached())
                continue;
            reasons << QStringLiteral("detached");
        }
        if (options.olderThanSeconds >= 0) {
            const qint64 idle = now - PrunePlanner::lastAccess(repo, revision);
            if (idle < options.olderThanSeconds)
                continue;
            reasons << QStringLiteral("not accessed for %1 day(s)").arg(idle / 86400);
        }
        if (options.keepLatest >= 0) {
            if (rank < options.keepLatest)
                continue;
            reasons << QStringLiteral("not among the %1 newest: #%2 of %3").arg(options.keepLatest).arg(rank + 1)
                           .arg(order.size());
        }
        if (!revision.isDetached() && !options.includeRefs) {
            kept->append({repo.folderName + "/snapshots/" + revision.commit,
                          (revision.refs.size() == 1 ? QStringLiteral("ref %1 points to it (it matched: %2); "
                                                                      "--include-refs prunes it too")
                                                     : QStringLiteral("refs %1 point to it (it matched: %2); "
                                                                      "--include-refs prunes it too"))
                              .arg(revision.refs.join(QStringLiteral(", ")), reasons.join(QStringLiteral(", ")))});
            continue;
        }
        selected.append({revision.commit, reasons.join(QStringLiteral(", "))});
    }
    return selected;
}

// The interrupted downloads of `repo` whose blob lock is free; those held or unprobeable go to `kept`.
QList<QByteArray> freeIncomplete(const CacheSnapshot &snapshot, int rootFd, const CachedRepo &repo, QList<DeleteNote> *kept)
{
    QList<QByteArray> names;
    for (const CachedBlob &blob : repo.blobs) {
        if (blob.kind != BlobKind::Incomplete)
            continue;
        const QByteArray lock = BlobLock::relativeLockPath(repo.folderName, incompleteEtag(blob.name));
        QString why;
        const LockProbe::State state = LockProbe::probe(rootFd, snapshot.root, lock, &why);
        if (state == LockProbe::State::Free)
            names.append(blob.name);
        else
            kept->append({repo.folderName + "/blobs/" + blob.name,
                          state == LockProbe::State::Held ? QStringLiteral("a download in progress holds its blob lock") : why});
    }
    return names;
}

} // namespace

DeletePlan PrunePlanner::plan(const CacheSnapshotPtr &snapshot, const PruneOptions &given, qint64 now,
                              const InUseChecker *inUse)
{
    PruneOptions options = given;
    // What `hf cache prune` does: since huggingface_hub #4797 that includes the shared store's
    // unreferenced payloads, which --orphans takes too.
    const bool sharedOrphans = options.isEmpty() || options.orphans;
    if (options.isEmpty())
        options.detached = options.incomplete = true;

    const UniqueFd rootFd(::open(snapshot->root.constData(), O_PATH | O_DIRECTORY | O_CLOEXEC));  // lock probes only
    QList<Wanted> wanted;
    QList<DeleteNote> kept;
    for (const CachedRepoPtr &repo : snapshot->repos) {
        Wanted w{repo, {}, {}};
        if (options.selectsRevisions())
            w.revisions = selectedRevisions(*repo, options, now, &kept);
        if (options.incomplete)
            w.incomplete = freeIncomplete(*snapshot, rootFd.get(), *repo, &kept);
        if (options.orphans || !w.revisions.isEmpty() || !w.incomplete.isEmpty())
            wanted.append(w);
    }

    QList<QByteArray> folders;
    for (const Wanted &w : std::as_const(wanted))
        folders.append(w.repo->folderName);
    const QHash<QByteArray, QString> busy = ActiveDownloads::find(snapshot->root, folders, inUse).busy;

    DeletePlanner planner(snapshot);
    for (const DeleteNote &note : std::as_const(kept))
        planner.keep(note);
    for (const Wanted &w : std::as_const(wanted)) {
        if (busy.contains(w.repo->folderName)) {
            // It may link any blob next, into a snapshot that has no ref yet: nothing of it goes.
            planner.keep({w.repo->folderName, QStringLiteral("a download in progress works in this repo (%1); "
                                                             "nothing of it is pruned")
                                                  .arg(busy.value(w.repo->folderName))});
            continue;
        }
        for (const auto &revision : w.revisions)
            planner.addRevision(w.repo, revision.first, revision.second);
        if (options.orphans)
            planner.addOrphans(w.repo);
        for (const QByteArray &name : w.incomplete)
            planner.addIncomplete(w.repo, name);
    }
    if (sharedOrphans)
        planner.addUnreferencedSharedBlobs();
    return planner.build();
}

} // namespace hfcache
