// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "home/CacheKind.h"
#include "home/HomeEntry.h"

namespace hfcache {

// The datasets cache ($HF_DATASETS_CACHE, default $HF_HOME/datasets; datasets config.py:153-170), §2.1:
// builder folders <ns>___<name>/<config>/<version>/<fingerprint>/ with their Arrow files and cache-*.arrow
// map caches, the root's lock files, downloads/ (URL and etag from each .json) and downloads/extracted/.
// Items: "builder", "incomplete" (a killed download_and_prepare), "download", "extracted" (paired with the
// download it was extracted from).
class DatasetsKind : public CacheKind
{
public:
    QString id() const override;
    QString displayName() const override;
    QString library() const override;
    KindLocation locate(const HomeEnvironment &env) const override;
    Placement classify(KindScan &scan, const WalkedEntry &entry) const override;
    void finish(KindScan &scan) const override;

    // What a file of a builder folder is: a split's Arrow file (Data), a cache-*.arrow map cache
    // (DerivedCache), dataset_info.json or state.json (Metadata), an interrupted map()'s tmp*
    // (Temporary), or Other. The scan and the export of a builder item decide by it.
    static EntryRole builderFileRole(const QByteArray &name);
};

} // namespace hfcache
