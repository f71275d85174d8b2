// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "home/CacheKind.h"

namespace hfcache {

// hf_xet's cache ($HF_XET_CACHE, default $HF_HOME/xet; xet_runtime/src/core/cache_dir.rs): logs/ and
// one folder per CAS endpoint holding chunk-cache/, shard-cache/ and staging/ (hf-home-reference.md §1.1).
// Items: logs, and each endpoint's chunk-cache, shard-cache and staging. hf_xet makes no lock files.
class XetKind : public CacheKind
{
public:
    QString id() const override;
    QString displayName() const override;
    QString library() const override;
    KindLocation locate(const HomeEnvironment &env) const override;
    bool isLockName(const QByteArray &) const override { return false; }
    Placement classify(KindScan &scan, const WalkedEntry &entry) const override;
    void finish(KindScan &scan) const override;
};

} // namespace hfcache
