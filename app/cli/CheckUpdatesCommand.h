// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HubCacheCommand.h"

namespace hfcache {

// `hfcache check-updates [REPO[@REF]...] [--json]`: asks the Hub whether each cached ref still
// names the cached commit.
class CheckUpdatesCommand : public HubCacheCommand
{
public:
    QString name() const override { return QStringLiteral("check-updates"); }
    QString summary() const override { return QStringLiteral("Ask the Hub whether cached refs (main, branches, tags, PRs) moved"); }
    QString argumentsSyntax() const override { return QStringLiteral("[REPO[@REF]...]"); }

protected:
    void addCommandOptions(QCommandLineParser &parser) const override;
    std::unique_ptr<Job> parse(const QCommandLineParser &parser, CliContext &context) const override;
};

} // namespace hfcache
