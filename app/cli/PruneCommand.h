// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HubCacheCommand.h"

namespace hfcache {

// `hfcache prune`: detached revisions, interrupted downloads (under their blob lock), orphan
// blobs, revisions unused for a while, all but the newest N per repo.
class PruneCommand : public HubCacheCommand
{
public:
    QString name() const override { return QStringLiteral("prune"); }
    QString summary() const override { return QStringLiteral("Delete detached revisions, interrupted downloads, orphans, old revisions"); }

protected:
    void addCommandOptions(QCommandLineParser &parser) const override;
    std::unique_ptr<Job> parse(const QCommandLineParser &parser, CliContext &context) const override;
};

} // namespace hfcache
