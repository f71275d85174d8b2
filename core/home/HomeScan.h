// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HomeScanOptions.h"
#include "HomeSnapshot.h"
#include "KindLocation.h"

#include <QList>

namespace hfcache {

// Scans every location (HomeLocations::resolve) with its kind's scan, several kinds at once (one
// per core): each kind's walk is one pass over its tree, and the hub cache's scan fans out over
// its own workers. Blocks its caller (run it on a worker thread in a GUI). A folder two kinds resolve to is read
// once, by the first; a kind limited by `onlyKind` skips the others.
class HomeScan
{
public:
    static HomeSnapshotPtr run(const QString &hfHome, const QList<KindLocation> &locations,
                               const HomeScanOptions &options = {}, const QString &onlyKind = {});
};

} // namespace hfcache
