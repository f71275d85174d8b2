// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CliCommand.h"

namespace hfcache {

// `hfcache export REPO[@REV] (--to DIR | --archive FILE)`: a symlink-free copy of a cached
// revision (or of a local_dir download with --local-dir, or of a datasets builder item with
// --kind datasets ITEM) as real files or a tar archive.
class ExportCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("export"); }
    QString summary() const override { return QStringLiteral("Copy a cached revision as real files: folder, .tar.gz, .tar.zst, .tar"); }
    QString argumentsSyntax() const override { return QStringLiteral("REPO[@REV] | --kind datasets ITEM"); }
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliContext &context) const override;
};

} // namespace hfcache
