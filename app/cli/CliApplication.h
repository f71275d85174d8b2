// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CliCommand.h"
#include "cache/CacheScan.h"

#include <QStringList>

#include <functional>

namespace hfcache {

// `hfcache [--version|--help] COMMAND [options]`: finds the command, parses its options with
// QCommandLineParser and runs it. Usage errors print one line and return ExitUsage; a mistyped
// command or option gets "did you mean ...?" (Suggestion).
class CliApplication
{
public:
    static int run(const QStringList &arguments, CliContext &context);
    // --cache-dir (CliOptions::cacheDir()) resolved: the flag, else the environment.
    static QByteArray cacheDir(const QCommandLineParser &parser);
    // A folder named on the command line, absolute and clean, as raw bytes.
    static QByteArray absolutePath(const QString &dir);
    // Commands that judge or change a hub cache cannot read a local_dir download folder: when
    // `root` is one, prints which commands read it and returns true (the caller exits ExitUsage).
    static bool refuseLocalDir(const QByteArray &root, CliContext &context);
    // --threads (CliOptions::threads()): *threads N, or 0 (one per core) when not given. False, with a usage error printed, when N
    // is not a whole number from 1 to 1024.
    static bool threads(const QCommandLineParser &parser, CliContext &context, int *threads);
    // Scans cacheDir(parser) (`onRepo` as CacheScan::run's); nullptr after printing "hfcache:
    // cannot open DIR: reason" when the root is unusable, after refuseLocalDir() refused it, or
    // when `beforeScan` (given the root) returned false after printing why. The caller then
    // exits with ExitUsage.
    static CacheSnapshotPtr scanCacheDir(const QCommandLineParser &parser, CliContext &context,
                                         const ScanOptions &options = {}, const CacheScan::RepoCallback &onRepo = {},
                                         const std::function<bool(const QByteArray &)> &beforeScan = {});
    static void printError(CliContext &context, const QString &message);
    // Every long option `parser` knows ("cache-dir", "help", ...), for "did you mean --cache-dir?".
    static QStringList optionNames(const QCommandLineParser &parser);

private:
    // Parses `arguments` (the command's name first) for `command`: --help, or a usage error with
    // a suggestion for a mistyped option, else the command's own run().
    static int runCommand(const CliCommand &command, QStringList arguments, CliContext &context);
};

} // namespace hfcache
