// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CliCommand.h"

namespace hfcache {

// `hfcache clean TARGET... [--kind K] [--dataset NAME] [--shard-limit SIZE]`: deletes what the
// caches beside the hub cache leave behind (xet, datasets, evaluate, legacy caches), planned by
// core's HomeCleanPlanner and carried out by the DeleteExecutor of rm and prune (DeleteFlow:
// --dry-run, --yes, --json). Targets are words like `ninja -t clean` or `git gc` take them.
class CleanCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("clean"); }
    QString summary() const override
    {
        return QStringLiteral("Delete what the other caches leave behind (xet, datasets, evaluate, legacy), never what runs");
    }
    void addOptions(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, CliContext &context) const override;
};

} // namespace hfcache
