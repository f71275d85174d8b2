// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ExportCommand.h"

#include "CliOptions.h"
#include "CliApplication.h"
#include "CliOutput.h"
#include "DatasetItemLookup.h"
#include "HomeRoots.h"
#include "cache/CacheScan.h"
#include "cache/RepoTarget.h"
#include "export/DatasetExportSource.h"
#include "export/ExportJob.h"
#include "export/GzipEncoder.h"
#include "export/ParallelGzip.h"
#include "export/ZstdSink.h"
#include "util/HumanFormat.h"
#include "util/JsonWriter.h"
#include "util/PathText.h"

#include <QFile>

#include <csignal>

namespace hfcache {

namespace {

// Ctrl-C and SIGTERM cancel the running export, which then removes its temporary output.
std::atomic<ExportJob *> runningJob{nullptr};

void cancelRunningJob(int signal)
{
    if (ExportJob *job = runningJob.load())
        job->cancel();
    // A second Ctrl-C stops at once, whatever the export is waiting for.
    ::signal(signal, SIG_DFL);
}

class CancelOnSignal
{
public:
    explicit CancelOnSignal(ExportJob &job)
    {
        runningJob.store(&job);
        struct sigaction action = {};
        action.sa_handler = cancelRunningJob;
        sigemptyset(&action.sa_mask);
        ::sigaction(SIGINT, &action, &m_oldInt);
        ::sigaction(SIGTERM, &action, &m_oldTerm);
    }
    ~CancelOnSignal()
    {
        ::sigaction(SIGINT, &m_oldInt, nullptr);
        ::sigaction(SIGTERM, &m_oldTerm, nullptr);
        runningJob.store(nullptr);
    }

private:
    struct sigaction m_oldInt = {};
    struct sigaction m_oldTerm = {};
};

QString rate(double bytesPerSecond)
{
    return HumanFormat::size(quint64(bytesPerSecond)) + QStringLiteral("/s");
}

QString progressLine(const ExportProgress &p)
{
    const int percent = p.bytesTotal ? int(p.bytesDone * 100 / p.bytesTotal) : 100;
    QString line = QStringLiteral("%1 / %2 (%3 %), %4 of %5 files, %6")
                       .arg(HumanFormat::size(p.bytesDone), HumanFormat::size(p.bytesTotal)).arg(percent)
                       .arg(p.filesDone).arg(p.filesTotal).arg(rate(p.bytesPerSecond));
    if (p.etaMs >= 0)
        line += QStringLiteral(", ETA %1").arg(HumanFormat::duration(p.etaMs));
    return line;
}

void printJson(const CliOutput &output, const ExportJob::Result &r, ExportJob::Format format, const ExportSource &source)
{
    JsonWriter json(output.outStream());
    json.beginObject();
    json.field("ok", r.ok);
    json.field("target", r.target);
    json.field("format", ExportJob::formatName(format));
    json.field("source", source.root());
    json.field("commit", source.commit());
    json.field("files", r.files);
    json.field("bytes", r.bytes);
    json.field("output_bytes", r.outputBytes);
    json.field("duration_ms", r.durationMs);
    json.field("bytes_per_second", r.durationMs > 0 ? quint64(double(r.bytes) * 1000.0 / double(r.durationMs)) : quint64(0));
    json.field("verified", r.verified);
    json.field("unverifiable_files", r.unverifiable);
    json.field("tree_listing_checked", r.treeListingChecked);
    json.key("skipped");
    json.beginArray();
    for (const QByteArray &path : r.skipped)
        json.value(path);
    json.endArray();
    json.key("warnings");
    json.beginArray();
    for (const QString &w : r.warnings)
        json.value(w);
    json.endArray();
    if (!r.ok)
        json.field("error", r.error);
    json.endObject();
}

// What the command line asks for: the parse step, whose usage errors come before anything is read.
struct ExportRequest
{
    ExportJob::Options job;
    ExportSource::Options source;
    QString repo;          // REPO[@REV]; empty with --local-dir
    QByteArray localDir;
    QString datasetItem;   // --kind datasets: the builder item
    DatasetExportSource::Options dataset;
};

std::optional<ExportRequest> parseRequest(const QCommandLineParser &parser, CliContext &context)
{
    const auto usage = [&](const QString &message) {
        CliApplication::printError(context, message);
        return std::optional<ExportRequest>();
    };
    const QStringList args = parser.positionalArguments();
    const bool localDir = parser.isSet(QStringLiteral("local-dir"));
    const QString kind = parser.value(QStringLiteral("kind"));
    if (localDir ? !args.isEmpty() : args.size() != 1)
        return usage(localDir ? QStringLiteral("--local-dir takes no REPO argument")
                              : QStringLiteral("export takes one REPO[@REV] (see 'hfcache export --help')"));
    // Of the other caches only a datasets builder holds files worth having outside the cache.
    if (!kind.isEmpty() && kind != QLatin1String("datasets"))
        return usage(QStringLiteral("export --kind takes datasets (a builder item's Arrow files); the hub cache's "
                                    "revisions are exported without --kind"));
    if (!kind.isEmpty() && localDir)
        return usage(QStringLiteral("--kind and --local-dir name two different sources: give one"));
    if (kind.isEmpty() && parser.isSet(QStringLiteral("map-caches")))
        return usage(QStringLiteral("--map-caches applies to --kind datasets only"));
    if (parser.isSet(QStringLiteral("to")) == parser.isSet(QStringLiteral("archive")))
        return usage(QStringLiteral("give exactly one of --to DIR and --archive FILE"));

    ExportRequest request;
    ExportJob::Options &options = request.job;
    if (parser.isSet(QStringLiteral("to"))) {
        options.target = QFile::encodeName(parser.value(QStringLiteral("to")));
        options.format = ExportJob::Format::Folder;
        if (parser.isSet(QStringLiteral("prefix")) || parser.isSet(QStringLiteral("level")))
            return usage(QStringLiteral("--prefix and --level apply to --archive only"));
    } else {
        options.target = QFile::encodeName(parser.value(QStringLiteral("archive")));
        const auto format = ExportJob::archiveFormat(options.target);
        if (!format)
            return usage(QStringLiteral("--archive needs a name ending in .tar.gz, .tgz, .tar.zst, .tzst or .tar"));
        options.format = *format;
        if (parser.isSet(QStringLiteral("hardlink")))
            return usage(QStringLiteral("--hardlink applies to --to only"));
    }
    while (options.target.size() > 1 && options.target.endsWith('/'))
        options.target.chop(1);
    if (parser.isSet(QStringLiteral("level"))) {
        bool ok = false;
        options.level = parser.value(QStringLiteral("level")).toInt(&ok);
        const bool zstd = options.format == ExportJob::Format::TarZst;
        if (!ok || options.level < (zstd ? 1 : 0) || options.level > (zstd ? 19 : ParallelGzip::MaxLevel)
            || options.format == ExportJob::Format::Tar)
            return usage(QStringLiteral("--level must be 0-%1 for .tar.gz and 1-19 for .tar.zst").arg(ParallelGzip::MaxLevel));
    }
    if (!CliApplication::threads(parser, context, &options.threads))
        return std::nullopt;
    options.verify = parser.isSet(QStringLiteral("verify"));
    options.hardlink = parser.isSet(QStringLiteral("hardlink"));
    options.force = parser.isSet(QStringLiteral("force"));
    options.prefix = QFile::encodeName(parser.value(QStringLiteral("prefix")));
    if (options.prefix.startsWith('/') || options.prefix.split('/').contains(".."))
        return usage(QStringLiteral("--prefix must be a relative path without '..'"));

    request.source.skipMissing = parser.isSet(QStringLiteral("skip-missing"));
    request.source.allowOutsideLinks = parser.isSet(QStringLiteral("follow-outside-links"));
    request.source.keepLocalDirMetadata = parser.isSet(QStringLiteral("keep-metadata"));
    request.dataset.mapCaches = parser.isSet(QStringLiteral("map-caches"));
    if (localDir)
        request.localDir = QFile::encodeName(parser.value(QStringLiteral("local-dir")));
    else if (!kind.isEmpty())
        request.datasetItem = args.first();
    else
        request.repo = args.first();
    return request;

}

// The files to export: a local_dir folder, or REPO@REV in the scanned cache. nullopt after
// printing why, with *status ExitUsage (a bad REPO, an unusable cache) or ExitFindings (a source
// that cannot be exported).
std::optional<ExportSource> openSource(const ExportRequest &request, const QCommandLineParser &parser,
                                       CliContext &context, int *status)
{
    QString error;
    std::optional<ExportSource> source;
    if (!request.localDir.isEmpty()) {
        source = ExportSource::fromLocalDir(request.localDir, request.source, &error);
    } else if (!request.datasetItem.isEmpty()) {
        const auto found = DatasetItemLookup::find(parser, request.datasetItem, context);
        if (!found) {
            *status = ExitUsage;
            return std::nullopt;
        }
        source = DatasetExportSource::open(found->root, found->key, request.dataset, &error);
    } else {
        *status = ExitUsage;
        const auto target = RepoTarget::parse(request.repo, &error);
        if (!target) {
            CliApplication::printError(context, error);
            return std::nullopt;
        }
        const CacheSnapshotPtr snapshot = CliApplication::scanCacheDir(parser, context);
        if (!snapshot)
            return std::nullopt;  // scanCacheDir said why
        if (snapshot->cancelled) {
            *status = ExitInterrupted;
            return std::nullopt;
        }
        const auto resolved = target->resolve(*snapshot, true, &error);
        if (!resolved) {
            CliApplication::printError(context, error);
            return std::nullopt;
        }
        source = ExportSource::fromRevision(*resolved->repo, *resolved->revision, request.source, &error);
    }
    if (!source) {
        *status = ExitFindings;
        CliApplication::printError(context, error);
    }
    return source;
}

// The run step: the export, with a progress line on a terminal; Ctrl-C cancels it.
ExportJob::Result runJob(const ExportSource &source, const ExportJob::Options &options, CliContext &context)
{
    ExportJob job(source, options);
    const bool showProgress = context.output.showsProgress();
    if (showProgress)
        job.setProgressCallback([&context](const ExportProgress &p) { context.output.progress(progressLine(p)); });
    ExportJob::Result result;
    {
        CancelOnSignal cancelOnSignal(job);
        result = job.run();
    }
    if (showProgress)
        context.output.endProgress();
    return result;
}

// The print step: JSON, or the warnings, skipped files and a summary line.
int printResult(const ExportJob::Result &result, ExportJob::Format format, const ExportSource &source, CliContext &context)
{
    if (context.output.json()) {
        printJson(context.output, result, format, source);
        return result.ok ? ExitOk : ExitFindings;
    }
    for (const QString &warning : std::as_const(result.warnings))
        context.output.errorLine(QStringLiteral("hfcache: warning: ") + warning);
    if (!result.skipped.isEmpty()) {
        QStringList names;
        for (const QByteArray &path : std::as_const(result.skipped))
            names << PathText::display(path);
        context.output.errorLine(QStringLiteral("hfcache: skipped %1 missing file(s): %2")
                                              .arg(names.size()).arg(names.join(QStringLiteral(", "))));
    }
    if (!result.ok) {
        CliApplication::printError(context, result.error);
        return ExitFindings;
    }
    const double seconds = double(std::max<qint64>(result.durationMs, 1)) / 1000.0;
    QString summary = QStringLiteral("Exported %1 file(s), %2, to %3 in %4 (%5)")
                          .arg(result.files).arg(HumanFormat::size(result.bytes), PathText::display(result.target),
                               HumanFormat::duration(result.durationMs), rate(double(result.bytes) / seconds));
    if (format != ExportJob::Format::Folder)
        summary += QStringLiteral("; archive %1 (%2 % of the content)").arg(HumanFormat::size(result.outputBytes))
                       .arg(result.bytes ? double(result.outputBytes) * 100.0 / double(result.bytes) : 100.0, 0, 'f', 1);
    if (result.verified)
        summary += result.unverifiable ? QStringLiteral("; verified (%1 file(s) without a hash to check)").arg(result.unverifiable)
                                       : QStringLiteral("; every file verified");
    context.output.printLine(summary + QLatin1Char('.'));
    return ExitOk;
}

} // namespace

void ExportCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOption(CliOptions::cacheDir());
    parser.addOption(CliOptions::threads());
    parser.addOptions({
        {QStringLiteral("to"), QStringLiteral("Export as real files into the new folder DIR."), QStringLiteral("DIR")},
        {QStringLiteral("archive"), QStringLiteral("Export as FILE.tar.gz, FILE.tar.zst or FILE.tar."), QStringLiteral("FILE")},
        {QStringLiteral("level"), QStringLiteral("Compression level. .tar.gz: 0-%1, default %2 (%3's levels; up to %4 accepted as %1). "
                                                 ".tar.zst: 1-19, default %5.")
                                      .arg(GzipEncoder::StrongestLevel).arg(ParallelGzip::DefaultLevel)
                                      .arg(QLatin1String(GzipEncoder::Library)).arg(ParallelGzip::MaxLevel).arg(ZstdSink::DefaultLevel),
         QStringLiteral("LEVEL")},
        {QStringLiteral("verify"), QStringLiteral("Hash every file while exporting and compare with its blob name and trees/<commit>.json.")},
        {QStringLiteral("hardlink"), QStringLiteral("Hard-link the blobs instead of copying (same filesystem; shares inodes with the cache).")},
        {QStringLiteral("prefix"), QStringLiteral("Put the files under folder P inside the archive."), QStringLiteral("P")},
        {QStringLiteral("skip-missing"), QStringLiteral("Export the files that are cached and list those that are not "
                                                        "(by default a file the revision lists that is not cached is an error).")},
        {QStringLiteral("follow-outside-links"), QStringLiteral("Follow snapshot links that leave the repo's blobs/ folder.")},
        {QStringLiteral("local-dir"), QStringLiteral("Export a local_dir download folder instead of a cached repo."), QStringLiteral("DIR")},
        {QStringLiteral("kind"), QStringLiteral("Export an item of another cache: datasets (ITEM as 'hfcache home --kind "
                                                "datasets' lists it: its split Arrow files and JSON metadata)."),
         QStringLiteral("KIND")},
        {QStringLiteral("map-caches"), QStringLiteral("With --kind datasets: add the builder's cache-*.arrow map caches.")},
        {QStringLiteral("keep-metadata"), QStringLiteral("With --local-dir: keep its .cache/huggingface/ folder (.huggingface/ from huggingface_hub 0.23.0).")},
        {QStringLiteral("force"), QStringLiteral("Replace an earlier export: an archive file, or a folder of yours holding "
                                                 "hfcache's .hfcache-export marker (never other content).")},
    });
    parser.addOption(HomeRoots::rootOption());
    parser.addOption(CliOptions::json());
}

int ExportCommand::run(const QCommandLineParser &parser, CliContext &context) const
{
    const std::optional<ExportRequest> request = parseRequest(parser, context);
    if (!request)
        return ExitUsage;
    int status = ExitOk;
    const std::optional<ExportSource> source = openSource(*request, parser, context, &status);
    if (!source)
        return status;
    // Before any temporary copy is written: targets no export may have.
    const QString refused = ExportJob::targetProblem(request->job.target, source->origin());
    if (!refused.isEmpty()) {
        CliApplication::printError(context, refused);
        return ExitUsage;
    }
    return printResult(runJob(*source, request->job, context), request->job.format, *source, context);
}

} // namespace hfcache
