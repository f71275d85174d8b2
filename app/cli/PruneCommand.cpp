// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "PruneCommand.h"

#include "CliOptions.h"
#include "CliApplication.h"
#include "DeleteFlow.h"
#include "cache/CacheScan.h"
#include "maintain/ProcInUseChecker.h"
#include "maintain/PrunePlanner.h"
#include "util/DurationText.h"

#include <QDateTime>

namespace hfcache {

namespace {

// The prune of one command line: planned on the scan, then DeleteFlow.
class PruneJob : public HubCacheCommand::Job
{
public:
    PruneJob(const QCommandLineParser &parser, const PruneOptions &options) : m_parser(parser), m_options(options) {}

    int run(const CacheSnapshotPtr &snapshot, CliContext &context) override
    {
        const ProcInUseChecker inUse;
        const DeletePlan plan = PrunePlanner::plan(snapshot, m_options, QDateTime::currentSecsSinceEpoch(), &inUse);
        return DeleteFlow::run(plan, m_parser, context, DeleteFlow::Mode::Prune);
    }

private:
    const QCommandLineParser &m_parser;
    PruneOptions m_options;
};

} // namespace

void PruneCommand::addCommandOptions(QCommandLineParser &parser) const
{
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

std::unique_ptr<HubCacheCommand::Job> PruneCommand::parse(const QCommandLineParser &parser, CliContext &context) const
{
    if (!parser.positionalArguments().isEmpty()) {
        CliApplication::printError(context, QStringLiteral("prune takes no arguments (use hfcache rm for targets)"));
        return nullptr;
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
            return nullptr;
        }
        options.olderThanSeconds = *seconds;
    }
    if (parser.isSet(QStringLiteral("keep-latest"))) {
        bool ok = false;
        options.keepLatest = parser.value(QStringLiteral("keep-latest")).toInt(&ok);
        if (!ok || options.keepLatest < 0) {
            CliApplication::printError(context, QStringLiteral("invalid --keep-latest '%1' (a number >= 0)")
                                                    .arg(parser.value(QStringLiteral("keep-latest"))));
            return nullptr;
        }
    }
    return std::make_unique<PruneJob>(parser, options);
}

} // namespace hfcache
