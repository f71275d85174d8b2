// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CacheKind.h"

#include "KindScan.h"

namespace hfcache {

KindSnapshotPtr CacheKind::scan(const KindLocation &location, const HomeScanOptions &options) const
{
    return KindScan(*this, location, options).run();
}

Placement CacheKind::classify(KindScan &, const WalkedEntry &entry) const
{
    return {entry.stat.isDirectory() ? EntryRole::Folder : EntryRole::Data, entry.folderGroup};
}

} // namespace hfcache
