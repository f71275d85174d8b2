// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RegularFile.h"

#include "PathText.h"
#include "SystemError.h"

#include <cerrno>
#include <fcntl.h>

namespace hfcache {

UniqueFd RegularFile::openForReading(int dirFd, const QByteArray &name, const QByteArray &shownPath, QString *error,
                                     struct stat *stat)
{
    UniqueFd fd(::openat(dirFd, name.constData(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC));
    struct stat st;
    if (!fd.isValid() || ::fstat(fd.get(), &st) != 0) {
        const int saved = errno;
        *error = pathError(QStringLiteral("cannot open"), shownPath, saved);
        errno = saved;
        return {};
    }
    if (!S_ISREG(st.st_mode)) {
        *error = QStringLiteral("%1 is not a regular file but %2").arg(PathText::display(shownPath), kindName(st.st_mode));
        errno = EINVAL;
        return {};
    }
    const int flags = ::fcntl(fd.get(), F_GETFL);
    if (flags >= 0)
        ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK);
    if (stat)
        *stat = st;
    return fd;
}

QString RegularFile::kindName(mode_t mode)
{
    switch (mode & S_IFMT) {
    case S_IFIFO: return QStringLiteral("a FIFO");
    case S_IFSOCK: return QStringLiteral("a socket");
    case S_IFCHR: return QStringLiteral("a character device");
    case S_IFBLK: return QStringLiteral("a block device");
    case S_IFDIR: return QStringLiteral("a folder");
    case S_IFLNK: return QStringLiteral("a symbolic link");
    default: return QStringLiteral("of an unknown type");
    }
}

} // namespace hfcache
