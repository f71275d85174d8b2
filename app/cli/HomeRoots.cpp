// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeRoots.h"

#include "CliApplication.h"
#include "CliOptions.h"
#include "home/HomeLocations.h"

#include <QFile>

namespace hfcache {

const QCommandLineOption &HomeRoots::rootOption()
{
    static const QCommandLineOption option(QStringLiteral("root"),
                                           QStringLiteral("Another folder of a cache kind, e.g. datasets=/scratch/ds "
                                                          "(repeatable)."),
                                           QStringLiteral("KIND=DIR"));
    return option;
}

bool HomeRoots::resolve(const QCommandLineParser &parser, const HomeEnvironment &env, CliContext &context,
                        QList<KindLocation> *locations)
{
    QList<KindLocation> extras;
    for (const QString &spec : parser.values(rootOption())) {
        KindLocation extra;
        QString error;
        if (!HomeLocations::parseExtraRoot(spec, &extra, &error)) {
            CliApplication::printError(context, error);
            return false;
        }
        extras.append(extra);
    }
    *locations = HomeLocations::resolve(env, extras);
    if (parser.isSet(CliOptions::cacheDir())) {  // what every other command would use
        for (KindLocation &location : *locations) {
            if (location.kindId == QLatin1String("hub") && location.source != QLatin1String("--root")) {
                location.path = QFile::decodeName(CliApplication::cacheDir(parser));
                location.source = QStringLiteral("--cache-dir");
            }
        }
    }
    return true;
}

} // namespace hfcache
