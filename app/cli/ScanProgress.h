// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "cache/CacheScan.h"

#include <QByteArray>

namespace hfcache {

struct CliContext;

// A command's scan of a hub cache as a user at a terminal sees it. On a slow (network)
// filesystem a scan can take minutes, so after the first second a progress line on stderr
// counts the repos ("Scanning /x: 120 of 2,000 repos; Ctrl+C stops"), and Ctrl+C stops the scan
// between two directory reads instead of killing the process mid-output: the snapshot comes
// back with `cancelled` set and the command prints nothing of it (see CliApplication).
// Without a terminal (scripts, --json) nothing is printed; Ctrl+C (SIGINT) still stops cleanly.
class ScanProgress
{
public:
    static CacheSnapshotPtr run(const QByteArray &root, const ScanOptions &options, const CacheScan::RepoCallback &onRepo,
                                CliContext &context, ScanError *error);
};

} // namespace hfcache
