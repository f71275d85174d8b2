#include "WhereCommand.h"

#include "CliOutput.h"
#include "TextTable.h"
#include "cache/CacheLocations.h"
#include "util/JsonWriter.h"

#include <QDir>

namespace hfcache {

void WhereCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOptions({{QStringLiteral("json"), QStringLiteral("Print one JSON object.")},
                       {QStringLiteral("hub-cache"), QStringLiteral("Print only the absolute hub cache path.")}});
}

int WhereCommand::run(const QCommandLineParser &parser, CliContext &context) const
{
    const CacheLocations loc = CacheLocations::resolve();
    auto absolute = [](const QString &path) { return QDir::cleanPath(QDir::current().absoluteFilePath(path)); };
    if (parser.isSet(QStringLiteral("hub-cache"))) {
        CliOutput::writeLine(context.out, absolute(loc.hubCache));
        return ExitOk;
    }
    const QList<std::pair<const char *, QString>> rows = {
        {"hub_cache", absolute(loc.hubCache)}, {"hub_cache_source", loc.hubCacheSource},
        {"hf_home", absolute(loc.hfHome)},     {"xet_cache", absolute(loc.xetCache)},
        {"assets_cache", absolute(loc.assetsCache)}, {"token_path", absolute(loc.tokenPath)}};
    if (parser.isSet(QStringLiteral("json"))) {
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
    table.print(context.out);
    for (const QString &w : loc.warnings)
        CliOutput::writeLine(context.err, QStringLiteral("hfcache: warning: ") + w);
    return ExitOk;
}

} // namespace hfcache
