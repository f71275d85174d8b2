// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeScan.h"

#include "CacheKinds.h"
#include "cache/ScanLog.h"
#include "util/Parallel.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>

#include <atomic>
#include <mutex>
#include <utility>

namespace hfcache {

HomeSnapshotPtr HomeScan::run(const QString &hfHome, const QList<KindLocation> &locations,
                              const HomeScanOptions &options, const QString &onlyKind)
{
    QElapsedTimer timer;
    timer.start();
    auto home = std::make_shared<HomeSnapshot>();
    home->hfHome = hfHome;
    home->scannedAtMs = QDateTime::currentMSecsSinceEpoch();
    QHash<QString, QString> scannedBy;  // path -> kind id
    struct ToScan
    {
        const CacheKind *kind;
        KindLocation location;
        qsizetype index;  // into home->kinds
    };
    QList<ToScan> toScan;
    for (const KindLocation &location : locations) {
        const CacheKind *kind = CacheKinds::find(location.kindId);
        if (options.kindsScannedElsewhere.contains(location.kindId)) {
            if (!scannedBy.contains(location.path))
                scannedBy.insert(location.path, location.kindId);
            continue;
        }
        if (!kind || (!onlyKind.isEmpty() && location.kindId != onlyKind))
            continue;
        const auto earlier = scannedBy.constFind(location.path);
        if (earlier != scannedBy.constEnd() && *earlier == location.kindId)
            continue;  // --root naming a kind's own folder again
        auto placeholder = std::make_shared<KindSnapshot>();
        placeholder->location = location;
        if (earlier != scannedBy.constEnd()) {
            placeholder->sameFolderAs = *earlier;
        } else {
            scannedBy.insert(location.path, location.kindId);
            toScan.append({kind, location, home->kinds.size()});
            placeholder->pending = true;
        }
        home->kinds.append(placeholder);
    }
    std::mutex progressLock;  // home->kinds, and one onProgress call at a time
    const auto reportProgress = [&] {
        if (!options.onProgress)
            return;
        auto partial = std::make_shared<HomeSnapshot>(*home);
        partial->durationMs = timer.elapsed();
        options.onProgress(partial);
    };
    reportProgress();
    // The kinds side by side: one big datasets cache would otherwise keep every other root
    // waiting, and each walk has stretches on one core (listing a folder, visiting its entries).
    std::atomic<qsizetype> next{0};
    runInParallel(0, toScan.size(), [&] {
        for (qsizetype i; (i = next.fetch_add(1)) < toScan.size();) {
            const ToScan &job = toScan.at(i);
            KindSnapshotPtr scanned = job.kind->scan(job.location, options);
            const std::lock_guard<std::mutex> locked(progressLock);
            home->kinds[job.index] = std::move(scanned);  // detaches from a partial snapshot shared with onProgress
            reportProgress();
        }
    });
    home->durationMs = timer.elapsed();
    qCDebug(lcScan) << "scanned" << home->kinds.size() << "cache roots in" << home->durationMs << "ms";
    return home;
}

} // namespace hfcache
