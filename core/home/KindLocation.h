// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QString>

namespace hfcache {

// Where one cache kind lives, as its library resolves it, and what decided that.
struct KindLocation
{
    QString kindId;   // CacheKind::id()
    QString path;     // absolute once the caller made it so; a library may resolve a relative one
    QString source;   // the variable that decided ("HF_DATASETS_CACHE", "HF_HOME", ...), "default" or "--root"
};

} // namespace hfcache
