// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DatasetItemLookup.h"

#include "CliApplication.h"
#include "HomeRoots.h"
#include "Suggestion.h"
#include "cache/EntryStat.h"
#include "export/DatasetExportSource.h"
#include "home/HomeEnvironment.h"
#include "home/HomeScan.h"
#include "util/PathText.h"

#include <QDir>
#include <QFile>

#include <fcntl.h>

namespace hfcache {

std::optional<DatasetItemLookup::Found> DatasetItemLookup::find(const QCommandLineParser &parser, const QString &item,
                                                                CliContext &context)
{
    const HomeEnvironment env;
    QList<KindLocation> locations;
    if (!HomeRoots::resolve(parser, env, context, &locations))
        return std::nullopt;
    QList<KindLocation> datasets;
    for (const KindLocation &location : std::as_const(locations)) {
        if (location.kindId == QLatin1String("datasets"))
            datasets << location;
    }
    QByteArray key = PathText::encode(item);
    while (key.endsWith('/'))
        key.chop(1);
    const QString keyProblem = DatasetExportSource::keyProblem(key);
    for (const KindLocation &location : std::as_const(datasets)) {
        if (!keyProblem.isEmpty())
            break;
        const QByteArray root = QFile::encodeName(location.path);
        EntryStat stat;
        if (EntryStat::lstatAt(AT_FDCWD, root + '/' + key, &stat) && stat.isDirectory())
            return Found{root, key};
    }
    // Not a folder of any datasets cache: the builder items there are, for "did you mean".
    HomeScanOptions options;
    options.keepEntries = false;
    const QString hfHome = QDir::cleanPath(QDir::current().absoluteFilePath(env.hub().hfHome));
    const HomeSnapshotPtr home = HomeScan::run(hfHome, datasets, options, QStringLiteral("datasets"));
    QStringList builders;
    for (const KindSnapshotPtr &kind : home->kinds) {
        for (const HomeGroup &group : kind->groups) {
            if (group.type == QLatin1String("builder"))
                builders << PathText::display(group.key);
        }
    }
    QStringList roots;
    for (const KindLocation &location : std::as_const(datasets))
        roots << location.path;
    QString message = !keyProblem.isEmpty() ? keyProblem
                                            : QStringLiteral("no builder item '%1' in the datasets cache %2")
                                                  .arg(item, roots.join(QStringLiteral(", ")));
    const QString suggestion = Suggestion::didYouMean(item, builders);
    message += suggestion.isEmpty() ? QStringLiteral(" ('hfcache home --kind datasets' lists them)")
                                    : QStringLiteral("; did you mean %1?").arg(suggestion);
    CliApplication::printError(context, message);
    return std::nullopt;
}

} // namespace hfcache
