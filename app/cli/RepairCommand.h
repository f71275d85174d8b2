// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CliCommand.h"

namespace hfcache {

// `hfcache repair [--home | --kind K | --root KIND=DIR] [--mine | --share-group G | --locks-only] [--default-acl] [--dry-run] [--yes]
// [--json]`: builds the plan from a scan, shows it, asks, applies what the user can alone
// in-process and the rest through hfcache-helper in one batch, then scans again and shows
// what is left.
class RepairCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("repair"); }
    QString summary() const override;
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliContext &context) const override;
};

} // namespace hfcache
