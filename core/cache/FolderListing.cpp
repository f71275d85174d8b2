// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "FolderListing.h"

#include "util/Parallel.h"

namespace hfcache {

void FolderListing::statInParallel(int dirFd, Block *block)
{
    const qsizetype count = block->names.size();
    block->stats.assign(size_t(count), StatResult{});
    // Slices of 256 entries: few enough atomic increments, small enough to share out evenly.
    constexpr qsizetype Slice = 256;
    runInSlices(count, Slice, [&](qsizetype begin, qsizetype end) {
        for (qsizetype i = begin; i < end; ++i) {
            StatResult &result = block->stats[size_t(i)];
            result.present = EntryStat::lstatAt(dirFd, block->names[i].name, &result.stat);
        }
    });
}

void FolderListing::statWhileListing(DirectoryReader &dir, Block *block, QList<DirectoryReader::Entry> *listedAhead)
{
    std::thread lister([&] { *listedAhead = dir.next(ParallelStatBlock); });
    statInParallel(dir.fd(), block);
    lister.join();
}

} // namespace hfcache
