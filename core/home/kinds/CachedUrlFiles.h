// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "home/WalkedEntry.h"

#include <QByteArray>
#include <QString>

namespace hfcache {

class KindScan;

// The cached_path naming that transformers < 4.22 used and datasets (downloads/) and evaluate
// copied (datasets utils/file_utils.py:110-131, 333-410): <sha256(url)>[.<sha256(etag)>][.py]
// with a .json {"url", "etag"} sidecar, a .lock and a .incomplete beside it. One item per
// cached URL, its URL and etag read from the sidecar.
class CachedUrlFiles
{
public:
    // An entry directly in such a folder; `folderKey` is the folder's path relative to the root
    // ("" or "downloads"), `type` the item type ("download", "file").
    static Placement classify(KindScan &scan, const WalkedEntry &entry, const QByteArray &folderKey, const QString &type);
    // The name without the sidecar suffixes: the cached file's own name.
    static QByteArray baseName(const QByteArray &name);
    // extract.py:27-45 names downloads/extracted/<sha256 of the archive's absolute path>/: pairs each
    // extracted item with the download it came from ("archive" and "extracted" details).
    static void pairExtracted(KindScan &scan, const QByteArray &downloadsKey);
    // "org/model" from a huggingface.co resolve URL (https://huggingface.co/<id>/resolve/...); empty otherwise.
    static QString modelOfUrl(const QString &url);
};

} // namespace hfcache
