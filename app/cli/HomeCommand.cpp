// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeCommand.h"

#include "CliApplication.h"
#include "CliOptions.h"
#include "CliOutput.h"
#include "HomeRoots.h"
#include "SnapshotJson.h"
#include "TextTable.h"
#include "audit/UserIdentity.h"
#include "cache/FindingCode.h"
#include "home/CacheKinds.h"
#include "home/HomeEnvironment.h"
#include "home/HomeScan.h"
#include "util/HumanFormat.h"
#include "util/JsonWriter.h"
#include "util/PathText.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QStringList>

namespace hfcache {

namespace {

constexpr int MaxOwnersShown = 3;
constexpr int MaxFindingsShown = 20;

QString kindName(const KindSnapshot &kind)
{
    return CacheKinds::displayName(kind.location.kindId);
}

QString ownersText(const KindSnapshot &kind)
{
    return kind.ownersText(MaxOwnersShown, QStringLiteral("+%1 more"));
}

QString stateText(const KindSnapshot &kind)
{
    if (!kind.sameFolderAs.isEmpty())
        return QStringLiteral("(same folder as %1)").arg(kind.sameFolderAs);
    return kind.exists ? ownersText(kind) : QStringLiteral("(not there)");
}

void printFindings(const QList<KindSnapshotPtr> &kinds, Severity atLeast, CliContext &context)
{
    QString text;
    int shown = 0;
    int total = 0;
    for (const KindSnapshotPtr &kind : kinds) {
        for (const Finding &f : kind->findings) {
            if (f.severity < atLeast)
                continue;
            if (++total > MaxFindingsShown)
                continue;
            ++shown;
            text += QStringLiteral("  %1 %2: %3\n      %4\n").arg(severityName(f.severity), findingCodeName(f.code), f.message,
                                                               PathText::display(f.path));
        }
    }
    if (total > shown)
        text += QStringLiteral("  ... and %1 more (hfcache home --json lists them all)\n").arg(total - shown);
    if (!text.isEmpty())
        context.output.print(QStringLiteral("\n") + text);
}

void printOverview(const HomeSnapshot &home, CliContext &context)
{
    TextTable table({QStringLiteral("CACHE"), QStringLiteral("PATH"), QStringLiteral("SIZE"), QStringLiteral("ENTRIES"),
                     QStringLiteral("ITEMS"), QStringLiteral("LOCKS"), QStringLiteral("PROBLEMS"), QStringLiteral("OWNERS")},
                    {false, false, true, true, true, true, true, false});
    int present = 0;
    for (const KindSnapshotPtr &kind : home.kinds) {
        present += kind->exists ? 1 : 0;
        const bool counted = kind->exists && kind->sameFolderAs.isEmpty();
        table.addRow({kindName(*kind), kind->location.path, counted ? HumanFormat::size(kind->sizeOnDisk) : QStringLiteral("-"),
                      counted ? QString::number(kind->entryCount) : QString(),
                      counted ? QString::number(kind->groups.size()) : QString(),
                      counted ? QString::number(kind->lockCount) : QString(),
                      kind->problemCount() ? QString::number(kind->problemCount()) : QString(), stateText(*kind)});
    }
    context.output.print(table.text());
    context.output.printLine(QStringLiteral("\n%1 of %2 cache folder(s) present, %3 on disk, scanned in %4. "
                                                     "'hfcache home --kind KIND' lists one cache's items.")
                                          .arg(present).arg(home.kinds.size())
                                          .arg(HumanFormat::size(home.sizeOnDisk()), HumanFormat::duration(home.durationMs)));
    printFindings(home.kinds, Severity::Warning, context);
}

QString detailsText(const HomeGroup &group)
{
    QStringList parts;
    for (const auto &[key, value] : group.details)
        parts << QStringLiteral("%1=%2").arg(key, value);
    return parts.join(QStringLiteral("  "));
}

void printKind(const HomeSnapshot &home, CliContext &context)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const KindSnapshotPtr &kind : home.kinds) {
        context.output.printLine(QStringLiteral("%1: %2 (decided by %3)%4")
                                              .arg(kindName(*kind), PathText::display(QFile::encodeName(kind->location.path)),
                                                   kind->location.source,
                                                   kind->exists ? QStringLiteral(", %1 on disk (%2 apparent), %3 entries, "
                                                                                 "%4 lock file(s)")
                                                                      .arg(HumanFormat::size(kind->sizeOnDisk),
                                                                           HumanFormat::size(kind->sizeApparent))
                                                                      .arg(kind->entryCount).arg(kind->lockCount)
                                                                : QStringLiteral(": ") + stateText(*kind)));
        if (!kind->exists)
            continue;
        // Streamed: a datasets cache may list a million downloads.
        const QList<const HomeGroup *> groups = kind->sortedGroups();
        TextTable::print(context.output,
                         {QStringLiteral("ITEM"), QStringLiteral("TYPE"), QStringLiteral("SIZE"), QStringLiteral("ENTRIES"),
                          QStringLiteral("LOCKS"), QStringLiteral("MODIFIED"), QStringLiteral("DETAILS")},
                         {false, false, true, true, true, false, false}, groups.size(), [&](qsizetype i) {
            const HomeGroup &group = *groups[i];
            return QStringList{PathText::display(group.key), group.type, HumanFormat::size(group.sizeOnDisk),
                               QString::number(group.entries), QString::number(group.count(EntryRole::Lock)),
                               HumanFormat::timeSince(group.lastModified, now), detailsText(group)};
        });
        context.output.printLine(QStringLiteral("Owners: %1").arg(ownersText(*kind)));
    }
    printFindings(home.kinds, Severity::Info, context);
}

