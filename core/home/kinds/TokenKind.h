// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "home/CacheKind.h"

namespace hfcache {

// The Hub token ($HF_TOKEN_PATH, default $HF_HOME/token) with stored_tokens and stored_tokens.lock
// beside it (huggingface_hub constants.py:247-256, utils/_auth.py). A file, not a folder: the scan
// lstats the three names and the folder holding them (its mode is the token trap of §6).
class TokenKind : public CacheKind
{
public:
    QString id() const override;
    QString displayName() const override;
    QString library() const override;
    KindLocation locate(const HomeEnvironment &env) const override;
    Placement classify(KindScan &scan, const WalkedEntry &entry) const override;
    KindSnapshotPtr scan(const KindLocation &location, const HomeScanOptions &options) const override;
};

} // namespace hfcache
