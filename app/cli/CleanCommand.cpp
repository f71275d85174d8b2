// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CleanCommand.h"

#include "CliApplication.h"
#include "CliOptions.h"
#include "DeleteFlow.h"
#include "HomeRoots.h"
#include "ScanFilter.h"
#include "Suggestion.h"
#include "home/CacheKinds.h"
#include "home/HomeEnvironment.h"
#include "home/HomeScan.h"
#include "cache/RepoTarget.h"
#include "maintain/DeletePlanner.h"
#include "maintain/HomeCleanPlanner.h"
#include "maintain/ProcInUseChecker.h"

#include <QDir>
#include <QSet>

#include <optional>

namespace hfcache {

namespace {

const QString KindOption = QStringLiteral("kind");
const QString DatasetOption = QStringLiteral("dataset");
const QString ShardLimitOption = QStringLiteral("shard-limit");
const QString WithHubRepoOption = QStringLiteral("with-hub-repo");

// An indented table for error messages; "word: description" lines for --help, which wraps them itself.
QString targetsHelp(bool table = true)
{
    QString text;
    for (const HomeCleanTargets::Info &info : HomeCleanTargets::all())
        text += table ? QStringLiteral("  %1  %2\n").arg(QLatin1String(info.word), -20).arg(QLatin1String(info.description))
                      : QStringLiteral("%1: %2\n").arg(QLatin1String(info.word), QLatin1String(info.description));
    return text;
}

// The kinds to scan: only those the targets clean (the hub cache's scan is the longest and not needed).
QSet<QString> kindsNeeded(const QList<HomeCleanTarget> &targets, const QStringList &kinds, bool datasets)
{
    QSet<QString> needed(kinds.cbegin(), kinds.cend());
    if (datasets)
        needed.insert(QStringLiteral("datasets"));
    for (const HomeCleanTarget target : targets) {
        const QString kind = QLatin1String(HomeCleanTargets::info(target).kind);
        if (kind == QLatin1String("legacy"))
            needed.unite({QStringLiteral("sentence_transformers"), QStringLiteral("transformers_legacy"), QStringLiteral("torch_hub")});
        else
            needed.insert(kind);
    }
    return needed;
}

// The hub repos of the --dataset names (dataset/NAMESPACE/NAME), planned as `rm` plans them, with
// --with-hub-repo; without it, a note that they stay. False after printing why the hub cache
// could not be scanned.
bool addHubRepos(const QStringList &datasets, const QCommandLineParser &parser, CliContext &context,
                 HomeCleanPlanner::Result *planned)
{
    if (!parser.isSet(WithHubRepoOption)) {
        for (const QString &dataset : datasets)
            planned->hints << QStringLiteral("the hub repo of %1, if cached, stays: 'hfcache rm dataset/%1' or "
                                             "--with-hub-repo removes it").arg(dataset);
        return true;
    }
    const CacheSnapshotPtr hub = CliApplication::scanCacheDir(parser, context);
    if (!hub)
        return false;
    DeletePlanner planner(hub);
    for (const QString &dataset : datasets) {
        QString error;
        const auto matches = RepoTarget::resolveArgument(QStringLiteral("dataset/") + dataset, *hub, &error);
        if (!matches) {
            planned->hints << QStringLiteral("no hub repo of %1: %2").arg(dataset, error);
            continue;
        }
        for (const RepoTarget::Resolved &match : *matches)
            planner.addRepo(match.repo);
    }
    const DeletePlan plan = planner.build();
    if (!plan.isEmpty())
        planned->plans.append(plan);
    return true;
}

} // namespace

void CleanCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("TARGET"),
                                 QStringLiteral("What to delete, one or more of:\n%1").arg(targetsHelp(false)), QStringLiteral("[TARGET...]"));
    parser.addOption({KindOption,
                      QStringLiteral("Delete a whole cache, everything its layout knows (the folder itself stays; not the hub "
                                     "cache: rm and prune; never the token): %1. Repeatable.").arg(CacheKinds::idList()),
                      QStringLiteral("KIND")});
    parser.addOption({DatasetOption,
                      QStringLiteral("Delete a dataset from the datasets cache (NAMESPACE/NAME or NAME): its builder folders and "
                                     "lock files; its hub repo stays unless --with-hub-repo. Repeatable."),
                      QStringLiteral("NAME")});
    parser.addOption({WithHubRepoOption,
                      QStringLiteral("With --dataset: delete its hub repo datasets--NAMESPACE--NAME too, as 'hfcache rm' "
                                     "would (blobs a download locks stay).")});
    parser.addOption({ShardLimitOption,
                      QStringLiteral("With xet-shards (implied): trim each xet shard cache to SIZE, oldest shards first "
                                     "(default 16 GiB, hf_xet's own limit)."),
                      QStringLiteral("SIZE")});
    parser.addOption(CliOptions::cacheDir());
    parser.addOption(HomeRoots::rootOption());
    DeleteFlow::addOptions(parser, false);
}

