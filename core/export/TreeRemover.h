// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QString>

#include <sys/types.h>

namespace hfcache {

// Removes a folder tree the export made (its temporary, or an old export --force replaces),
// only through fds: every folder is opened with O_NOFOLLOW relative to its parent's fd, links
// are unlinked, never followed, and another filesystem mounted inside is left alone. A folder
// swapped for a link mid-removal is therefore never entered, whoever swaps it.
class TreeRemover
{
public:
    // Empties the open folder `dirFd` (`shown`: its path for messages). False and *error (the
    // first entry that could not go, with the reason) when something is left.
    [[nodiscard]] static bool removeContents(int dirFd, const QByteArray &shown, QString *error);
    // Removes the entry `name` of `parentFd` if it still is the inode (dev, ino) the caller
    // holds (a folder or a file); a different inode there is left alone and reported.
    [[nodiscard]] static bool removeEntryIfSame(int parentFd, const QByteArray &name, dev_t device, ino_t inode,
                                                const QByteArray &shown, QString *error);
};

} // namespace hfcache
