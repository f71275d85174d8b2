// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DeletePlan.h"

#include "util/HumanFormat.h"
#include "util/JsonWriter.h"
#include "util/PathText.h"

namespace hfcache {

namespace {

const char *itemKindName(DeleteItem::Kind kind)
{
    switch (kind) {
    case DeleteItem::Kind::Repo: return "repo";
    case DeleteItem::Kind::Revision: return "revision";
    case DeleteItem::Kind::Orphans: return "orphan-blobs";
    case DeleteItem::Kind::Incomplete: return "incomplete-downloads";
    }
    return "?";
}

// Each inode once (in the first item that names it), and only when the plan removes every one
// of its links. One pass over `freed`: per-item sums and the whole plan's (last) in linear time.
QList<DeletePlan::Freed> sumFreed(const QList<DeletePlan::FreedFile> &freed, int items)
{
    QHash<FileKey, qint64> links;  // how many links of the inode the plan removes; -1 once counted
    links.reserve(freed.size());
    for (const DeletePlan::FreedFile &f : freed)
        ++links[f.key];
    QList<DeletePlan::Freed> totals(items + 1);
    for (const DeletePlan::FreedFile &f : freed) {
        qint64 &removed = links[f.key];
        const bool counted = removed < 0;
        const bool linkedElsewhere = !f.directory && quint64(removed) < f.nlink;
        removed = -1;
        if (counted || linkedElsewhere)
            continue;  // the first name of it decided; one linked elsewhere too frees nothing
        for (DeletePlan::Freed *sum : {&totals[items], f.item >= 0 && f.item < items ? &totals[f.item] : nullptr}) {
            if (!sum)
                continue;
            sum->bytes += f.diskSize;
            sum->apparent += f.directory ? 0 : f.size;
            sum->content += f.content ? f.diskSize : 0;
        }
    }
    return totals;
}

} // namespace

QString DeleteItem::label() const
{
    const QString id = PathText::display(cacheId);  // ids and refs are folder and file names
    QStringList shownRefs;
    for (const QString &ref : refs)
        shownRefs << PathText::display(ref);
    switch (kind) {
    case Kind::Repo:
        return id;
    case Kind::Revision:
        return QStringLiteral("%1@%2 (%3)").arg(id, QString::fromLatin1(commit.left(12)),
                                                refs.isEmpty() ? QStringLiteral("detached") : shownRefs.join(QStringLiteral(", ")));
    case Kind::Orphans:
        return QStringLiteral("%1: orphan blobs").arg(id);
    case Kind::Incomplete:
        return QStringLiteral("%1: interrupted downloads").arg(id);
    }
    return id;
}

quint64 DeletePlan::bytesFreed() const
{
    return sumFreed(freed, 0).last().bytes;
}

QList<DeletePlan::Freed> DeletePlan::freedByItem() const
{
    return sumFreed(freed, int(items.size()));
}

quint64 DeletePlan::apparentFreed() const
{
    return sumFreed(freed, 0).last().apparent;
}

quint64 DeletePlan::contentFreed() const
{
    return sumFreed(freed, 0).last().content;
}

QString DeleteItem::freedText() const
{
    return QStringLiteral("frees %1: %2 of its %3 of content + %4 of folders, refs, links and lock files")
        .arg(HumanFormat::size(bytesFreed), HumanFormat::size(contentFreed), HumanFormat::size(contentSize),
             HumanFormat::size(overheadFreed()));
}

int DeletePlan::revisionCount() const
{
    return int(std::count_if(items.cbegin(), items.cend(),
                             [](const DeleteItem &i) { return i.kind == DeleteItem::Kind::Revision; }));
}

QString DeletePlan::render() const
{
    QString text;
    if (items.isEmpty())
        text += QStringLiteral("Nothing to delete.\n");
    else
        text += QStringLiteral("In the cache %1:\n").arg(PathText::display(root));  // symlinks resolved
    for (const DeleteItem &item : items) {
        text += QStringLiteral("%1  %2, %3 file(s)%4\n")
                    .arg(item.label(), item.freedText())
                    .arg(item.files)
                    .arg(item.reason.isEmpty() ? QString() : QStringLiteral("  [%1]").arg(item.reason));
        if (item.kind == DeleteItem::Kind::Repo) {
            text += QStringLiteral("    the whole folder %1\n").arg(PathText::display(root + '/' + item.repoFolder));
            continue;
        }
        for (const DeleteOperation &op : item.operations)
            text += QStringLiteral("    %1 %2\n").arg(QLatin1String(DeleteOperation::kindName(op.kind)), -12)
                        .arg(PathText::display(op.path.mid(item.repoFolder.size() + 1)));
    }
    for (const DeleteNote &note : kept)
        text += QStringLiteral("Kept %1: %2\n").arg(PathText::display(root + '/' + note.path), note.reason);
    if (!items.isEmpty()) {
        const Freed total = sumFreed(freed, 0).last();
        text += QStringLiteral("Total: %1 item(s), %2 freed on disk (%3 apparent): %4 of content + %5 of folders, "
                               "refs, links and lock files.\n")
                    .arg(items.size())
                    .arg(HumanFormat::size(total.bytes), HumanFormat::size(total.apparent), HumanFormat::size(total.content),
                         HumanFormat::size(total.bytes - total.content));
    }
    return text;
}

void DeletePlan::writeJson(JsonWriter &json) const
{
    const Freed total = sumFreed(freed, 0).last();
    json.beginObject();
    json.field("cache_dir", root);
    json.field("bytes_freed", total.bytes);
    json.field("apparent_freed", total.apparent);
    json.field("content_freed", total.content);
    json.key("items");
    json.beginArray();
    for (const DeleteItem &item : items) {
        json.beginObject();
        json.field("kind", itemKindName(item.kind));
        json.field("repo", item.cacheId);
        // Every item has every key: null / [] where the kind has no revision.
        json.key("revision");
        if (item.commit.isEmpty())
            json.null();
        else
            json.value(item.commit);
        json.key("refs");
        json.beginArray();
        for (const QString &ref : item.refs)
            json.value(ref);
        json.endArray();
        json.field("reason", item.reason);
        json.field("bytes_freed", item.bytesFreed);
        json.field("content_freed", item.contentFreed);
        json.field("overhead_freed", item.overheadFreed());
        json.field("content_size", item.contentSize);
        json.field("files", item.files);
        json.key("operations");
        json.beginArray();
        for (const DeleteOperation &op : item.operations) {
            json.beginObject();
            json.field("kind", DeleteOperation::kindName(op.kind));
            json.field("path", op.path);
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }
    json.endArray();
    json.key("kept");
    json.beginArray();
    for (const DeleteNote &note : kept) {
        json.beginObject();
        json.field("path", note.path);
        json.field("reason", note.reason);
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

} // namespace hfcache
