// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "AssetsKind.h"

#include "home/HomeEnvironment.h"
#include "home/KindScan.h"

namespace hfcache {

QString AssetsKind::id() const { return QStringLiteral("assets"); }
QString AssetsKind::displayName() const { return QStringLiteral("assets"); }
QString AssetsKind::library() const { return QStringLiteral("huggingface_hub cached_assets_path()"); }

// constants.py: HF_ASSETS_CACHE, else HUGGINGFACE_ASSETS_CACHE, else $HF_HOME/assets (CacheLocations).
KindLocation AssetsKind::locate(const HomeEnvironment &env) const
{
    const QString source = env.isSet(QStringLiteral("HF_ASSETS_CACHE"))            ? QStringLiteral("HF_ASSETS_CACHE")
                           : env.isSet(QStringLiteral("HUGGINGFACE_ASSETS_CACHE")) ? QStringLiteral("HUGGINGFACE_ASSETS_CACHE")
                                                                                   : env.hfHomeSource();
    return {id(), env.hub().assetsCache, source};
}

// Any library may write here; nothing in the root is proof of the kind.
Placement AssetsKind::classify(KindScan &scan, const WalkedEntry &entry) const
{
    const EntryRole role = entry.stat.isDirectory() ? EntryRole::Folder : EntryRole::Data;
    if (entry.depth() > 0)
        return {role, entry.folderGroup};
    return {role, scan.group(entry.name, QStringLiteral("library"))};
}

} // namespace hfcache
