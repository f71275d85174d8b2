// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CliCommand.h"

namespace hfcache {

// `hfcache demo-cache DIR`: writes the small layout-exact demo cache (DemoCache).
class DemoCacheCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("demo-cache"); }
    QString summary() const override { return QStringLiteral("Write a small demo hub cache into a new folder"); }
    QString argumentsSyntax() const override { return QStringLiteral("DIR"); }
    void addOptions(QCommandLineParser &) const override {}
    int run(const QCommandLineParser &parser, CliContext &context) const override;
};

} // namespace hfcache
