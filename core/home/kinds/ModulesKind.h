// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "home/CacheKind.h"

namespace hfcache {

// $HF_MODULES_CACHE (default $HF_HOME/modules), §6: Python code copied from the Hub by
// transformers (transformers_modules/<org>/<repo>/<commit>/), datasets <= 3.6 (datasets_modules/),
// evaluate (evaluate_modules/) and diffusers (diffusers_modules/). Items: one "module" per repo
// and commit (hash).
class ModulesKind : public CacheKind
{
public:
    QString id() const override;
    QString displayName() const override;
    QString library() const override;
    KindLocation locate(const HomeEnvironment &env) const override;
    Placement classify(KindScan &scan, const WalkedEntry &entry) const override;
};

} // namespace hfcache