void writeGroup(JsonWriter &json, const HomeGroup &group)
{
    json.beginObject();
    json.field("key", group.key);
    json.field("type", group.type);
    json.field("size_on_disk", group.sizeOnDisk);
    json.field("size_apparent", group.sizeApparent);
    json.field("entries", group.entries);
    json.field("locks", group.count(EntryRole::Lock));
    SnapshotJson::writeTime(json, "last_modified", group.lastModified);
    json.key("details");
    json.beginObject();
    for (const auto &[key, value] : group.details)
        json.field(key.toUtf8().constData(), value);
    json.endObject();
    json.endObject();
}

void writeKind(JsonWriter &json, const KindSnapshot &kind, bool withItems)
{
    json.beginObject();
    SnapshotJson::writeKindIdentity(json, kind);
    json.key("same_folder_as");
    if (kind.sameFolderAs.isEmpty())
        json.null();
    else
        json.value(kind.sameFolderAs);
    json.field("size_on_disk", kind.sizeOnDisk);
    json.field("size_apparent", kind.sizeApparent);
    json.field("entries", kind.entryCount);
    json.field("items", int(kind.groups.size()));
    json.field("locks", kind.lockCount);
    json.field("problems", kind.problemCount());
    json.key("owners");
    json.beginArray();
    for (const OwnerUsage &owner : kind.owners) {
        json.beginObject();
        json.field("uid", qint64(owner.uid));
        json.field("user", UserIdentity::userName(owner.uid));
        json.field("size_on_disk", owner.sizeOnDisk);
        json.field("entries", owner.entries);
        json.endObject();
    }
    json.endArray();
    if (withItems) {
        json.key("items_list");
        json.beginArray();
        for (const HomeGroup *group : kind.sortedGroups())
            writeGroup(json, *group);
        json.endArray();
    }
    json.key("findings");
    SnapshotJson::writeFindings(json, kind.findings);
    json.endObject();
}

void printJson(const HomeSnapshot &home, bool withItems, CliContext &context)
{
    JsonWriter json(context.output.outStream());
    json.beginObject();
    json.field("hf_home", QFile::encodeName(home.hfHome));
    json.field("size_on_disk", home.sizeOnDisk());
    json.key("caches");
    json.beginArray();
    for (const KindSnapshotPtr &kind : home.kinds)
        writeKind(json, *kind, withItems);
    json.endArray();
    json.endObject();
}

} // namespace

void HomeCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOption(CliOptions::json());
    parser.addOption(CliOptions::cacheDir());
    parser.addOption(CliOptions::threads());
    parser.addOption(HomeRoots::rootOption());
    parser.addOption({QStringLiteral("kind"),
                      QStringLiteral("List the items of one cache kind: %1.").arg(CacheKinds::idList()),
                      QStringLiteral("KIND")});
}

int HomeCommand::run(const QCommandLineParser &parser, CliContext &context) const
{
    const QString onlyKind = parser.value(QStringLiteral("kind"));
    if (!onlyKind.isEmpty() && !CacheKinds::find(onlyKind)) {
        CliApplication::printError(context, QStringLiteral("unknown cache kind '%1' (kinds: %2)").arg(onlyKind, CacheKinds::idList()));
        return ExitUsage;
    }
    HomeScanOptions options;
    if (!CliApplication::threads(parser, context, &options.threads))
        return ExitUsage;
    const HomeEnvironment env;
    QList<KindLocation> locations;
    if (!HomeRoots::resolve(parser, env, context, &locations))
        return ExitUsage;
    // Tables and JSON print summaries and items, never single entries.
    options.keepEntries = false;
    const QString hfHome = QDir::cleanPath(QDir::current().absoluteFilePath(env.hub().hfHome));
    const HomeSnapshotPtr home = HomeScan::run(hfHome, locations, options, onlyKind);
    if (context.output.json())
        printJson(*home, !onlyKind.isEmpty(), context);
    else if (onlyKind.isEmpty())
        printOverview(*home, context);
    else
        printKind(*home, context);
    return ExitOk;
}

} // namespace hfcache
