// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "EntryStat.h"
#include "util/DirectoryReader.h"

#include <QByteArray>
#include <QString>

#include <cerrno>
#include <utility>
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
    // Big folders (a datasets cache's downloads/ holds a million files) are listed and lstat'ed
    // a block at a time, on every core, the next block while the caller visits this one and the
    // one after it is listed: the kernel's share of a scan and the visitor's run side by side,
    // and only three blocks of names are held at once. `visit` runs on the calling thread only,
    // in listing order.
    template<typename Visit>
    static int forEach(int parentFd, const QByteArray &name, Visit visit)
    {
        DirectoryReader dir(parentFd, name.constData());
        if (!dir.isOpen())
            return dir.error();
        Block current;
        current.names = dir.next(ParallelStatThreshold);
        if (current.names.size() < ParallelStatThreshold) {
            for (const DirectoryReader::Entry &e : std::as_const(current.names)) {
                EntryStat st;
                if (EntryStat::lstatAt(dir.fd(), e.name, &st))
                    visit(dir.fd(), e.name, st);
            }
            return dir.error();
        }
        current.names.append(dir.next(ParallelStatBlock - current.names.size()));
        QList<DirectoryReader::Entry> listedAhead;
        statWhileListing(dir, &current, &listedAhead);
        Block next;
        while (!current.names.isEmpty()) {
            // Only the prefetch thread's lister reads the listing while the caller visits (its *at
            // calls use the folder's fd, never the listing's position).
            std::thread prefetch([&] {
                next.names = std::move(listedAhead);
                statWhileListing(dir, &next, &listedAhead);
            });
            for (qsizetype i = 0; i < current.names.size(); ++i) {
                if (current.stats[size_t(i)].present)
                    visit(dir.fd(), current.names[i].name, current.stats[size_t(i)].stat);
            }
            prefetch.join();
            std::swap(current, next);
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
    struct Block
    {
        QList<DirectoryReader::Entry> names;
        std::vector<StatResult> stats;  // one per name
    };
    // lstat of every name of the block, on every core.
    static void statInParallel(int dirFd, Block *block);
    // The same while the block after it is listed into *listedAhead: listing is one thread's
    // work, the lstats keep every core busy beside it.
    static void statWhileListing(DirectoryReader &dir, Block *block, QList<DirectoryReader::Entry> *listedAhead);
};

} // namespace hfcache
