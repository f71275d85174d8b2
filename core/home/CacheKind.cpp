// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CacheKind.h"

#include "KindScan.h"

namespace hfcache {

KindSnapshotPtr CacheKind::scan(const KindLocation &location, const HomeScanOptions &options) const
{
    return KindScan(*this, location, options).run();
}

} // namespace hfcache
