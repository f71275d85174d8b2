// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeLocations.h"

#include "CacheKinds.h"

#include <QDir>

namespace hfcache {

bool HomeLocations::parseExtraRoot(const QString &spec, KindLocation *location, QString *error)
{
    const qsizetype equals = spec.indexOf(QLatin1Char('='));
    const QString kindId = spec.left(equals);
    if (equals <= 0 || equals == spec.size() - 1) {
        *error = QStringLiteral("--root '%1': expected KIND=DIR (kinds: %2)").arg(spec, CacheKinds::idList());
        return false;
    }
    if (!CacheKinds::find(kindId)) {
        *error = QStringLiteral("--root '%1': unknown cache kind '%2' (kinds: %3)").arg(spec, kindId, CacheKinds::idList());
        return false;
    }
    *location = {kindId, spec.mid(equals + 1), QStringLiteral("--root")};
    if (location->path.startsWith(QLatin1Char('~')))
        location->path = CacheLocations::expandUser(location->path, QProcessEnvironment::systemEnvironment());
    return true;
}

QList<KindLocation> HomeLocations::resolve(const HomeEnvironment &env, const QList<KindLocation> &extraRoots)
{
    QList<KindLocation> locations;
    for (const auto &kind : CacheKinds::all()) {
        locations.append(kind->locate(env));
        for (const KindLocation &extra : extraRoots) {
            if (extra.kindId == kind->id())
                locations.append(extra);
        }
    }
    for (KindLocation &location : locations)
        location.path = QDir::cleanPath(QDir::current().absoluteFilePath(location.path));
    return locations;
}

} // namespace hfcache
