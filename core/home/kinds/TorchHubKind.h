// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "home/CacheKind.h"

namespace hfcache {

// torch.hub's folder ($TORCH_HOME/hub, default ~/.cache/torch/hub; torch/hub.py get_dir), §6:
// checkpoints/<file> (and <file>.<uuid4hex>.partial of a killed download), <owner>_<repo>_<ref>/
// code trees, trusted_list. Items: "checkpoint" per file, "code" per repo tree. torch.hub
// makes no lock files.
class TorchHubKind : public CacheKind
{
public:
    QString id() const override;
    QString displayName() const override;
    QString library() const override;
    KindLocation locate(const HomeEnvironment &env) const override;
    bool isLockName(const QByteArray &) const override { return false; }
    Placement classify(KindScan &scan, const WalkedEntry &entry) const override;
};

} // namespace hfcache
