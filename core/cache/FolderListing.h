// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "EntryStat.h"
#include "util/DirectoryReader.h"

#include <QByteArray>
#include <QString>

#include <cerrno>

namespace hfcache {

// One folder of a scan: opened from `parentFd` by its own name (never through a link), listed,
// and every entry lstat'ed. The scanners of hub caches and of local_dir folders share it so
// they treat churn the same way.
class FolderListing
{
public:
    // Calls visit(folderFd, entryName, stat) for every entry still there when it is stat'ed.
    // Returns 0, or the errno that kept the folder (or the rest of it) from being read.
    template<typename Visit>
    static int forEach(int parentFd, const QByteArray &name, Visit visit)
    {
        DirectoryReader dir(parentFd, name.constData());
        if (!dir.isOpen())
            return dir.error();
        for (const DirectoryReader::Entry &e : dir.entries()) {
            EntryStat st;
            if (EntryStat::lstatAt(dir.fd(), e.name, &st))
                visit(dir.fd(), e.name, st);
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
    static bool isTooDeep(const QByteArray &relativeDir) { return relativeDir.count('/') >= MaxDepth; }
    static QString tooDeepMessage(const QString &shownDir)
    {
        return QStringLiteral("%1 is nested more than %2 folders deep; hfcache does not look inside it (what it "
                              "holds is missing from this report and its sizes; deleting the repo still removes it)")
            .arg(shownDir).arg(MaxDepth);
    }
};

} // namespace hfcache
