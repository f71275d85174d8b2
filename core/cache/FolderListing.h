#pragma once

#include "EntryStat.h"
#include "util/DirectoryReader.h"

#include <QByteArray>

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
};

} // namespace hfcache
