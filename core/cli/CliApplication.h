// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CliCommand.h"
#include "cache/CacheScan.h"

#include <QStringList>

namespace hfcache {

// `hfcache [--version|--help] COMMAND [options]`: finds the command, parses its options with
// QCommandLineParser and runs it. Usage errors print one line and return ExitUsage.
class CliApplication
{
public:
    static int run(const QStringList &arguments, CliContext &context);
    // The common `--cache-dir` option and its resolution (flag, else the environment).
    static void addCacheDirOption(QCommandLineParser &parser);
    static QByteArray cacheDir(const QCommandLineParser &parser);
    // A folder named on the command line, absolute and clean, as raw bytes.
    static QByteArray absolutePath(const QString &dir);
    // Commands that judge or change a hub cache cannot read a local_dir download folder: when
    // `root` is one, prints which commands read it and returns true (the caller exits ExitUsage).
    static bool refuseLocalDir(const QByteArray &root, CliContext &context);
    // --threads N, described by `description`.
    static void addThreadsOption(QCommandLineParser &parser, const QString &description);
    // *threads: N, or 0 (one per core) when not given. False, with a usage error printed, when N
    // is not a whole number from 1 to 1024.
    static bool threads(const QCommandLineParser &parser, CliContext &context, int *threads);
    // Scans cacheDir(parser); nullptr after printing "hfcache: cannot open DIR: reason" when the
    // root is unusable or refuseLocalDir() refused it (the caller then exits with ExitUsage).
    static CacheSnapshotPtr scanCacheDir(const QCommandLineParser &parser, CliContext &context,
                                         const ScanOptions &options = {});
    static void printError(CliContext &context, const QString &message);
};

} // namespace hfcache
