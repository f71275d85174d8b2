// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ScanCommand.h"

#include "CliOptions.h"
#include "CliApplication.h"
#include "CliOutput.h"
#include "ScanFilter.h"
#include "ScanProgress.h"
#include "SnapshotJson.h"
#include "TextTable.h"
#include "cache/CacheScan.h"
#include "cache/LocalDirScan.h"
#include "util/HumanFormat.h"
#include "util/PathText.h"

#include <QDateTime>

#include <algorithm>
#include <optional>

namespace hfcache {

namespace {

struct Listing
{
    QList<CachedRepoPtr> repos;
    QHash<const CachedRepo *, QList<const CachedRevision *>> revisions;  // the rows that passed the filters
};

// A local_dir has no repo type on disk (its metadata does not record one).
QString typeName(const CachedRepo &repo)
{
    return repo.isLocalDir ? QStringLiteral("local_dir") : repoTypeName(repo.type);
}

ScanFilter::Row repoRow(const CachedRepo &repo)
{
    return {typeName(repo), repo.sizeOnDisk, repo.lastAccessed, repo.lastModified, repo.refNames()};
}

ScanFilter::Row revisionRow(const CachedRepo &repo, const CachedRevision &revision)
{
    return {typeName(repo), revision.sizeOnDisk, repo.lastAccessed, revision.lastModified, revision.refs};
}

// "bookkeeping in .cache/huggingface/" and the like, for the footer of a local_dir scan.
QString bookkeepingText(const CachedRepo &repo)
{
    if (repo.localDirBookkeeping.isEmpty())
        return QStringLiteral("no huggingface_hub bookkeeping");
    if (repo.localDirBookkeeping == LocalDirScan::LegacyBookkeepingFolder)
        return QStringLiteral("bookkeeping in %1/: the huggingface_hub 0.23.0 layout")
            .arg(QString::fromLatin1(repo.localDirBookkeeping));
    return QStringLiteral("bookkeeping in %1/").arg(QString::fromLatin1(repo.localDirBookkeeping));
}

[[nodiscard]] bool sortRepos(QList<CachedRepoPtr> &repos, const QString &spec, QString *error)
{
    const QString key = spec.section(QLatin1Char(':'), 0, 0).toLower();
    const QString order = spec.section(QLatin1Char(':'), 1).toLower();
    if (!QStringList{QStringLiteral("name"), QStringLiteral("size"), QStringLiteral("accessed"),
                     QStringLiteral("modified")}.contains(key)
        || !(order.isEmpty() || order == QLatin1String("asc") || order == QLatin1String("desc"))) {
        *error = QStringLiteral("invalid --sort '%1' (name, size, accessed or modified, optionally :asc or :desc)").arg(spec);
        return false;
    }
    const bool descending = order.isEmpty() ? key != QLatin1String("name") : order == QLatin1String("desc");
    auto value = [&key](const CachedRepo &r) -> qint64 {
        if (key == QLatin1String("size"))
            return qint64(r.sizeOnDisk);
        return key == QLatin1String("accessed") ? r.lastAccessed : r.lastModified;
    };
    std::stable_sort(repos.begin(), repos.end(), [&](const CachedRepoPtr &a, const CachedRepoPtr &b) {
        if (key == QLatin1String("name"))
            return descending ? b->cacheId() < a->cacheId() : a->cacheId() < b->cacheId();
        return descending ? value(*b) < value(*a) : value(*a) < value(*b);
    });
    return true;
}

// The table: a row per repo, under it (--revisions) a row per revision, under that (--files) its files.
void printTable(const Listing &listing, bool revisions, bool files, CliContext &context)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    TextTable table({QStringLiteral("REPO"), QStringLiteral("TYPE"), QStringLiteral("SIZE"), QStringLiteral("FILES"),
                     QStringLiteral("REVISIONS"), QStringLiteral("REFS"), QStringLiteral("LAST_ACCESSED"),
                     QStringLiteral("LAST_MODIFIED"), QStringLiteral("FINDINGS")},
                    {false, false, true, true, true, false, false, false, true});
    for (const CachedRepoPtr &repo : listing.repos) {
        const int problems = repo->countFindings(Severity::Warning);
        table.addRow({repo->repoId, typeName(*repo), HumanFormat::size(repo->sizeOnDisk),
                      QString::number(repo->nbFiles), QString::number(repo->revisions.size()),
                      repo->refNames().join(QStringLiteral(", ")), HumanFormat::timeSince(repo->lastAccessed, now),
                      HumanFormat::timeSince(repo->lastModified, now), problems ? QString::number(problems) : QString()});
        if (!revisions)
            continue;
        for (const CachedRevision *revision : listing.revisions[repo.get()]) {
            table.addRow({QStringLiteral("  @") + QString::fromUtf8(revision->commit), QString(),
                          HumanFormat::size(revision->sizeOnDisk), QString::number(revision->nbFiles), QString(),
                          revision->isDetached() && !repo->isLocalDir ? QStringLiteral("(detached)")
                                                                      : revision->refs.join(QStringLiteral(", ")),
                          QString(), HumanFormat::timeSince(revision->lastModified, now), QString()});
            if (!files)
                continue;
            for (const SnapshotEntry &entry : revision->entries) {
                if (entry.kind == SnapshotEntry::Kind::Directory)
                    continue;
                const EntryStat *content = repo->contentStat(entry);
                table.addRow({QStringLiteral("      ") + PathText::display(entry.path), QString(),
                              content ? HumanFormat::size(content->size) : QStringLiteral("-")});
            }
        }
    }
    context.output.print(table.text());
}

// The totals under the table: of the local_dir folder, of what the filters kept and the whole
// cache, or of the whole cache.
QString totalsText(const CacheSnapshot &snapshot, const Listing &listing, bool revisions, bool filtered)
{
    int revisionCount = 0;
    for (const CachedRepoPtr &repo : listing.repos)
        revisionCount += int(listing.revisions[repo.get()].size());
    if (snapshot.isLocalDir()) {
        const CachedRepo &repo = *snapshot.repos.first();
        return QStringLiteral("\nlocal_dir download folder %1 (%2): %3 file(s) from commit %4, %5 on disk (%6 apparent), "
                              "scanned in %7.")
            .arg(PathText::display(repo.path), bookkeepingText(repo)).arg(repo.nbFiles)
            .arg(QString::fromUtf8(repo.revisions.first().commit), HumanFormat::size(snapshot.sizeOnDisk),
                 HumanFormat::size(snapshot.sizeApparent), HumanFormat::duration(snapshot.durationMs));
    }
    if (!filtered) {
        return QStringLiteral("\nFound %1 repo(s) with %2 revision(s), %3 on disk (%4 apparent), scanned in %5.")
            .arg(listing.repos.size()).arg(revisions ? revisionCount : snapshot.totalRevisions())
            .arg(HumanFormat::size(snapshot.sizeOnDisk), HumanFormat::size(snapshot.sizeApparent),
                 HumanFormat::duration(snapshot.durationMs));
    }
    // What the table shows first, then the whole cache on a line of its own.
    quint64 onDisk = 0, apparent = 0;
    for (const CachedRepoPtr &repo : listing.repos) {
        onDisk += repo->sizeOnDisk;
        apparent += repo->sizeApparent;
    }
    QString text = (revisions ? QStringLiteral("\nShown (matching the filter): %1 revision(s) in %2 of %3 repo(s); those "
                                               "repos hold %4 on disk (%5 apparent).").arg(revisionCount)
                              : QStringLiteral("\nShown (matching the filter): %2 of %3 repo(s), %4 on disk (%5 apparent)."))
                       .arg(listing.repos.size()).arg(snapshot.repos.size())
                       .arg(HumanFormat::size(onDisk), HumanFormat::size(apparent));
    text += QStringLiteral("\nWhole cache: %1 repo(s) with %2 revision(s), %3 on disk (%4 apparent), scanned in %5.")
                .arg(snapshot.repos.size()).arg(snapshot.totalRevisions())
                .arg(HumanFormat::size(snapshot.sizeOnDisk), HumanFormat::size(snapshot.sizeApparent),
                     HumanFormat::duration(snapshot.durationMs));
    return text;
}

// The cache's errors and warnings, the first 20 of them with their paths.
QByteArray findingsText(const CacheSnapshot &snapshot)
{
    const int errors = snapshot.countFindings(Severity::Error);
    const int warnings = snapshot.countFindings(Severity::Warning) - errors;
    QByteArray text;
    if (errors + warnings > 0)
        text += QStringLiteral("\n%1 error(s) and %2 warning(s):").arg(errors).arg(warnings).toUtf8();
    text += '\n';
    int shown = 0;
    auto list = [&](const Findings &findings) {
        for (const Finding &f : findings) {
            if (f.severity == Severity::Info || ++shown > 20)
                continue;
            text += QStringLiteral("  %1 %2: %3\n").arg(severityName(f.severity), findingCodeName(f.code), f.message).toUtf8();
            text += QStringLiteral("      %1\n").arg(PathText::display(f.path)).toUtf8();
        }
    };
    list(snapshot.findings);
    for (const CachedRepoPtr &repo : snapshot.repos)
        list(repo->findings);
    if (shown > 20)
        text += QStringLiteral("  ... and %1 more (hfcache scan --json lists them all)\n").arg(shown - 20).toUtf8();
    return text;
}

void printHuman(const CacheSnapshot &snapshot, const Listing &listing, bool revisions, bool files, bool filtered,
                CliContext &context)
{
    printTable(listing, revisions, files, context);
    context.output.print(QString::fromUtf8(totalsText(snapshot, listing, revisions, filtered).toUtf8() + findingsText(snapshot)));
}

void printJson(const CacheSnapshot &snapshot, const Listing &listing, bool files, CliContext &context)
{
    JsonWriter json(context.output.outStream());
    json.beginObject();
    json.field("layout", snapshot.isLocalDir() ? "local_dir" : "hub_cache");
    if (snapshot.isLocalDir()) {
        json.key("cache_dir");
        json.null();
        json.field("local_dir", snapshot.root);
        json.key("bookkeeping");
        const QByteArray &bookkeeping = snapshot.repos.first()->localDirBookkeeping;
        if (bookkeeping.isEmpty())
            json.null();
        else
            json.value(bookkeeping);
    } else {
        json.field("cache_dir", snapshot.root);
    }
    json.field("size_on_disk", snapshot.sizeOnDisk);
    json.field("size_apparent", snapshot.sizeApparent);
    json.key("repos");
    json.beginArray();
    for (const CachedRepoPtr &repo : listing.repos)
        SnapshotJson::writeRepo(json, *repo, files);
    json.endArray();
    SnapshotJson::writeSharedBlobs(json, snapshot);
    json.key("findings");
    SnapshotJson::writeFindings(json, snapshot.findings);
    json.endObject();
}

// What to scan: --local-dir, else the cache folder, which is scanned as a local_dir when it
// clearly is one (a note on stderr says so: stdout stays the scan, and "layout" tells scripts).
// nullptr after printing why when the folder is unusable.
CacheSnapshotPtr scanRoot(const QCommandLineParser &parser, const ScanOptions &options, CliContext &context)
{
    const bool explicitLocalDir = parser.isSet(QStringLiteral("local-dir"));
    const QByteArray root = explicitLocalDir ? CliApplication::absolutePath(parser.value(QStringLiteral("local-dir")))
                                             : CliApplication::cacheDir(parser);
    const QString shown = PathText::display(root);
    const bool bookkeeping = LocalDirScan::bookkeepingFormat(root) != LocalDirScan::Format::None;
    const bool repoFolders = (explicitLocalDir || bookkeeping) && LocalDirScan::holdsRepoFolders(root);
    bool asLocalDir = explicitLocalDir;
    if (explicitLocalDir && repoFolders) {
        CliApplication::printError(context, QStringLiteral("note: %1 holds hub-cache repo folders; scanned as a local_dir "
                                                           "as asked (--cache-dir scans it as a cache)").arg(shown));
    } else if (!explicitLocalDir && bookkeeping && repoFolders) {
        CliApplication::printError(context, QStringLiteral("note: %1 also holds local_dir bookkeeping; scanned as a hub "
                                                           "cache (--local-dir scans it as a download folder)").arg(shown));
    } else if (!explicitLocalDir && bookkeeping) {
        CliApplication::printError(context, QStringLiteral("note: %1 is a local_dir download folder, not a hub cache; "
                                                           "scanned as one (--local-dir says so and skips this note)").arg(shown));
        asLocalDir = true;
    }
    ScanError error;
    CacheSnapshotPtr snapshot = asLocalDir ? LocalDirScan::run(root, nullptr, &error)
                                           : ScanProgress::run(root, options, {}, context, &error);
    if (!snapshot)
        CliApplication::printError(context, error.message());
    return snapshot;
}

// What `scan` is asked for: the parse step.
struct ScanRequest
{
    QList<ScanFilter> filters;
    bool revisions = false;  // a row per revision
    bool files = false;      // and its files
    ScanOptions options;
};

std::optional<ScanRequest> parseRequest(const QCommandLineParser &parser, CliContext &context)
{
    if (!parser.positionalArguments().isEmpty()) {
        CliApplication::printError(context, QStringLiteral("scan takes no arguments (did you mean --cache-dir?)"));
        return std::nullopt;
    }
    ScanRequest request;
    for (const QString &expression : parser.values(QStringLiteral("filter"))) {
        QString error;
        const auto filter = ScanFilter::parse(expression, &error);
        if (!filter) {
            CliApplication::printError(context, error);
            return std::nullopt;
        }
        request.filters.append(*filter);
    }
    request.files = parser.isSet(QStringLiteral("files"));
    request.revisions = request.files || parser.isSet(QStringLiteral("revisions"));

    if (parser.isSet(QStringLiteral("local-dir")) && parser.isSet(CliOptions::cacheDir())) {
        CliApplication::printError(context, QStringLiteral("--local-dir and --cache-dir exclude each other"));
        return std::nullopt;
    }
    if (!CliApplication::threads(parser, context, &request.options.threads))
        return std::nullopt;
    request.options.keepEntries = request.files;
    return request;
}

// The rows of the scan that pass the filters (under --revisions: the revisions that do, and
// the repos that have one), sorted by --sort; nullopt after printing why --sort is invalid.
std::optional<Listing> listRows(const CacheSnapshot &snapshot, const ScanRequest &request, const QCommandLineParser &parser,
                                CliContext &context)
{
    Listing listing;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    auto passes = [&](const ScanFilter::Row &row) {
        return std::all_of(request.filters.cbegin(), request.filters.cend(),
                           [&](const ScanFilter &f) { return f.matches(row, now); });
    };
    for (const CachedRepoPtr &repo : snapshot.repos) {
        QList<const CachedRevision *> rows;
        for (const CachedRevision &revision : repo->revisions) {
            if (!request.revisions || passes(revisionRow(*repo, revision)))
                rows.append(&revision);
        }
        const bool keep = request.revisions ? (!rows.isEmpty() || request.filters.isEmpty()) : passes(repoRow(*repo));
        if (keep) {
            listing.repos.append(repo);
            listing.revisions.insert(repo.get(), rows);
        }
    }
    QString sortError;
    if (!sortRepos(listing.repos, parser.isSet(QStringLiteral("sort")) ? parser.value(QStringLiteral("sort"))
                                                                        : QStringLiteral("name"), &sortError)) {
        CliApplication::printError(context, sortError);
        return std::nullopt;
    }
    return listing;
}

} // namespace

void ScanCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOption(CliOptions::cacheDir());
    parser.addOption(CliOptions::threads());
    parser.addOptions({
        {QStringLiteral("local-dir"),
         QStringLiteral("Scan a local_dir download folder (`hf download --local-dir DIR`) instead of a hub cache."),
         QStringLiteral("DIR")},
        {QStringLiteral("revisions"), QStringLiteral("Show a row per revision.")},
        {QStringLiteral("files"), QStringLiteral("Show the files of each revision (implies --revisions).")},
        {QStringLiteral("sort"), QStringLiteral("Sort repos by name, size, accessed or modified [:asc|:desc]."),
         QStringLiteral("KEY")},
        {QStringLiteral("filter"),
         QStringLiteral("Keep rows matching KEY OP VALUE (size>1G, accessed>30d, type=dataset, refs=main; a plain "
                        "number is bytes or seconds); repeatable."),
         QStringLiteral("EXPR")},
    });
    parser.addOption(CliOptions::json());
}

int ScanCommand::run(const QCommandLineParser &parser, CliContext &context) const
{
    const std::optional<ScanRequest> request = parseRequest(parser, context);
    if (!request)
        return ExitUsage;
    const CacheSnapshotPtr snapshot = scanRoot(parser, request->options, context);
    if (!snapshot)
        return ExitUsage;
    if (snapshot->cancelled)
        return ExitInterrupted;  // ScanProgress said so; a partial listing would read as the whole cache
    const std::optional<Listing> listing = listRows(*snapshot, *request, parser, context);
    if (!listing)
        return ExitUsage;  // the --sort key, checked on the rows it sorts
    if (context.output.json())
        printJson(*snapshot, *listing, request->files, context);
    else
        printHuman(*snapshot, *listing, request->revisions, request->files, !request->filters.isEmpty(), context);
    return ExitOk;
}

} // namespace hfcache
