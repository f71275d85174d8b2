// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HubCacheCommand.h"

#include "CliApplication.h"
#include "CliOptions.h"

namespace hfcache {

bool HubCacheCommand::Job::prepare(const QByteArray &, CliContext &)
{
    return true;
}

CacheSnapshotPtr HubCacheCommand::Job::unscannable(CliContext &)
{
    return nullptr;
}

void HubCacheCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOption(CliOptions::cacheDir());
    addCommandOptions(parser);
}

int HubCacheCommand::run(const QCommandLineParser &parser, CliContext &context) const
{
    const std::unique_ptr<Job> job = parse(parser, context);
    if (!job)
        return ExitUsage;
    bool prepared = false;
    CacheSnapshotPtr snapshot = CliApplication::scanCacheDir(parser, context, {}, job->onRepo, [&](const QByteArray &root) {
        return prepared = job->prepare(root, context);
    });
    if (snapshot && snapshot->cancelled)
        return ExitInterrupted;  // ScanProgress said so
    if (!snapshot && prepared)
        snapshot = job->unscannable(context);
    return snapshot ? job->run(snapshot, context) : int(ExitUsage);
}

} // namespace hfcache
