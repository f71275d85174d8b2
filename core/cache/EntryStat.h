// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>

#include <cerrno>

struct stat;

namespace hfcache {

// What one lstat() said about one entry. Kept for every entry the scanner sees, so the
// ownership audit, sizes and times all come from the same single pass over the tree.
struct EntryStat
{
    quint64 size = 0;      // st_size: apparent bytes
    quint64 diskSize = 0;  // st_blocks * 512: bytes allocated on disk
    quint64 device = 0;
    quint64 inode = 0;
    qint64 atime = 0;      // seconds since the epoch
    qint64 mtime = 0;
    qint64 ctime = 0;
    quint32 uid = 0;
    quint32 gid = 0;
    quint32 mode = 0;      // st_mode: type and permission bits
    quint32 nlink = 0;
    quint32 mtimeNsec = 0; // the nanoseconds of mtime: huggingface_hub compares float times

    // mtime as Python's os.stat() gives st_mtime (sec + nsec * 1e-9 in a double), so comparisons
    // with times huggingface_hub wrote come out as its own do.
    double mtimeFloat() const { return double(mtime) + double(mtimeNsec) * 1e-9; }

    static EntryStat fromStat(const struct stat &st);
    // lstat of `name` in the folder `dirFd`; false (and *stat untouched) when it is gone.
    static bool lstatAt(int dirFd, const QByteArray &name, EntryStat *stat);
    // The text of the link `name` in the folder `dirFd` (never followed); empty when it is no
    // link any more (a link's text is never empty).
    // The link's target; empty when it cannot be read, with errno in *error (ENOENT or EINVAL:
    // gone or no longer a link since the lstat; EPERM/EACCES/EIO: the filesystem refuses it).
    static QByteArray readLinkAt(int dirFd, const QByteArray &name, int *error = nullptr);
    // readLinkAt's error meant the link is gone or was replaced since its lstat (skip it), not
    // that the filesystem refuses to read it (report it).
    static bool linkVanished(int error) { return error == ENOENT || error == EINVAL; }

    bool isDirectory() const;
    bool isSymlink() const;
    bool isRegularFile() const;
    quint32 permissions() const { return mode & 07777; }
};

} // namespace hfcache
