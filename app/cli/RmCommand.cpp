// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RmCommand.h"

#include "CliOptions.h"
#include "CliApplication.h"
#include "DeleteFlow.h"
#include "cache/BlobKind.h"
#include "cache/CacheScan.h"
#include "cache/RepoTarget.h"
#include "maintain/DeletePlanner.h"
#include "util/HumanFormat.h"

namespace hfcache {

namespace {

// An rm killed midway removed the refs and the snapshot first, so re-running it names a commit
// that no longer resolves: the repos that still hold its .no_exist/<commit> or trees/<commit>.json.
QList<CachedRepoPtr> leftoversOf(const QString &text, const CacheSnapshot &snapshot, QByteArray *commit)
{
    QString ignored;
    const auto target = RepoTarget::parse(text, &ignored);
    const bool named = target && !target->revision.isEmpty();
    *commit = (named ? target->revision : text.trimmed()).toLower().toLatin1();
    QList<CachedRepoPtr> repos;
    if (!isCommitHash(*commit))
        return repos;
    for (const CachedRepoPtr &repo : snapshot.repos) {
        if ((named && (repo->repoId != target->repoId || (target->type && repo->type != *target->type)))
            || repo->revision(*commit))
            continue;
        for (const RepoEntry &e : repo->otherEntries) {
            if (e.path == ".no_exist/" + *commit || e.path == "trees/" + *commit + ".json") {
                repos.append(repo);
                break;
            }
        }
    }
    return repos;
}

// For REPO@REV that does not resolve: what an interrupted rm of it may have left in REPO.
QString whatIsLeft(const QString &text, const CacheSnapshot &snapshot)
{
    QString ignored;
    auto target = RepoTarget::parse(text, &ignored);
    if (!target || target->revision.isEmpty())
        return {};
    target->revision.clear();  // the repo only
    const auto resolved = target->resolve(snapshot, false, &ignored);
    if (!resolved)
        return {};
    const CachedRepo &repo = *resolved->repo;
    QStringList detached;
    for (const CachedRevision &revision : repo.revisions) {
        if (revision.isDetached())
            detached << QString::fromLatin1(revision.commit.left(12));
    }
    int orphans = 0;
    quint64 bytes = 0;
    for (const CachedBlob &blob : repo.blobs) {
        if (blob.snapshotLinks == 0 && (blob.kind == BlobKind::Sha256 || blob.kind == BlobKind::GitSha1)) {
            ++orphans;
            bytes += blob.stat.diskSize;
        }
    }
    if (detached.isEmpty() && orphans == 0)
        return {};
    QStringList left;
    if (!detached.isEmpty())
        left << QStringLiteral("detached revision(s) %1 (hfcache rm %2@<commit>)").arg(detached.join(QStringLiteral(", ")), repo.cacheId());
    if (orphans > 0)
        left << QStringLiteral("%1 orphan blob(s), %2 (hfcache prune --orphans)").arg(orphans).arg(HumanFormat::size(bytes));
    return QStringLiteral("\nIf an interrupted rm removed it (refs go first, then the snapshot, then the blobs), this is "
                          "what is left in %1: %2.")
        .arg(repo.cacheId(), left.join(QStringLiteral("; ")));
}

// The rm of one command line: the targets, resolved on the scan, planned, then DeleteFlow.
class RmJob : public HubCacheCommand::Job
{
public:
    explicit RmJob(const QCommandLineParser &parser) : m_parser(parser) {}

    int run(const CacheSnapshotPtr &snapshot, CliContext &context) override
    {
        // Every target is resolved before anything is planned: one typo deletes nothing.
        DeletePlanner planner(snapshot);
        const RepoTarget::ReposById byId = RepoTarget::indexById(*snapshot);  // rm of every repo stays linear
        for (const QString &text : m_parser.positionalArguments()) {
            if (!addTarget(planner, text, *snapshot, byId, context))
                return ExitUsage;
        }
        return DeleteFlow::run(planner.build(), m_parser, context, DeleteFlow::Mode::Rm);
    }

private:
    static bool addTarget(DeletePlanner &planner, const QString &text, const CacheSnapshot &snapshot,
                          const RepoTarget::ReposById &byId, CliContext &context)
    {
        QString error;
        const auto matches = RepoTarget::resolveArgument(text, snapshot, &error, &byId);
        if (!matches) {
            // Re-running an rm that was killed midway finishes what it left of the commit.
            QByteArray commit;
            const QList<CachedRepoPtr> leftovers = leftoversOf(text, snapshot, &commit);
            for (const CachedRepoPtr &repo : leftovers)
                planner.addLeftovers(repo, commit);
            if (!leftovers.isEmpty())
                return true;
            CliApplication::printError(context, error + whatIsLeft(text, snapshot));
            return false;
        }
        for (const RepoTarget::Resolved &match : *matches) {
            if (match.revision)
                planner.addRevision(match.repo, match.revision->commit);
            else
                planner.addRepo(match.repo);
        }
        return true;
    }

    const QCommandLineParser &m_parser;
};

} // namespace

void RmCommand::addCommandOptions(QCommandLineParser &parser) const
{
    DeleteFlow::addOptions(parser, true);
}

std::unique_ptr<HubCacheCommand::Job> RmCommand::parse(const QCommandLineParser &parser, CliContext &context) const
{
    if (parser.positionalArguments().isEmpty()) {
        CliApplication::printError(context, QStringLiteral("rm needs at least one TARGET (org/name, model/org/name, "
                                                           "REPO@REV or a commit hash)"));
        return nullptr;
    }
    return std::make_unique<RmJob>(parser);
}

} // namespace hfcache
