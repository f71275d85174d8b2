// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "BlobKind.h"
#include "EntryStat.h"

#include <QByteArray>

namespace hfcache {

// One file in a repo's blobs/ folder.
struct CachedBlob
{
    QByteArray name;
    BlobKind kind = BlobKind::Invalid;
    EntryStat stat;
    int snapshotLinks = 0;  // how many snapshot entries resolve to it; 0 = orphan
};

} // namespace hfcache
