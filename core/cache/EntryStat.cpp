// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "EntryStat.h"

#include <cerrno>
#include <climits>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

bool EntryStat::lstatAt(int dirFd, const QByteArray &name, EntryStat *stat)
{
    struct stat st;
    if (::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return false;
    *stat = fromStat(st);
    return true;
}

QByteArray EntryStat::readLinkAt(int dirFd, const QByteArray &name, int *error)
{
    char buffer[PATH_MAX];
    const ssize_t length = ::readlinkat(dirFd, name.constData(), buffer, sizeof buffer);
    if (error)
        *error = length < 0 ? errno : length == 0 ? EINVAL : 0;
    return length <= 0 ? QByteArray() : QByteArray(buffer, length);
}

EntryStat EntryStat::fromStat(const struct stat &st)
{
    EntryStat s;
    s.size = quint64(st.st_size);
    s.diskSize = quint64(st.st_blocks) * 512;
    s.device = quint64(st.st_dev);
    s.inode = quint64(st.st_ino);
    s.atime = qint64(st.st_atim.tv_sec);
    s.mtime = qint64(st.st_mtim.tv_sec);
    s.mtimeNsec = quint32(st.st_mtim.tv_nsec);
    s.ctime = qint64(st.st_ctim.tv_sec);
    s.uid = quint32(st.st_uid);
    s.gid = quint32(st.st_gid);
    s.mode = quint32(st.st_mode);
    s.nlink = quint32(st.st_nlink);
    return s;
}

bool EntryStat::isDirectory() const { return S_ISDIR(mode); }
bool EntryStat::isSymlink() const { return S_ISLNK(mode); }
bool EntryStat::isRegularFile() const { return S_ISREG(mode); }

} // namespace hfcache
