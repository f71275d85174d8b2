// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CacheKind.h"

#include "KindScan.h"
#include "cache/KindMarkers.h"

namespace hfcache {

const QList<QByteArray> &CacheKind::markers() const
{
    return KindMarkers::of(id().toLatin1());
}

KindSnapshotPtr CacheKind::scan(const KindLocation &location, const HomeScanOptions &options) const
{
    return KindScan(*this, location, options).run();
}

Placement CacheKind::classify(KindScan &, const WalkedEntry &entry) const
{
    return {entry.stat.isDirectory() ? EntryRole::Folder : EntryRole::Data, entry.folderGroup};
}

} // namespace hfcache
