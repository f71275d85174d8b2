// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "EntryStat.h"
#include "util/DirectoryReader.h"

#include <QByteArray>
#include <QString>

#include <algorithm>
#include <cerrno>
#include <thread>
#include <vector>

namespace hfcache {

// One folder of a scan: opened from `parentFd` by its own name (never through a link), listed,
// and every entry lstat'ed. The scanners of hub caches and of local_dir folders share it so
// they treat churn the same way.
class FolderListing
{
public:
    // Calls visit(folderFd, entryName, stat) for every entry still there when it is stat'ed.
    // Returns 0, or the errno that kept the folder (or the rest of it) from being read.
    // Big folders (a datasets cache's downloads/ holds a million files) are lstat'ed on every
    // core, a block at a time, and visited in listing order on the calling thread. `visit` runs
    // on the calling thread only.
    template<typename Visit>
    static int forEach(int parentFd, const QByteArray &name, Visit visit)
    {
        DirectoryReader dir(parentFd, name.constData());
        if (!dir.isOpen())
            return dir.error();
        const QList<DirectoryReader::Entry> entries = dir.entries();
        if (entries.size() < ParallelStatThreshold) {
            for (const DirectoryReader::Entry &e : entries) {
                EntryStat st;
                if (EntryStat::lstatAt(dir.fd(), e.name, &st))
                    visit(dir.fd(), e.name, st);
            }
            return dir.error();
        }
        // The next block is lstat'ed while this one is visited: the kernel's share of a scan
        // and the visitor's run side by side.
        std::vector<StatResult> current, next;
        statInParallel(dir.fd(), entries, 0, std::min(ParallelStatBlock, entries.size()), &current);
        for (qsizetype first = 0; first < entries.size(); first += ParallelStatBlock) {
            const qsizetype count = std::min<qsizetype>(ParallelStatBlock, entries.size() - first);
            const qsizetype nextFirst = first + count;
            std::thread prefetch;
            if (nextFirst < entries.size()) {
                prefetch = std::thread([&] {
                    statInParallel(dir.fd(), entries, nextFirst,
                                   std::min(ParallelStatBlock, entries.size() - nextFirst), &next);
                });
            }
            for (qsizetype i = 0; i < count; ++i) {
                if (current[size_t(i)].present)
                    visit(dir.fd(), entries[first + i].name, current[size_t(i)].stat);
            }
            if (prefetch.joinable())
                prefetch.join();
            current.swap(next);
        }
        return dir.error();
    }

    // A folder that vanished or was replaced by a file since its parent was listed (a download
    // or a deletion running beside the scan) is simply not part of the scan; anything else
    // is worth a finding.
    static bool isUnreadable(int error) { return error != 0 && error != ENOENT && error != ENOTDIR; }

    // Folders more than MaxDepth levels below the scanned folder are not listed (finding
    // "too-deep"): real repos are a few levels deep, and a chain of thousands of folders must
    // not exhaust the stack or the fds of the scan, nor of whatever walks its result (views,
    // plans, exports).
    static constexpr int MaxDepth = 64;

    // Below this many entries a folder is lstat'ed on the calling thread: starting threads costs
    // more than it saves, and the hub scanner already scans several repos at once.
    static constexpr qsizetype ParallelStatThreshold = 4096;
    static constexpr qsizetype ParallelStatBlock = 16384;  // bounds the memory of a million-entry folder
    static bool isTooDeep(const QByteArray &relativeDir) { return relativeDir.count('/') >= MaxDepth; }
    static QString tooDeepMessage(const QString &shownDir)
    {
        return QStringLiteral("%1 is nested more than %2 folders deep; hfcache does not look inside it (what it "
                              "holds is missing from this report and its sizes; deleting the repo still removes it)")
            .arg(shownDir).arg(MaxDepth);
    }

private:
    struct StatResult
    {
        EntryStat stat;
        bool present = false;  // false: gone since the listing
    };
    // lstat of entries[first, first + count) into (*stats)[0, count), on every core.
    static void statInParallel(int dirFd, const QList<DirectoryReader::Entry> &entries, qsizetype first,
                               qsizetype count, std::vector<StatResult> *stats);
};

} // namespace hfcache
