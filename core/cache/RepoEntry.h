// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "EntryStat.h"

#include <QByteArray>

namespace hfcache {

// Any other entry of a repo worth keeping: folders (blobs/, refs/, snapshots/<c>/sub/),
// lock files, .no_exist markers, trees listings, unknown files. `path` is relative to the
// repo folder (lock files: relative to the cache root's .locks/<repo>/).
struct RepoEntry
{
    QByteArray path;
    EntryStat stat;
};

} // namespace hfcache
