// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "VerifyCommand.h"

#include "CliOptions.h"
#include "CliApplication.h"
#include "CliOutput.h"
#include "cache/BlobKind.h"
#include "cache/CacheScan.h"
#include "cache/RepoTarget.h"
#include "maintain/CacheVerifier.h"
#include "util/HumanFormat.h"
#include "util/JsonWriter.h"
#include "util/PathText.h"

#include <QThread>

namespace hfcache {

namespace {

void writeJson(const CacheSnapshot &snapshot, const VerifyReport &report, CliContext &context)
{
    JsonWriter json(context.output.outStream());
    json.beginObject();
    json.field("cache_dir", snapshot.root);
    json.field("ok", report.ok());
    json.field("blobs_checked", report.blobsChecked);
    json.field("blobs_skipped", report.blobsSkipped);
    json.field("bytes_hashed", report.bytesHashed);
    json.field("listings_checked", report.listingsChecked);
    json.field("duration_ms", report.durationMs);
    auto writeBlobs = [&json](const char *key, const QList<CorruptBlob> &blobs) {
        json.key(key);
        json.beginArray();
        for (const CorruptBlob &blob : blobs) {
            json.beginObject();
            json.field("repo", blob.cacheId);
            json.field("path", blob.path);
            json.field("expected", blob.name);
            json.field("actual", blob.actual);
            json.field("size", blob.size);
            json.field("error", blob.error);
            json.key("breaks");
            json.beginArray();
            for (const auto &[commit, file] : blob.breaks) {
                json.beginObject();
                json.field("revision", commit);
                json.field("file", file);
                json.endObject();
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
    };
    writeBlobs("corrupt", report.corrupt);
    writeBlobs("unused_misnamed", report.unusedMisnamed);
    json.key("listing_problems");
    json.beginArray();
    for (const ListingProblem &problem : report.listingProblems) {
        json.beginObject();
        json.field("repo", problem.cacheId);
        json.field("revision", problem.commit);
        json.field("file", problem.file);
        json.field("kind", ListingProblem::kindName(problem.kind));
        json.field("message", problem.message);
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

void printHuman(const VerifyReport &report, int threads, CliContext &context)
{
    for (const CorruptBlob &blob : report.corrupt) {
        context.output.print(QStringLiteral("CORRUPT %1: %2\n").arg(PathText::display(blob.cacheId), blob.error));
        for (const auto &[commit, file] : blob.breaks)
            context.output.print(QStringLiteral("    breaks @%1 %2\n")
                                   .arg(QString::fromLatin1(commit.left(12)), PathText::display(file)));
    }
    for (const CorruptBlob &blob : report.unusedMisnamed)
        context.output.print(QStringLiteral("WARNING %1: %2; no revision uses it (a leftover; 'hfcache prune "
                                                     "--orphans' removes it)\n").arg(PathText::display(blob.cacheId), blob.error));
    for (const ListingProblem &problem : report.listingProblems)
        context.output.print(QStringLiteral("%1 %2@%3: %4\n")
                               .arg(ListingProblem::kindName(problem.kind).toUpper(), PathText::display(problem.cacheId),
                                    QString::fromLatin1(problem.commit.left(12)), problem.message));
    context.output.print(QStringLiteral("Verified %1 blob(s), %2 in %3 on %4 thread(s); %5 listing(s) compared; "
                                      "%6 corrupt, %7 listing problem(s)%8%9.\n")
                           .arg(report.blobsChecked).arg(HumanFormat::size(report.bytesHashed))
                           .arg(HumanFormat::duration(report.durationMs)).arg(threads).arg(report.listingsChecked)
                           .arg(report.corrupt.size()).arg(report.listingProblems.size())
                           .arg(report.blobsSkipped ? QStringLiteral(", %1 file(s) without a hash name skipped")
                                                          .arg(report.blobsSkipped)
                                                    : QString())
                           .arg(report.unusedMisnamed.isEmpty() ? QString()
                                                                : QStringLiteral(", %1 unused misnamed file(s)")
                                                                      .arg(report.unusedMisnamed.size())));
}

// The verify of one command line: what to hash, with how many threads, printed how.
class VerifyJob : public HubCacheCommand::Job
{
public:
    VerifyJob(const QStringList &arguments, const CacheVerifier::Options &options)
        : m_arguments(arguments), m_options(options)
    {
    }

    int run(const CacheSnapshotPtr &snapshot, CliContext &context) override
    {
        QList<CacheVerifier::Target> targets;
        if (!resolveTargets(*snapshot, &targets, context))
            return ExitUsage;
        const VerifyReport report = CacheVerifier::run(targets, m_options);
        if (context.output.json())
            writeJson(*snapshot, report, context);
        else
            printHuman(report, m_options.threads > 0 ? m_options.threads : QThread::idealThreadCount(), context);
        return report.ok() ? ExitOk : ExitFindings;
    }

private:
    // The repos and revisions named, or every repo: false after printing a usage error.
    bool resolveTargets(const CacheSnapshot &snapshot, QList<CacheVerifier::Target> *targets, CliContext &context) const
    {
        for (const QString &text : m_arguments) {
            QString error;
            const auto matches = RepoTarget::resolveArgument(text, snapshot, &error);
            if (!matches) {
                CliApplication::printError(context, error);
                return false;
            }
            for (const RepoTarget::Resolved &match : *matches)
                targets->append({match.repo, match.revision ? QList<QByteArray>{match.revision->commit} : QList<QByteArray>{}});
        }
        if (m_arguments.isEmpty()) {
            for (const CachedRepoPtr &repo : snapshot.repos)
                targets->append({repo, {}});
        }
        return true;
    }

    QStringList m_arguments;
    CacheVerifier::Options m_options;
};

} // namespace

void VerifyCommand::addCommandOptions(QCommandLineParser &parser) const
{
    parser.addOption(CliOptions::threads());
    parser.addOption(CliOptions::json());
}

std::unique_ptr<HubCacheCommand::Job> VerifyCommand::parse(const QCommandLineParser &parser, CliContext &context) const
{
    CacheVerifier::Options options;
    if (!CliApplication::threads(parser, context, &options.threads))
        return nullptr;
    return std::make_unique<VerifyJob>(parser.positionalArguments(), options);
}

} // namespace hfcache
