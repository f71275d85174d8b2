// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "home/CacheKind.h"

namespace hfcache {

// $HF_ASSETS_CACHE (default $HF_HOME/assets): cached_assets_path(library, namespace, subfolder)
// of huggingface_hub utils/_cache_assets.py. One item per library.
class AssetsKind : public CacheKind
{
public:
    QString id() const override;
    QString displayName() const override;
    QString library() const override;
    KindLocation locate(const HomeEnvironment &env) const override;
    Placement classify(KindScan &scan, const WalkedEntry &entry) const override;
};

} // namespace hfcache
