#include "RmCommand.h"

#include "CliApplication.h"
#include "DeleteFlow.h"
#include "cache/BlobKind.h"
#include "cache/CacheScan.h"
#include "cache/RepoTarget.h"
#include "maintain/DeletePlanner.h"

namespace hfcache {

void RmCommand::addOptions(QCommandLineParser &parser) const
{
    CliApplication::addCacheDirOption(parser);
    DeleteFlow::addOptions(parser, true);
}

int RmCommand::run(const QCommandLineParser &parser, CliContext &context) const
{
    const QStringList targets = parser.positionalArguments();
    if (targets.isEmpty()) {
        CliApplication::printError(context, QStringLiteral("rm needs at least one TARGET (org/name, model/org/name, "
                                                           "REPO@REV or a commit hash)"));
        return ExitUsage;
    }
    ScanError scanError;
    const CacheSnapshotPtr snapshot = CacheScan::run(CliApplication::cacheDir(parser), {}, {}, nullptr, &scanError);
    if (!snapshot) {
        CliApplication::printError(context, scanError.message());
        return ExitUsage;
    }
    // Every target is resolved before anything is planned: one typo deletes nothing.
    DeletePlanner planner(snapshot);
    for (const QString &text : targets) {
        const QByteArray hash = text.toLower().toLatin1();
        if (isCommitHash(hash)) {
            bool found = false;
            for (const CachedRepoPtr &repo : snapshot->repos) {
                if (repo->revision(hash)) {
                    planner.addRevision(repo, hash);
                    found = true;
                }
            }
            if (!found) {
                CliApplication::printError(context, QStringLiteral("no revision %1 in %2").arg(text, QString::fromUtf8(snapshot->root)));
                return ExitUsage;
            }
            continue;
        }
        QString error;
        const auto target = RepoTarget::parse(text, &error);
        const auto resolved = target ? target->resolve(*snapshot, !target->revision.isEmpty(), &error) : std::nullopt;
        if (!resolved) {
            CliApplication::printError(context, error);
            return ExitUsage;
        }
        if (resolved->revision)
            planner.addRevision(resolved->repo, resolved->revision->commit);
        else
            planner.addRepo(resolved->repo);
    }
    return DeleteFlow::run(planner.build(), parser, context, DeleteFlow::Mode::Rm);
}

} // namespace hfcache
