#include "WhereCommand.h"

#include "CliOptions.h"
#include "CliOutput.h"
#include "CliApplication.h"
#include "TextTable.h"
#include "cache/CacheLocations.h"
#include "util/JsonWriter.h"

#include <QDir>
#include <QFile>

namespace hfcache {

void WhereCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOption(CliOptions::cacheDir());
    parser.addOption(CliOptions::json());
    parser.addOption({QStringLiteral("hub-cache"), QStringLiteral("Print only the absolute hub cache path.")});
}

int WhereCommand::run(const QCommandLineParser &parser, CliContext &context) const
{
    CacheLocations loc = CacheLocations::resolve();
    if (parser.isSet(CliOptions::cacheDir())) {  // what every other command would use
        loc.hubCache = QFile::decodeName(CliApplication::cacheDir(parser));
        loc.hubCacheSource = QStringLiteral("--cache-dir");
    }
    auto absolute = [](const QString &path) { return QDir::cleanPath(QDir::current().absoluteFilePath(path)); };
    if (parser.isSet(QStringLiteral("hub-cache"))) {
        CliOutput::writeLine(context.out, absolute(loc.hubCache));
        return ExitOk;
    }
    const QList<std::pair<const char *, QString>> rows = {
        {"hub_cache", absolute(loc.hubCache)}, {"hub_cache_source", loc.hubCacheSource},
        {"hf_home", absolute(loc.hfHome)},     {"xet_cache", absolute(loc.xetCache)},
        {"assets_cache", absolute(loc.assetsCache)}, {"token_path", absolute(loc.tokenPath)}};
    if (parser.isSet(CliOptions::json())) {
        JsonWriter json(context.out);
        json.beginObject();
        for (const auto &[key, value] : rows)
            json.field(key, value);
        json.key("warnings");
        json.beginArray();
        for (const QString &w : loc.warnings)
            json.value(w);
        json.endArray();
        json.endObject();
        return ExitOk;
    }
    TextTable table({QStringLiteral("LOCATION"), QStringLiteral("PATH")});
    for (const auto &[key, value] : rows)
        table.addRow({QString::fromLatin1(key), value});
    table.print(context.out);  // the warnings went to stderr before every command
    return ExitOk;
}

} // namespace hfcache
