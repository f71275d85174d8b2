// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DeletePlan.h"

#include "util/HumanFormat.h"
#include "util/JsonWriter.h"
#include "util/Parallel.h"
#include "util/PathText.h"

#include <QThread>

#include <algorithm>
#include <numeric>
#include <vector>

namespace hfcache {

namespace {

const char *itemKindName(DeleteItem::Kind kind)
{
    switch (kind) {
    case DeleteItem::Kind::Repo: return "repo";
    case DeleteItem::Kind::Revision: return "revision";
    case DeleteItem::Kind::Orphans: return "orphan-blobs";
    case DeleteItem::Kind::Incomplete: return "incomplete-downloads";
    case DeleteItem::Kind::Cleanup: return "cleanup";
    case DeleteItem::Kind::SharedBlobs: return "shared-blobs";
    }
    return "?";
}

// One item's figures from one share of the inodes (DeletePlan::fillFreed).
struct FreedSums
{
    quint64 bytes = 0;
    quint64 apparent = 0;
    quint64 content = 0;
};

// The sums per item of the plan's inodes whose number is `share` modulo `shares`.
std::vector<FreedSums> freedShare(const DeletePlan &plan, qsizetype share, qsizetype shares)
{
    using FreedFile = DeletePlan::FreedFile;
    auto inShare = [share, shares](const FreedFile &f) { return qsizetype(f.key.inode % quint64(shares)) == share; };
    std::vector<FreedSums> sums(size_t(plan.items.size()));
    QHash<FileKey, qint64> links;  // how many links of the inode the plan removes; -1 once counted
    links.reserve(plan.freed.size() / shares);
    for (const FreedFile &f : plan.freed) {
        if (inShare(f))
            ++links[f.key];
    }
    for (const FreedFile &f : plan.freed) {
        if (!inShare(f))
            continue;
        qint64 &removed = links[f.key];
        const bool counted = removed < 0;
        const bool linkedElsewhere = !f.directory && quint64(removed) < f.nlink;
        removed = -1;
        if (counted || linkedElsewhere || f.item < 0 || f.item >= plan.items.size())
            continue;  // the first name of it decided; one linked elsewhere too frees nothing
        FreedSums &item = sums[size_t(f.item)];
        item.bytes += f.diskSize;
        item.apparent += f.directory ? 0 : f.size;
        item.content += f.content ? f.diskSize : 0;
    }
    return sums;
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
    case Kind::Cleanup:
        return cacheId;
    case Kind::SharedBlobs:
        return QStringLiteral("shared blob store: unreferenced payloads");
    }
    return id;
}

quint64 DeletePlan::bytesFreed() const
{
    return std::accumulate(items.cbegin(), items.cend(), quint64(0), [](quint64 sum, const DeleteItem &i) { return sum + i.bytesFreed; });
}

quint64 DeletePlan::apparentFreed() const
{
    return std::accumulate(items.cbegin(), items.cend(), quint64(0), [](quint64 sum, const DeleteItem &i) { return sum + i.apparentFreed; });
}

quint64 DeletePlan::contentFreed() const
{
    return std::accumulate(items.cbegin(), items.cend(), quint64(0), [](quint64 sum, const DeleteItem &i) { return sum + i.contentFreed; });
}

void DeletePlan::addLockFile(const EntryStat &st, const QByteArray &path)
{
    const FileKey key{st.device, st.inode};
    lockFiles.insert(key, path);
    if (st.isRegularFile() && st.nlink == 1)
        plainLockFiles.insert(key);
}

void DeletePlan::fillFreed()
{
    // Each inode's links are counted apart from every other inode's: the inodes are shared out
    // among the cores (by inode number), each share adds up its figures per item, and the items
    // get the sums of the shares (integers: the same whatever the order).
    constexpr qsizetype MinPerShare = 1 << 14;  // below, a thread costs more than it saves
    const qsizetype shares = std::clamp(freed.size() / MinPerShare, qsizetype(1), qsizetype(QThread::idealThreadCount()));
    std::vector<std::vector<FreedSums>> sums;
    sums.resize(size_t(shares));
    runInSlices(shares, 1, [&](qsizetype share, qsizetype) { sums[size_t(share)] = freedShare(*this, share, shares); });
    for (DeleteItem &item : items)
        item.bytesFreed = item.contentFreed = item.apparentFreed = 0;
    for (const std::vector<FreedSums> &share : sums) {
        for (qsizetype i = 0; i < items.size(); ++i) {
            items[i].bytesFreed += share[size_t(i)].bytes;
            items[i].apparentFreed += share[size_t(i)].apparent;
            items[i].contentFreed += share[size_t(i)].content;
        }
    }
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
        const bool whole = item.kind == DeleteItem::Kind::Repo;
        if (whole)
            text += QStringLiteral("    the whole folder %1\n").arg(PathText::display(root + '/' + item.repoFolder));
        if (item.kind == DeleteItem::Kind::Cleanup) {
            // A cleanup may name a million downloads: its first paths say what it is.
            constexpr int MaxPathsShown = 8;
            for (qsizetype i = 0; i < item.paths.size() && i < MaxPathsShown; ++i)
                text += QStringLiteral("    %1\n").arg(PathText::display(item.paths[i]));
            if (item.paths.size() > MaxPathsShown)
                text += QStringLiteral("    ... and %1 more\n").arg(item.paths.size() - MaxPathsShown);
            continue;
        }
        for (const DeleteOperation &op : item.operations) {
            // Shared payloads live outside the repo folder: shown from the cache root.
            const bool inRepo = !item.repoFolder.isEmpty() && op.path.startsWith(item.repoFolder + '/');
            if (whole && inRepo)
                continue;
            text += QStringLiteral("    %1 %2\n").arg(QLatin1String(DeleteOperation::kindName(op.kind)), -12)
                        .arg(PathText::display(inRepo ? op.path.mid(item.repoFolder.size() + 1) : op.path));
        }
    }
    for (const DeleteNote &note : kept)
        text += QStringLiteral("Kept %1: %2\n").arg(PathText::display(root + '/' + note.path), note.reason);
    if (!items.isEmpty())
        text += QStringLiteral("Total: %1 item(s), %2 freed on disk (%3 apparent): %4 of content + %5 of folders, "
                               "refs, links and lock files.\n")
                    .arg(items.size())
                    .arg(HumanFormat::size(bytesFreed()), HumanFormat::size(apparentFreed()), HumanFormat::size(contentFreed()),
                         HumanFormat::size(bytesFreed() - contentFreed()));
    return text;
}

void DeletePlan::writeJson(JsonWriter &json) const
{
    json.beginObject();
    json.field("cache_dir", root);
    json.field("bytes_freed", bytesFreed());
    json.field("apparent_freed", apparentFreed());
    json.field("content_freed", contentFreed());
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
        json.key("paths");
        json.beginArray();
        for (const QByteArray &path : item.paths)
            json.value(path);
        json.endArray();
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
