// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CliCommand.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace hfcache {

// `hfcache export --kind datasets ITEM`: the datasets cache (of `hfcache where`, or a --root
// datasets=DIR) holding the builder item ITEM, keyed as `hfcache home --kind datasets` prints it.
// A folder of that name is taken as it is (no scan of a cache of a million downloads); otherwise
// the caches are scanned and the nearest builder items offered ("did you mean ...?").
namespace DatasetItemLookup {

struct Found
{
    QByteArray root;  // the datasets cache
    QByteArray key;   // the builder item below it
};

// nullopt after printing why (a usage error: no such item).
std::optional<Found> find(const QCommandLineParser &parser, const QString &item, CliContext &context);

} // namespace DatasetItemLookup

} // namespace hfcache
