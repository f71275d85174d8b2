// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CliOptions.h"

namespace hfcache::CliOptions {

const QCommandLineOption &json()
{
    static const QCommandLineOption option(QStringLiteral("json"),
                                           QStringLiteral("Print one JSON object (keys documented in README)."));
    return option;
}

const QCommandLineOption &cacheDir()
{
    static const QCommandLineOption option(QStringLiteral("cache-dir"),
                                           QStringLiteral("Hub cache folder (default: resolved like huggingface_hub)."),
                                           QStringLiteral("DIR"));
    return option;
}

const QCommandLineOption &threads()
{
    static const QCommandLineOption option(QStringLiteral("threads"),
                                           QStringLiteral("Worker threads: scanning, hashing, compressing or copying "
                                                          "(default: one per core; 1 for a spinning disk)."),
                                           QStringLiteral("N"));
    return option;
}

const QCommandLineOption &yes()
{
    static const QCommandLineOption option(QStringLiteral("yes"), QStringLiteral("Do not ask for confirmation."));
    return option;
}

const QCommandLineOption &dryRun()
{
    static const QCommandLineOption option(QStringLiteral("dry-run"),
                                           QStringLiteral("Show what would change (the plan) and change nothing."));
    return option;
}

} // namespace hfcache::CliOptions
