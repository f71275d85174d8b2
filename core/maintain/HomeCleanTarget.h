// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace hfcache {

// The leftovers `hfcache clean` (and the GUI) can clean by name in the caches beside the hub
// cache; whole caches (--kind) and datasets (--dataset) are asked for apart. Why each is safe to
// delete is in hf-home-reference.md (the section each description names).
enum class HomeCleanTarget : quint8 {
    XetChunkCache,      // §1.2: written by hf_xet <= 1.2, never read by >= 1.3
    XetLogs,            // §1.2: logs of processes that are gone
    XetStaging,         // §1.1: session temp folders and temp files of killed writers
    XetShards,          // §1.2: the shard cache trimmed to a size, oldest first
    DatasetsMapCaches,  // §2.2: cache-*.arrow of map(), recomputed on demand
    DatasetsOrphans,    // §2.1: extracted archives whose download is gone, downloads left with no data, root locks of deleted builders
    DatasetsIncomplete, // §2.1: .incomplete builder folders and downloads of killed processes
    DatasetsTemporaries, // §2.1: tmpXXXXXXXX files a killed map() left beside cache-*.arrow
    EvaluateFinished,   // §3.2: lock files of finished experiments
    Legacy,             // §4, §6: sentence-transformers <= 2.2.2, transformers < 4.22, torch hub .partial
};

namespace HomeCleanTargets {

struct Info
{
    HomeCleanTarget target;
    const char *word;         // "xet-chunk-cache": the command line's name
    const char *kind;         // the CacheKind id it cleans in ("legacy": several)
    const char *description;  // one line for help texts
};

const QList<Info> &all();
const Info &info(HomeCleanTarget target);
std::optional<HomeCleanTarget> fromWord(const QString &word);
QStringList words();

} // namespace HomeCleanTargets

} // namespace hfcache
