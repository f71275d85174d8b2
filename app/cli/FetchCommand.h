// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CliCommand.h"

namespace hfcache {

// `hfcache fetch REPO[@REV] [--missing-only] [--dry-run] [--json]`: downloads the files of a
// revision that are missing or corrupt, exactly as huggingface_hub would have stored them.
class FetchCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("fetch"); }
    QString summary() const override { return QStringLiteral("Download missing or corrupt files of a revision from the Hub"); }
    QString argumentsSyntax() const override { return QStringLiteral("REPO[@REV]"); }
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliContext &context) const override;
};

} // namespace hfcache
