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
    const CacheSnapshotPtr snapshot = CliApplication::scanCacheDir(parser, context);
    if (!snapshot)
        return ExitUsage;
    // Every target is resolved before anything is planned: one typo deletes nothing.
    DeletePlanner planner(snapshot);
    for (const QString &text : targets) {
        QString error;
        const auto matches = RepoTarget::resolveArgument(text, *snapshot, &error);
        if (!matches) {
            CliApplication::printError(context, error);
            return ExitUsage;
        }
        for (const RepoTarget::Resolved &match : *matches) {
            if (match.revision)
                planner.addRevision(match.repo, match.revision->commit);
            else
                planner.addRepo(match.repo);
        }
    }
    return DeleteFlow::run(planner.build(), parser, context, DeleteFlow::Mode::Rm);
}

} // namespace hfcache
