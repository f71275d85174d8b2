// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CacheAudit.h"
#include "HomeDiagnosis.h"
#include "XetShardCacheLimit.h"
#include "home/HomeSnapshot.h"

#include <QByteArray>
#include <QString>

namespace hfcache {

// `hfcache doctor` for every cache kind beside the hub cache, on a HomeScan snapshot kept with
// its entries. The kind scans produce their findings (odd names, legacy caches, the xet chunk
// cache, hashed datasets locks, ...); this adds what needs the user, the machine or another
// cache: lock files and roots judged by CacheAudit's rules (shared policy included), the
// filesystem's lock semantics, stale temporaries of dead processes (/proc), the xet shard cache
// limit, datasets orphans (against the hub cache) and the token trap.
class HomeDoctor
{
public:
    struct Options
    {
        CacheAudit::Options audit;              // --as-user, --shared-group
        const CacheSnapshot *hubCache = nullptr;  // the hub cache doctor diagnosed (datasets orphans)
        QString hubSharedGroup;                 // the hub cache's shared group, when it is shared
        bool hubReportedPrivateHome = false;    // its audit said hf-home-private already
        QByteArray xetFilesystemReported;       // the xet folder whose filesystem findings it gave
        XetShardCacheLimit shardLimit;
        qint64 writtenBefore = 0;               // temporaries last written after this are not stale
    };

    // False and *error set when the user or group of the options is unknown.
    [[nodiscard]] static bool run(const HomeSnapshot &home, const Options &options, HomeDiagnosis *diagnosis,
                                  QString *error);
};

} // namespace hfcache
