// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "cache/Finding.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace hfcache {

// The token trap (hf-home-reference.md §6, huggingface_hub #4234): since huggingface_hub 1.16
// `hf auth login`, stored-token saves and OAuth refreshes chmod the token's folder -- HF_HOME
// unless HF_TOKEN_PATH moves the token -- to 0700. A token kept above group-shared caches locks
// the group out at the next login; chmod alone does not last, a per-user HF_TOKEN_PATH does.
namespace TokenTrap {

struct SharedRoot
{
    QByteArray path;
    QString group;
};

// `hf-home-token-trap` when the token file `tokenPath` exists and its folder holds one of
// `sharedRoots`: an error once the folder is private (the trap has sprung), else a warning.
Findings check(const QByteArray &tokenPath, const QList<SharedRoot> &sharedRoots);

} // namespace TokenTrap

} // namespace hfcache
