// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "ExportSource.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace hfcache {

// A datasets builder item (<ns>___<name>/<config>/<version>/<fingerprint>, the key
// `hfcache home --kind datasets` prints) as an ExportSource: its split Arrow files and its JSON
// metadata (dataset_info.json, state.json) as plain files at the export's root, the cache-*.arrow
// map caches only when asked. The builder folder is reached from the datasets cache's fd one
// component at a time without following a link, and each file is later read from that fd the
// same way (ExportSource::openContent): a link anywhere on the way, or a link, FIFO or device
// among the builder's files, refuses the export naming it. What datasets leaves there that is
// neither (an interrupted map()'s tmp*, folders, unknown names) is left out and named in a warning.
class DatasetExportSource
{
public:
    struct Options
    {
        bool mapCaches = false;  // the cache-*.arrow files of Dataset.map(): derived, often large
    };

    // Why `key` cannot name a builder item (empty: it can): four components, none empty, "." or
    // "..", not under downloads/, not a killed download_and_prepare's <fingerprint>.incomplete.
    static QString keyProblem(const QByteArray &key);

    [[nodiscard]] static std::optional<ExportSource> open(const QByteArray &datasetsRoot, const QByteArray &key,
                                                          const Options &options, QString *error);
};

} // namespace hfcache
