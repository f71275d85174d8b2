// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CliCommand.h"

namespace hfcache {

// `hfcache home`: every Hugging Face cache on the machine (hub, xet, datasets, evaluate,
// modules, assets, token, legacy and torch caches), one row per cache; `--kind K` lists the
// items of one kind. A command of its own rather than `scan --home`: scan's options (revisions,
// files, sort and filter keys) are the hub cache's and mean nothing for the other kinds.
class HomeCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("home"); }
    QString summary() const override
    {
        return QStringLiteral("Every Hugging Face cache (hub, xet, datasets, evaluate, modules, torch...): sizes, owners, items");
    }
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliContext &context) const override;
};

} // namespace hfcache
