// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "home/CacheKind.h"

namespace hfcache {

// The hub cache, located by CacheLocations and scanned by CacheScan (the rest of hfcache's
// commands read it in full); here it is one row among the others: its repos are the items.
class HubKind : public CacheKind
{
public:
    QString id() const override;
    QString displayName() const override;
    QString library() const override;
    KindLocation locate(const HomeEnvironment &env) const override;
    KindSnapshotPtr scan(const KindLocation &location, const HomeScanOptions &options) const override;
};

} // namespace hfcache
