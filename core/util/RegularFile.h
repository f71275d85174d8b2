// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "UniqueFd.h"

#include <QByteArray>
#include <QString>

#include <sys/stat.h>

namespace hfcache {

// Opening a file of the cache to read it, when anyone who can write there may have put a FIFO,
// a device or a socket in its place (or swap one in after a stat): open(O_RDONLY) of a FIFO
// blocks until a writer comes, forever. So the open never blocks and never follows a link
// (O_NONBLOCK|O_NOFOLLOW|O_NOCTTY), and only a regular file is kept; its fd is blocking again.
class RegularFile
{
public:
    // `name` relative to `dirFd` (AT_FDCWD: a path); `shownPath` names it in *error. On failure
    // an invalid fd, *error ("cannot open P: reason" or "P is not a regular file but a FIFO")
    // and errno (the open's, or EINVAL for a file that is not regular). *stat: the fd's fstat.
    [[nodiscard]] static UniqueFd openForReading(int dirFd, const QByteArray &name, const QByteArray &shownPath, QString *error,
                                                 struct stat *stat = nullptr);
    // "a FIFO", "a folder", ... for messages.
    static QString kindName(mode_t mode);
};

} // namespace hfcache
