// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CliCommand.h"

namespace hfcache {

// `hfcache scan`: what is in the cache, as a table for people or pinned JSON for scripts.
class ScanCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("scan"); }
    QString summary() const override { return QStringLiteral("List cached repos, revisions and files with sizes and findings"); }
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliContext &context) const override;
};

} // namespace hfcache
