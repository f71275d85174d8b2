// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "home/CacheKind.h"

namespace hfcache {

// evaluate's metrics cache ($HF_METRICS_CACHE, default $HF_HOME/metrics; evaluate config.py:124), §3.2:
// <module>/<config>/<exp>-<N>-<i>.arrow(.lock) and <exp>-<N>-rdv.lock. Items: one "experiment" per
// <module>/<config>/<exp>-<N>, with the process count N.
class MetricsKind : public CacheKind
{
public:
    QString id() const override;
    QString displayName() const override;
    QString library() const override;
    KindLocation locate(const HomeEnvironment &env) const override;
    Placement classify(KindScan &scan, const WalkedEntry &entry) const override;
    void finish(KindScan &scan) const override;
    // Each experiment's locks: process i of N, the rendezvous, the missing ones; and the
    // evaluate <= 0.4.1 + filelock >= 3.12 deadlock (evaluate #542) when its locks show it.
    void judgeLocks(KindLocks &locks) const override;
};

} // namespace hfcache
