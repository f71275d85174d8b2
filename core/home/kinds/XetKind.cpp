// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "XetKind.h"

#include "cache/FindingCode.h"
#include "home/HomeEnvironment.h"
#include "home/KindScan.h"
#include "util/PathText.h"

#include <algorithm>

namespace hfcache {

namespace {

const QByteArray Logs = QByteArrayLiteral("logs");
const QByteArray ChunkCache = QByteArrayLiteral("chunk-cache");

// compute_cache_path (configurations.rs): the first 16 characters of the endpoint URL with every
// non-alphanumeric as '_', then '-' and a hash. Only the scheme separator can be told back.
QString endpointPrefix(const QByteArray &tag)
{
    QString prefix = PathText::display(tag.left(tag.indexOf('-') < 0 ? tag.size() : tag.indexOf('-')));
    for (const char *scheme : {"https", "http"}) {
        const QString written = QLatin1String(scheme) + QLatin1String("___");
        if (prefix.startsWith(written))
            return QLatin1String(scheme) + QLatin1String("://") + prefix.mid(written.size()) + QStringLiteral("…");
    }
    return prefix + QStringLiteral("…");
}

bool isTemporaryName(const QByteArray &name)
{
    // metadata_shard/utils.rs:38-41 (.<uuid>.mdb_temp), safe_file_creator.rs (.<dir>.<10>.tmp),
    // the session TempDir .tmpXXXXXX of native.rs.
    return name.endsWith(".mdb_temp") || (name.startsWith('.') && name.endsWith(".tmp")) || name.startsWith(".tmp");
}

} // namespace

QString XetKind::id() const { return QStringLiteral("xet"); }
QString XetKind::displayName() const { return QStringLiteral("xet cache"); }
QString XetKind::library() const { return QStringLiteral("hf_xet"); }

// cache_dir.rs xet_cache_root(): HF_XET_CACHE, else $HF_HOME/xet, else $XDG_CACHE_HOME/huggingface/xet,
// else ~/.cache/huggingface/xet -- the order CacheLocations resolves HF_HOME in.
KindLocation XetKind::locate(const HomeEnvironment &env) const
{
    const QString source = env.isSet(QStringLiteral("HF_XET_CACHE")) ? QStringLiteral("HF_XET_CACHE") : env.hfHomeSource();
    return {id(), env.hub().xetCache, source};
}

Placement XetKind::classify(KindScan &scan, const WalkedEntry &entry) const
{
    const bool folder = entry.stat.isDirectory();
    if (entry.depth() == 0) {
        if (entry.name == Logs && folder)
            return {EntryRole::Folder, scan.group(Logs, QStringLiteral("logs"))};
        if (!folder) {
            scan.addFinding(Severity::Info, FindingCode::UnknownEntry, entry.name,
                            QStringLiteral("%1 is not part of hf_xet's cache").arg(PathText::display(entry.name)));
            return {EntryRole::Other, -1};
        }
        const qint32 group = scan.group(entry.name, QStringLiteral("endpoint"));
        scan.groupAt(group).setDetail(QStringLiteral("endpoint"), endpointPrefix(entry.name));
        return {EntryRole::Folder, group};
    }
    if (entry.depth() == 1 && entry.parents.first() != Logs && folder) {
        // chunk-cache, shard-cache, staging: each its own item (the sizes that matter differ).
        const qint32 group = scan.group(entry.parents.first() + '/' + entry.name, QString::fromLatin1(entry.name));
        return {EntryRole::Folder, group};
    }
    if (folder)
        return {isTemporaryName(entry.name) ? EntryRole::Temporary : EntryRole::Folder, entry.folderGroup};
    if (entry.depth() == 1 && entry.parents.first() == Logs)
        return {entry.name.startsWith("xet_") && entry.name.endsWith(".log") ? EntryRole::Log : EntryRole::Other,
                entry.folderGroup};
    if (entry.depth() < 2)  // a file directly in an endpoint folder: hf_xet puts none there
        return {EntryRole::Other, entry.folderGroup};
    const auto below = [&entry](auto predicate) {
        return std::any_of(entry.parents.cbegin() + 2, entry.parents.cend(), predicate);
    };
    if (isTemporaryName(entry.name) || below([](const QByteArray &p) { return p.startsWith(".tmp"); }))
        return {EntryRole::Temporary, entry.folderGroup};
    if (below([](const QByteArray &p) { return p == "xorb_metadata"; }))
        return {EntryRole::Metadata, entry.folderGroup};
    return {EntryRole::Data, entry.folderGroup};
}

// §1.2: hf_xet >= 1.3 never reads a chunk cache; one that holds data is a leftover of <= 1.2.
void XetKind::finish(KindScan &scan) const
{
    for (const HomeGroup &group : scan.snapshot().groups) {
        if (group.type == QLatin1String(ChunkCache) && group.count(EntryRole::Data) > 0)
            scan.addFinding(Severity::Info, FindingCode::XetChunkCacheUnused, group.key,
                            QStringLiteral("a chunk cache of %1 file(s): hf_xet <= 1.2 wrote it, hf_xet >= 1.3 never "
                                           "reads it (xet-core #715); deleting it costs nothing but a re-download for "
                                           "an old hf_xet").arg(group.count(EntryRole::Data)));
    }
}

} // namespace hfcache
