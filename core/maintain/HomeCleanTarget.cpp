// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeCleanTarget.h"

#include <QStringList>

namespace hfcache::HomeCleanTargets {

const QList<Info> &all()
{
    static const QList<Info> targets = {
        {HomeCleanTarget::XetChunkCache, "xet-chunk-cache", "xet", "xet chunk caches (hf_xet <= 1.2 wrote them, >= 1.3 never reads them)"},
        {HomeCleanTarget::XetLogs, "xet-logs", "xet", "xet logs of processes that are gone"},
        {HomeCleanTarget::XetStaging, "xet-staging", "xet", "xet session temp folders and temp files no process uses, quiet for an hour"},
        {HomeCleanTarget::XetShards, "xet-shards", "xet", "the xet shard cache trimmed to --shard-limit (default 16 GiB), oldest first"},
        {HomeCleanTarget::DatasetsMapCaches, "datasets-map-caches", "datasets", "datasets map() caches (cache-*.arrow), made again on demand"},
        {HomeCleanTarget::DatasetsOrphans, "datasets-orphans", "datasets",
         "extracted archives whose download is gone, downloads left without data, lock files of deleted builder folders"},
        {HomeCleanTarget::DatasetsIncomplete, "datasets-incomplete", "datasets",
         ".incomplete builder folders and downloads whose lock is free and which no process uses"},
        {HomeCleanTarget::DatasetsTemporaries, "datasets-temporaries", "datasets",
         "tmpXXXXXXXX files a killed map() left in builder folders, which no process uses, quiet for an hour"},
        {HomeCleanTarget::EvaluateFinished, "evaluate-finished", "metrics", "lock files of finished evaluate experiments"},
        {HomeCleanTarget::Legacy, "legacy", "legacy",
         "sentence-transformers <= 2.2.2 and transformers < 4.22 caches, torch hub .partial downloads"},
    };
    return targets;
}

const Info &info(HomeCleanTarget target)
{
    for (const Info &i : all()) {
        if (i.target == target)
            return i;
    }
    return all().first();
}

std::optional<HomeCleanTarget> fromWord(const QString &word)
{
    for (const Info &i : all()) {
        if (word == QLatin1String(i.word))
            return i.target;
    }
    return std::nullopt;
}

QStringList words()
{
    QStringList list;
    for (const Info &i : all())
        list << QString::fromLatin1(i.word);
    return list;
}

} // namespace hfcache::HomeCleanTargets
