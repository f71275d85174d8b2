// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HomeEnvironment.h"
#include "KindLocation.h"

#include <QList>
#include <QString>

namespace hfcache {

// Every cache kind's root (CacheKinds order), plus extra roots the user named for a kind
// ("--root datasets=/scratch/ds"), each after its kind's own.
class HomeLocations
{
public:
    // "KIND=DIR" -> an extra location with source "--root"; false and *error for a bad one.
    [[nodiscard]] static bool parseExtraRoot(const QString &spec, KindLocation *location, QString *error);
    // Paths made absolute against the current folder (a library resolves a relative one the same way).
    // A library that does not expand '~' in a variable makes a folder named '~'; so does this.
    static QList<KindLocation> resolve(const HomeEnvironment &env, const QList<KindLocation> &extraRoots = {});
};

} // namespace hfcache
