// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CliCommand.h"
#include "cache/CacheScan.h"

#include <memory>

namespace hfcache {

// A command that works on a scanned hub cache (doctor, rm, prune, verify, check-updates): it
// adds --cache-dir, and its run() is three steps, the middle one done here once for all of them:
//   parse  the command reads its arguments and options into a Job (usage errors come before
//          anything is read from disk);
//   scan   --cache-dir (else the environment's cache) is refused when it is a local_dir, the
//          Job prepares for it, and the cache is scanned (the Job may see each repo as the
//          scan's workers finish it);
//   run    the Job works on the snapshot and prints its result.
// A new command of this kind copies VerifyCommand.
class HubCacheCommand : public CliCommand
{
public:
    void addOptions(QCommandLineParser &parser) const final;
    int run(const QCommandLineParser &parser, CliContext &context) const final;

    class Job
    {
    public:
        virtual ~Job() = default;
        // Before the scan, for the cache folder named: false after printing why (ExitUsage).
        virtual bool prepare(const QByteArray &root, CliContext &context);
        // When the scan could not open the cache (its error printed already): a snapshot to work
        // on all the same, or nullptr for ExitUsage (the default).
        virtual CacheSnapshotPtr unscannable(CliContext &context);
        // The work on the scanned cache, printing included; returns the exit status.
        virtual int run(const CacheSnapshotPtr &snapshot, CliContext &context) = 0;

        // Set to see every repo as the scan finishes it (called from the scan's workers).
        CacheScan::RepoCallback onRepo;
    };

protected:
    // The command's own options (--cache-dir is added already).
    virtual void addCommandOptions(QCommandLineParser &parser) const = 0;
    // The parse step: nullptr after printing a usage error (ExitUsage).
    virtual std::unique_ptr<Job> parse(const QCommandLineParser &parser, CliContext &context) const = 0;
};

} // namespace hfcache
