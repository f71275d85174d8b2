// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "cache/CacheSnapshot.h"
#include "cache/Finding.h"
#include "home/KindSnapshot.h"

namespace hfcache {

// Parts of a datasets cache whose source is gone (hf-home-reference.md §2.1, issue 17): since
// datasets 3.0 a Hub dataset's files live in the hub cache (file_utils.py:175-196), so
//  - a builder folder <ns>___<name>/ without datasets--<ns>--<name> in the hub cache lost its
//    download (deleted with `hf cache rm`, or prepared by datasets < 3.0);
//  - an extracted/<sha256(archive path)>/ folder (extract.py:27-45) whose archive is neither a
//    download of this cache nor a file of a dataset in the hub cache lost its archive.
namespace DatasetsOrphans {

// `datasets-orphan-builder` and `datasets-orphan-extracted` (info); nothing without a hub cache.
Findings find(const KindSnapshot &datasets, const CacheSnapshot *hubCache);

} // namespace DatasetsOrphans

} // namespace hfcache
