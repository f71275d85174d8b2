// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HubCacheCommand.h"

namespace hfcache {

// `hfcache rm TARGET...`: repos, revisions (REPO@REV) or bare commit hashes, with
// huggingface_hub's delete strategy plus .no_exist, trees and lock files; never under a
// running job.
class RmCommand : public HubCacheCommand
{
public:
    QString name() const override { return QStringLiteral("rm"); }
    QString summary() const override { return QStringLiteral("Delete repos or revisions (shows the bytes freed first)"); }
    QString argumentsSyntax() const override { return QStringLiteral("TARGET..."); }

protected:
    void addCommandOptions(QCommandLineParser &parser) const override;
    std::unique_ptr<Job> parse(const QCommandLineParser &parser, CliContext &context) const override;
};

} // namespace hfcache
