// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CacheKind.h"

#include <QString>

#include <memory>
#include <vector>

namespace hfcache {

// The one table of cache kinds, in the order tables list them: the hub cache first, then what
// lives beside it in HF_HOME, then the caches of other homes (torch) and the legacy ones.
namespace CacheKinds {

const std::vector<std::unique_ptr<const CacheKind>> &all();
// nullptr for an unknown id.
const CacheKind *find(const QString &id);
// The kind's displayName(), or the id itself for a kind this build does not know.
QString displayName(const QString &id);
// "hub, xet, datasets, ..." for usage errors.
QString idList();

} // namespace CacheKinds

} // namespace hfcache
