// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeScan.h"

#include "CacheKinds.h"
#include "cache/ScanLog.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>

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
        if (earlier != scannedBy.constEnd()) {
            auto shared = std::make_shared<KindSnapshot>();
            shared->location = location;
            shared->sameFolderAs = *earlier;
            home->kinds.append(shared);
            continue;
        }
        scannedBy.insert(location.path, location.kindId);
        home->kinds.append(kind->scan(location, options));
    }
    home->durationMs = timer.elapsed();
    qCDebug(lcScan) << "scanned" << home->kinds.size() << "cache roots in" << home->durationMs << "ms";
    return home;
}

} // namespace hfcache
