// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HubCacheCommand.h"

namespace hfcache {

// `hfcache verify [REPO[@REV]]...`: hashes every blob against its name, on all cores, and
// compares revisions with their trees/<commit>.json listing. Exit 1 on any mismatch.
class VerifyCommand : public HubCacheCommand
{
public:
    QString name() const override { return QStringLiteral("verify"); }
    QString summary() const override { return QStringLiteral("Hash every blob and compare it with its name and the Hub's listing"); }
    QString argumentsSyntax() const override { return QStringLiteral("[REPO[@REV]...]"); }

protected:
    void addCommandOptions(QCommandLineParser &parser) const override;
    std::unique_ptr<Job> parse(const QCommandLineParser &parser, CliContext &context) const override;
};

} // namespace hfcache
