// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "TransformersLegacyKind.h"

#include "CachedUrlFiles.h"
#include "cache/FindingCode.h"
#include "home/HomeEnvironment.h"
#include "home/KindScan.h"

namespace hfcache {

QString TransformersLegacyKind::id() const { return QStringLiteral("transformers_legacy"); }
QString TransformersLegacyKind::displayName() const { return QStringLiteral("transformers < 4.22 (legacy)"); }
QString TransformersLegacyKind::library() const { return QStringLiteral("transformers < 4.22"); }

// transformers 4.0-4.21 file_utils.py: TRANSFORMERS_CACHE, else PYTORCH_TRANSFORMERS_CACHE, else
// PYTORCH_PRETRAINED_BERT_CACHE, else expanduser(HF_HOME or $XDG_CACHE_HOME/huggingface)/transformers.
// From 4.22 these variables name the hub cache; where that is the same folder, HomeScan says so.
KindLocation TransformersLegacyKind::locate(const HomeEnvironment &env) const
{
    return env.firstSet(id(),
                        {QStringLiteral("TRANSFORMERS_CACHE"), QStringLiteral("PYTORCH_TRANSFORMERS_CACHE"),
                         QStringLiteral("PYTORCH_PRETRAINED_BERT_CACHE")},
                        HomeEnvironment::Expand::None,
                        CacheLocations::joinPath(env.libraryHfHome(), QStringLiteral("transformers")), env.hfHomeSource());
}

Placement TransformersLegacyKind::classify(KindScan &scan, const WalkedEntry &entry) const
{
    if (entry.depth() > 0)
        return {entry.stat.isDirectory() ? EntryRole::Folder : EntryRole::Data, entry.folderGroup};
    const Placement placement = CachedUrlFiles::classify(scan, entry, {}, QStringLiteral("file"));
    HomeGroup &item = scan.groupAt(placement.group);
    const QString model = CachedUrlFiles::modelOfUrl(item.detail(QStringLiteral("url")));
    if (!model.isEmpty())
        item.setDetail(QStringLiteral("model"), model);
    return placement;
}

void TransformersLegacyKind::finish(KindScan &scan) const
{
    if (!scan.snapshot().groups.isEmpty())
        scan.addFinding(Severity::Info, FindingCode::LegacyCache, {},
                        QStringLiteral("%1 file(s) cached by transformers < 4.22 (before huggingface_hub 0.8's layout); "
                                       "current transformers reads the hub cache and never these")
                            .arg(scan.snapshot().groups.size()));
}

} // namespace hfcache
