// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CliCommand.h"

namespace hfcache {

// `hfcache locks`: every lock file and download in progress, with state and holder;
// --watch refreshes in place; --merge reads many nodes' --json reports into one table.
class LocksCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("locks"); }
    QString summary() const override { return QStringLiteral("Show lock files, their holders and downloads in progress"); }
    QString argumentsSyntax() const override { return QStringLiteral("[--merge [FILE|-]...]"); }
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliContext &context) const override;
};

} // namespace hfcache
