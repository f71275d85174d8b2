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

} // namespace

int WhereCommand::run(const QCommandLineParser &parser, CliContext &context) const
{
    const HomeEnvironment env;
    CacheLocations loc = env.hub();
    QList<KindLocation> caches;
    if (!HomeRoots::resolve(parser, env, context, &caches))
        return ExitUsage;
    if (parser.isSet(CliOptions::cacheDir())) {  // what every other command would use
        loc.hubCache = QFile::decodeName(CliApplication::cacheDir(parser));
        loc.hubCacheSource = QStringLiteral("--cache-dir");
    }
    auto absolute = [](const QString &path) { return QDir::cleanPath(QDir::current().absoluteFilePath(path)); };
    if (parser.isSet(QStringLiteral("hub-cache"))) {
        context.output.printLine(absolute(loc.hubCache));
        return ExitOk;
    }
    const QList<std::pair<const char *, QString>> rows = {
        {"hub_cache", absolute(loc.hubCache)}, {"hub_cache_source", loc.hubCacheSource},
        {"hf_home", absolute(loc.hfHome)},     {"xet_cache", absolute(loc.xetCache)},
        {"assets_cache", absolute(loc.assetsCache)}, {"token_path", absolute(loc.tokenPath)}};
    // The filesystem of each folder (or of the parent it would be made in): what the locks mean there.
    QHash<QString, FilesystemFacts> filesystems;
    for (const char *key : {"hub_cache", "hf_home", "xet_cache", "assets_cache"}) {
        for (const auto &[rowKey, value] : rows) {
            if (qstrcmp(rowKey, key) == 0)
                filesystems.insert(QString::fromLatin1(key), FilesystemFacts::probe(QFile::encodeName(value)));
        }
    }
    if (context.output.json()) {
        JsonWriter json(context.output.outStream());
        json.beginObject();
        for (const auto &[key, value] : rows)
            json.field(key, value);
        json.key("filesystems");
        json.beginObject();
        for (const char *key : {"hub_cache", "hf_home", "xet_cache", "assets_cache"}) {
            json.key(key);
            SnapshotJson::writeFilesystem(json, filesystems.value(QString::fromLatin1(key)));
        }
        json.endObject();
        json.key("caches");
        json.beginArray();
        for (const KindLocation &cache : std::as_const(caches)) {
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
        for (const QString &w : loc.warnings)
            json.value(w);
        json.endArray();
        json.endObject();
        return ExitOk;
    }
    TextTable table({QStringLiteral("LOCATION"), QStringLiteral("PATH"), QStringLiteral("FILESYSTEM")});
    for (const auto &[key, value] : rows) {
        const auto fs = filesystems.constFind(QString::fromLatin1(key));
        table.addRow({QString::fromLatin1(key), value, fs == filesystems.constEnd() ? QString() : fs->summary()});
    }
    context.output.print(table.text());  // the warnings went to stderr before every command
    const FilesystemFacts hub = filesystems.value(QStringLiteral("hub_cache"));
    if (hub.known)
        context.output.printLine(QStringLiteral("\nLocks in the hub cache: %1.").arg(hub.lockText()));
    context.output.printLine(QStringLiteral("\nEvery cache ('hfcache home' scans them):"));
    TextTable cacheTable({QStringLiteral("CACHE"), QStringLiteral("PATH"), QStringLiteral("DECIDED_BY"), QStringLiteral("EXISTS")});
    for (const KindLocation &cache : std::as_const(caches))
        cacheTable.addRow({kindName(cache), cache.path, cache.source, exists(cache) ? QStringLiteral("yes") : QStringLiteral("no")});
    context.output.print(cacheTable.text());
    return ExitOk;
}

} // namespace hfcache
