#include "PrunePlanner.h"

#include "DeletePlanner.h"
#include "LockProbe.h"
#include "cache/BlobKind.h"
#include "util/BlobLock.h"
#include "util/UniqueFd.h"

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

DeletePlan PrunePlanner::plan(const CacheSnapshotPtr &snapshot, const PruneOptions &given, qint64 now)
{
    PruneOptions options = given;
    if (options.isEmpty())
        options.detached = options.incomplete = true;  // what `hf cache prune` does

    DeletePlanner planner(snapshot);
    const UniqueFd rootFd(::open(snapshot->root.constData(), O_PATH | O_DIRECTORY | O_CLOEXEC));  // lock probes only
    for (const CachedRepoPtr &repo : snapshot->repos) {
        if (options.selectsRevisions()) {
            // Newest first, for --keep-latest.
            QList<const CachedRevision *> byAge;
            for (const CachedRevision &revision : repo->revisions)
                byAge.append(&revision);
            std::stable_sort(byAge.begin(), byAge.end(), [](const CachedRevision *a, const CachedRevision *b) {
                return a->lastModified > b->lastModified;
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
            const QByteArray lock = BlobLock::relativeLockPath(repo->folderName, incompleteEtag(blob.name));
            QString why;
            const LockProbe::State state = LockProbe::probe(rootFd.get(), snapshot->root, lock, &why);
            if (state == LockProbe::State::Free)
                planner.addIncomplete(repo, blob.name);
            else
                planner.keep({repo->folderName + "/blobs/" + blob.name,
                              state == LockProbe::State::Held ? QStringLiteral("a download in progress holds its blob lock")
                                                              : why});
        }
    }
    return planner.build();
}

} // namespace hfcache
