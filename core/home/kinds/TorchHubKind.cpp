// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "TorchHubKind.h"

#include "home/HomeEnvironment.h"
#include "home/KindScan.h"

namespace hfcache {

namespace {

const QByteArray Checkpoints = QByteArrayLiteral("checkpoints");

// hub.py download_url_to_file: <dst>.<uuid4 hex>.partial, renamed to <dst> when complete.
QByteArray checkpointName(const QByteArray &name)
{
    if (!name.endsWith(".partial"))
        return name;
    const QByteArray stem = name.chopped(8);
    const qsizetype dot = stem.lastIndexOf('.');
    return dot < 0 ? stem : stem.left(dot);
}

} // namespace

QString TorchHubKind::id() const { return QStringLiteral("torch_hub"); }
QString TorchHubKind::displayName() const { return QStringLiteral("torch hub"); }
QString TorchHubKind::library() const { return QStringLiteral("torch.hub"); }

// torch/hub.py get_dir(): <_get_torch_home()>/hub (TORCH_HUB only warns that it is deprecated).
KindLocation TorchHubKind::locate(const HomeEnvironment &env) const
{
    return {id(), CacheLocations::joinPath(env.torchHome(), QStringLiteral("hub")), env.torchHomeSource()};
}

Placement TorchHubKind::classify(KindScan &scan, const WalkedEntry &entry) const
{
    const bool folder = entry.stat.isDirectory();
    if (entry.depth() == 0) {
        if (folder && entry.name == Checkpoints)
            return {EntryRole::Folder, -1};
        if (folder)  // <owner>_<repo>_<ref>: a repo's code, as torch.hub.load fetched it
            return {EntryRole::Folder, scan.group(entry.name, QStringLiteral("code"))};
        return {entry.name == "trusted_list" ? EntryRole::Metadata : EntryRole::Other, -1};
    }
    if (entry.depth() == 1 && entry.parents.first() == Checkpoints) {
        const qint32 group = scan.group(Checkpoints + '/' + checkpointName(entry.name), QStringLiteral("checkpoint"));
        return {entry.name.endsWith(".partial") ? EntryRole::Temporary : folder ? EntryRole::Folder : EntryRole::Data,
                group};
    }
    return {folder ? EntryRole::Folder : EntryRole::Data, entry.folderGroup};
}

} // namespace hfcache
