// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "cache/Finding.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace hfcache {

// The token trap once sprung: huggingface_hub >= 1.16 (#4234) chmods the token's folder -- by
// default HF_HOME -- to 0700 at every login and token refresh, locking the group out of every
// shared cache below it. One rule for the hub cache's audit and for the other kinds' diagnosis.
namespace HfHomePrivacy {

// `hf-home-private` when `hfHome` is a folder with no group or other bits while a cache below it
// is shared with `sharedGroup`; nothing otherwise.
std::optional<Finding> check(const QByteArray &hfHome, const QString &sharedGroup);

} // namespace HfHomePrivacy

} // namespace hfcache
