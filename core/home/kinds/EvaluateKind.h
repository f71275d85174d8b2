// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "home/CacheKind.h"

namespace hfcache {

// evaluate's own downloads ($HF_EVALUATE_CACHE, default $HF_HOME/evaluate; evaluate config.py:121-136):
// downloads/ with datasets' cached-file naming. Items: "download", "extracted".
class EvaluateKind : public CacheKind
{
public:
    QString id() const override;
    QString displayName() const override;
    QString library() const override;
    KindLocation locate(const HomeEnvironment &env) const override;
    Placement classify(KindScan &scan, const WalkedEntry &entry) const override;
    void finish(KindScan &scan) const override;
};

} // namespace hfcache
