// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "WhereCommand.h"

#include "CliOptions.h"
#include "CliOutput.h"
#include "CliApplication.h"
#include "HomeRoots.h"
#include "SnapshotJson.h"
#include "TextTable.h"
#include "audit/FilesystemFacts.h"
#include "cache/CacheLocations.h"
#include "cache/EntryStat.h"
#include "home/CacheKinds.h"
#include "home/HomeEnvironment.h"
#include "util/JsonWriter.h"

#include <QDir>
#include <QHash>
#include <QFile>

#include <optional>

#include <fcntl.h>

namespace hfcache {

void WhereCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOption(CliOptions::cacheDir());
    parser.addOption(CliOptions::json());
    parser.addOption({QStringLiteral("hub-cache"), QStringLiteral("Print only the absolute hub cache path.")});
    parser.addOption(HomeRoots::rootOption());
}

namespace {

bool exists(const KindLocation &location)
{
    EntryStat stat;
    return EntryStat::lstatAt(AT_FDCWD, QFile::encodeName(location.path), &stat);
}

QString kindName(const KindLocation &location)
{
    const CacheKind *kind = CacheKinds::find(location.kindId);
    return kind ? kind->displayName() : location.kindId;
}

QString absolute(const QString &path)
{
    return QDir::cleanPath(QDir::current().absoluteFilePath(path));
}

// The folders whose filesystem is told: what the locks mean there.
constexpr const char *kProbedKeys[] = {"hub_cache", "hf_home", "xet_cache", "assets_cache"};

// What `where` tells: the parse step resolves the locations, the run step probes their filesystems.
struct Whereabouts
{
    CacheLocations hub;
    QList<KindLocation> caches;  // every cache kind's
    QList<std::pair<const char *, QString>> rows;  // LOCATION, PATH (absolute)
    QHash<QString, FilesystemFacts> filesystems;  // of each folder, or of the parent it would be made in
};

// The locations as every other command resolves them (--cache-dir, --root included); nullopt
// after printing a usage error.
std::optional<Whereabouts> parseLocations(const QCommandLineParser &parser, CliContext &context)
{
    const HomeEnvironment env;
    Whereabouts where;
    where.hub = env.hub();
    if (!HomeRoots::resolve(parser, env, context, &where.caches))
        return std::nullopt;
    if (parser.isSet(CliOptions::cacheDir())) {  // what every other command would use
        where.hub.hubCache = QFile::decodeName(CliApplication::cacheDir(parser));
        where.hub.hubCacheSource = QStringLiteral("--cache-dir");
    }
    const CacheLocations &loc = where.hub;
    where.rows = {{"hub_cache", absolute(loc.hubCache)}, {"hub_cache_source", loc.hubCacheSource},
                  {"hf_home", absolute(loc.hfHome)},     {"xet_cache", absolute(loc.xetCache)},
                  {"assets_cache", absolute(loc.assetsCache)}, {"token_path", absolute(loc.tokenPath)}};
    return where;
}

void probeFilesystems(Whereabouts &where)
{
    for (const char *key : kProbedKeys) {
        for (const auto &[rowKey, value] : std::as_const(where.rows)) {
            if (qstrcmp(rowKey, key) == 0)
                where.filesystems.insert(QString::fromLatin1(key), FilesystemFacts::probe(QFile::encodeName(value)));
        }
    }
}

void printJson(const Whereabouts &where, CliContext &context)
{
    JsonWriter json(context.output.outStream());
    json.beginObject();
    for (const auto &[key, value] : where.rows)
        json.field(key, value);
    json.key("filesystems");
    json.beginObject();
    for (const char *key : kProbedKeys) {
        json.key(key);
        SnapshotJson::writeFilesystem(json, where.filesystems.value(QString::fromLatin1(key)));
    }
    json.endObject();
    json.key("caches");
    json.beginArray();
    for (const KindLocation &cache : where.caches) {
        json.beginObject();
        json.field("kind", cache.kindId);
        json.field("name", kindName(cache));
        json.field("path", QFile::encodeName(cache.path));
        json.field("source", cache.source);
        json.field("exists", exists(cache));
        json.endObject();
    }
    json.endArray();
    json.key("warnings");
    json.beginArray();
    for (const QString &w : where.hub.warnings)
        json.value(w);
    json.endArray();
    json.endObject();
}

void printHuman(const Whereabouts &where, CliContext &context)
{
    TextTable table({QStringLiteral("LOCATION"), QStringLiteral("PATH"), QStringLiteral("FILESYSTEM")});
    for (const auto &[key, value] : where.rows) {
        const auto fs = where.filesystems.constFind(QString::fromLatin1(key));
        table.addRow({QString::fromLatin1(key), value, fs == where.filesystems.constEnd() ? QString() : fs->summary()});
    }
    context.output.print(table.text());  // the warnings went to stderr before every command
    const FilesystemFacts hub = where.filesystems.value(QStringLiteral("hub_cache"));
    if (hub.known)
        context.output.printLine(QStringLiteral("\nLocks in the hub cache: %1.").arg(hub.lockText()));
    context.output.printLine(QStringLiteral("\nEvery cache ('hfcache home' scans them):"));
    TextTable cacheTable({QStringLiteral("CACHE"), QStringLiteral("PATH"), QStringLiteral("DECIDED_BY"), QStringLiteral("EXISTS")});
    for (const KindLocation &cache : where.caches)
        cacheTable.addRow({kindName(cache), cache.path, cache.source, exists(cache) ? QStringLiteral("yes") : QStringLiteral("no")});
    context.output.print(cacheTable.text());
}

} // namespace

int WhereCommand::run(const QCommandLineParser &parser, CliContext &context) const
{
    std::optional<Whereabouts> where = parseLocations(parser, context);
    if (!where)
        return ExitUsage;
    if (parser.isSet(QStringLiteral("hub-cache"))) {
        context.output.printLine(absolute(where->hub.hubCache));
        return ExitOk;
    }
    probeFilesystems(*where);
    if (context.output.json())
        printJson(*where, context);
    else
        printHuman(*where, context);
    return ExitOk;
}

} // namespace hfcache
