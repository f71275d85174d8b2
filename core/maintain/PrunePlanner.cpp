#include "PrunePlanner.h"

#include "DeletePlanner.h"
#include "LockProbe.h"
#include "cache/BlobKind.h"

#include <QStringList>

#include <algorithm>

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

DeletePlan PrunePlanner::plan(const CacheSnapshotPtr &snapshot, const PruneOptions &given, qint64 now)
{
    PruneOptions options = given;
    if (options.isEmpty())
        options.detached = options.incomplete = true;  // what `hf cache prune` does

    DeletePlanner planner(snapshot);
    for (const CachedRepoPtr &repo : snapshot->repos) {
        if (options.selectsRevisions()) {
            // Newest first, for --keep-latest: by snapshot folder, as before lastModified followed
            // huggingface_hub's blob times (blobs shared between revisions would tie).
            QList<const CachedRevision *> byAge;
            for (const CachedRevision &revision : repo->revisions)
                byAge.append(&revision);
            std::stable_sort(byAge.begin(), byAge.end(), [](const CachedRevision *a, const CachedRevision *b) {
                return a->stat.mtime > b->stat.mtime;
            });
            for (int rank = 0; rank < byAge.size(); ++rank) {
                const CachedRevision &revision = *byAge[rank];
                QStringList reasons;
                if (options.detached) {
                    if (!revision.isDetached())
                        continue;
                    reasons << QStringLiteral("detached");
                }
                if (options.olderThanSeconds >= 0) {
                    const qint64 idle = now - lastAccess(*repo, revision);
                    if (idle < options.olderThanSeconds)
                        continue;
                    reasons << QStringLiteral("not accessed for %1 day(s)").arg(idle / 86400);
                }
                if (options.keepLatest >= 0) {
                    if (rank < options.keepLatest)
                        continue;
                    reasons << QStringLiteral("not among the %1 newest").arg(options.keepLatest);
                }
                planner.addRevision(repo, revision.commit, reasons.join(QStringLiteral(", ")));
            }
        }
        if (options.orphans)
            planner.addOrphans(repo);
        if (!options.incomplete)
            continue;
        for (const CachedBlob &blob : repo->blobs) {
            if (blob.kind != BlobKind::Incomplete)
                continue;
            const QByteArray lock = ".locks/" + repo->folderName + '/' + incompleteEtag(blob.name) + ".lock";
            if (LockProbe::isHeld(snapshot->root + '/' + lock))
                planner.keep({repo->folderName + "/blobs/" + blob.name,
                              QStringLiteral("a download in progress holds its blob lock")});
            else
                planner.addIncomplete(repo, blob.name);
        }
    }
    return planner.build();
}

} // namespace hfcache
