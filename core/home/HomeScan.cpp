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
    QList<std::pair<const CacheKind *, qsizetype>> toScan;  // kind, index into home->kinds
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
            toScan.append({kind, home->kinds.size()});
        }
        home->kinds.append(placeholder);
    }
    // The kinds side by side: one big datasets cache would otherwise keep every other root
    // waiting, and each walk has stretches on one core (listing a folder, visiting its entries).
    KindSnapshotPtr *results = home->kinds.data();  // detached here, once: each thread writes its own slots
    std::atomic<qsizetype> next{0};
    runInParallel(0, toScan.size(), [&] {
        for (qsizetype i; (i = next.fetch_add(1)) < toScan.size();) {
            const auto &[kind, index] = toScan[i];
            results[index] = kind->scan(results[index]->location, options);
        }
    });
    home->durationMs = timer.elapsed();
    qCDebug(lcScan) << "scanned" << home->kinds.size() << "cache roots in" << home->durationMs << "ms";
    return home;
}

} // namespace hfcache
