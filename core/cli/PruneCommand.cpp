// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "PruneCommand.h"

#include "CliApplication.h"
#include "DeleteFlow.h"
#include "cache/CacheScan.h"
#include "maintain/ProcInUseChecker.h"
#include "maintain/PrunePlanner.h"
#include "util/DurationText.h"

#include <QDateTime>

namespace hfcache {

void PruneCommand::addOptions(QCommandLineParser &parser) const
{
    CliApplication::addCacheDirOption(parser);
    parser.addOptions({
        {QStringLiteral("detached"), QStringLiteral("Revisions no ref points to.")},
        {QStringLiteral("incomplete"), QStringLiteral("Interrupted downloads (active ones, whose blob lock is held, stay).")},
        {QStringLiteral("orphans"), QStringLiteral("Blobs no revision uses.")},
        {QStringLiteral("older-than"), QStringLiteral("Revisions not accessed for DUR (30d, 12h, 2w, 6mo, 1y)."), QStringLiteral("DUR")},
        {QStringLiteral("keep-latest"), QStringLiteral("All but the N newest revisions of each repo (main's first, then by "
                                                       "when a ref moved to it, then by last access)."), QStringLiteral("N")},
        {QStringLiteral("include-refs"), QStringLiteral("Let --older-than and --keep-latest also take revisions a branch, "
                                                        "tag or PR ref points to (kept otherwise, and listed).")},
    });
    DeleteFlow::addOptions(parser, false);
}

int PruneCommand::run(const QCommandLineParser &parser, CliContext &context) const
{
    if (!parser.positionalArguments().isEmpty()) {
        CliApplication::printError(context, QStringLiteral("prune takes no arguments (use hfcache rm for targets)"));
        return ExitUsage;
    }
    PruneOptions options;
    options.detached = parser.isSet(QStringLiteral("detached"));
    options.incomplete = parser.isSet(QStringLiteral("incomplete"));
    options.orphans = parser.isSet(QStringLiteral("orphans"));
    options.includeRefs = parser.isSet(QStringLiteral("include-refs"));
    if (parser.isSet(QStringLiteral("older-than"))) {
        const QString text = parser.value(QStringLiteral("older-than"));
        const auto seconds = DurationText::parseSeconds(text);
        if (!seconds) {
            CliApplication::printError(context, QStringLiteral("--older-than: invalid duration '%1' (%2)").arg(text, DurationText::expected()));
            return ExitUsage;
        }
        options.olderThanSeconds = *seconds;
    }
    if (parser.isSet(QStringLiteral("keep-latest"))) {
        bool ok = false;
        options.keepLatest = parser.value(QStringLiteral("keep-latest")).toInt(&ok);
        if (!ok || options.keepLatest < 0) {
            CliApplication::printError(context, QStringLiteral("invalid --keep-latest '%1' (a number >= 0)")
                                                    .arg(parser.value(QStringLiteral("keep-latest"))));
            return ExitUsage;
        }
    }
    const CacheSnapshotPtr snapshot = CliApplication::scanCacheDir(parser, context);
    if (!snapshot)
        return ExitUsage;
    const ProcInUseChecker inUse;
    const DeletePlan plan = PrunePlanner::plan(snapshot, options, QDateTime::currentSecsSinceEpoch(), &inUse);
    return DeleteFlow::run(plan, parser, context, DeleteFlow::Mode::Prune);
}

} // namespace hfcache
