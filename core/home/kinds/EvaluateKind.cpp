// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "EvaluateKind.h"

#include "CachedUrlFiles.h"
#include "cache/FindingCode.h"
#include "home/HomeEnvironment.h"
#include "home/KindScan.h"
#include "util/PathText.h"

namespace hfcache {

namespace {

const QByteArray Downloads = QByteArrayLiteral("downloads");

} // namespace

QString EvaluateKind::id() const { return QStringLiteral("evaluate"); }
QString EvaluateKind::displayName() const { return QStringLiteral("evaluate downloads"); }
QString EvaluateKind::library() const { return QStringLiteral("evaluate"); }

// config.py:121-136: HF_EVALUATE_CACHE, else <HF_HOME>/evaluate.
KindLocation EvaluateKind::locate(const HomeEnvironment &env) const
{
    return env.firstSet(id(), {QStringLiteral("HF_EVALUATE_CACHE")}, HomeEnvironment::Expand::User,
                        CacheLocations::joinPath(env.libraryHfHome(), QStringLiteral("evaluate")), env.hfHomeSource());
}

Placement EvaluateKind::classify(KindScan &scan, const WalkedEntry &entry) const
{
    if (entry.depth() == 0) {
        if (entry.name == Downloads && entry.stat.isDirectory())
            return {EntryRole::Folder, -1};
        scan.addFinding(Severity::Info, FindingCode::UnknownEntry, entry.name,
                        QStringLiteral("%1 is not part of evaluate's cache").arg(PathText::display(entry.name)));
        return {entry.stat.isDirectory() ? EntryRole::Folder : EntryRole::Other, -1};
    }
    if (entry.depth() == 1 && entry.parents.first() == Downloads && entry.name != "extracted")
        return CachedUrlFiles::classify(scan, entry, Downloads, QStringLiteral("download"));
    if (entry.depth() == 2 && entry.parents.at(1) == "extracted") {
        const QByteArray hash = entry.name.endsWith(".lock") ? entry.name.chopped(5) : entry.name;
        return {entry.stat.isDirectory() ? EntryRole::Folder : EntryRole::Other,
                scan.group(entry.parentPath(2) + '/' + hash, QStringLiteral("extracted"))};
    }
    return {entry.stat.isDirectory() ? EntryRole::Folder : EntryRole::Data, entry.folderGroup};
}

void EvaluateKind::finish(KindScan &scan) const
{
    CachedUrlFiles::pairExtracted(scan, Downloads);
}

} // namespace hfcache