namespace {

// What to clean, as the command line says it (parse step).
struct CleanRequest
{
    QList<HomeCleanTarget> targets;
    QStringList kinds;
    QStringList datasets;
    std::optional<quint64> shardLimit;
};

std::optional<CleanRequest> parseRequest(const QCommandLineParser &parser, CliContext &context)
{
    CleanRequest request;
    for (const QString &word : parser.positionalArguments()) {
        const auto target = HomeCleanTargets::fromWord(word);
        if (!target) {
            const QString suggestion = Suggestion::didYouMean(word, HomeCleanTargets::words());
            CliApplication::printError(context, QStringLiteral("unknown clean target '%1'%2; targets:\n%3")
                                                    .arg(word, suggestion.isEmpty() ? QString() : QStringLiteral(" (did you mean %1?)").arg(suggestion),
                                                         targetsHelp()));
            return std::nullopt;
        }
        if (!request.targets.contains(*target))
            request.targets.append(*target);
    }
    if (parser.isSet(ShardLimitOption)) {
        const auto limit = ScanFilter::parseSize(parser.value(ShardLimitOption));
        if (!limit) {
            CliApplication::printError(context, QStringLiteral("--shard-limit: '%1' is not a size (e.g. 500M, 16G)")
                                                    .arg(parser.value(ShardLimitOption)));
            return std::nullopt;
        }
        request.shardLimit = quint64(*limit);
        if (!request.targets.contains(HomeCleanTarget::XetShards))
            request.targets.append(HomeCleanTarget::XetShards);
    }
    request.kinds = parser.values(KindOption);
    request.datasets = parser.values(DatasetOption);
    if (request.targets.isEmpty() && request.kinds.isEmpty() && request.datasets.isEmpty()) {
        CliApplication::printError(context, QStringLiteral("clean needs a TARGET, --kind or --dataset; targets:\n%1").arg(targetsHelp()));
        return std::nullopt;
    }
    return request;
}

// Scans the kinds the request needs and plans it (plan step); nullopt on a usage error.
std::optional<HomeCleanPlanner::Result> planRequest(const CleanRequest &request, const QCommandLineParser &parser,
                                                    CliContext &context)
{
    const HomeEnvironment env;
    QList<KindLocation> locations;
    if (!HomeRoots::resolve(parser, env, context, &locations))
        return std::nullopt;
    const QSet<QString> needed = kindsNeeded(request.targets, request.kinds, !request.datasets.isEmpty());
    locations.removeIf([&needed](const KindLocation &l) { return !needed.contains(l.kindId); });
    HomeScanOptions scanOptions;  // keepEntries: the plan names every entry it deletes
    const QString hfHome = QDir::cleanPath(QDir::current().absoluteFilePath(env.hub().hfHome));
    const HomeSnapshotPtr home = HomeScan::run(hfHome, locations, scanOptions);

    const ProcInUseChecker checker;
    HomeCleanPlanner::Options options;
    options.inUse = &checker;
    if (request.shardLimit)
        options.shardLimit = *request.shardLimit;
    HomeCleanPlanner planner(home, options);
    for (const HomeCleanTarget target : request.targets)
        planner.addTarget(target);
    QString error;
    for (const QString &kind : request.kinds) {
        if (!planner.addKind(kind, &error)) {
            CliApplication::printError(context, error);
            return std::nullopt;
        }
    }
    for (const QString &dataset : request.datasets) {
        if (!planner.addDataset(dataset, &error)) {
            CliApplication::printError(context, error);
            return std::nullopt;
        }
    }
    HomeCleanPlanner::Result planned = planner.build();
    if (!request.datasets.isEmpty() && !addHubRepos(request.datasets, parser, context, &planned))
        return std::nullopt;
    return planned;
}

} // namespace

// Parse, plan, then the delete flow shared with rm and prune (print, confirm, execute).
int CleanCommand::run(const QCommandLineParser &parser, CliContext &context) const
{
    const std::optional<CleanRequest> request = parseRequest(parser, context);
    if (!request)
        return ExitUsage;
    const std::optional<HomeCleanPlanner::Result> planned = planRequest(*request, parser, context);
    if (!planned)
        return ExitUsage;
    if (!context.output.json()) {
        for (const QString &hint : std::as_const(planned->hints))
            context.output.error(QStringLiteral("note: %1\n").arg(hint));
    }
    return DeleteFlow::runAll(planned->plans, parser, context, DeleteFlow::Mode::Clean);
}

} // namespace hfcache
