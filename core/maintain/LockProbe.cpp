// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "LockProbe.h"

#include "cache/BlobLock.h"
#include "util/UniqueFd.h"

#include <cerrno>
#include <sys/file.h>
#include <sys/stat.h>

namespace hfcache::LockProbe {

namespace {

State probeOpened(const UniqueFd &fd, const QString &why)
{
    if (!fd.isValid())
        return why.isEmpty() ? State::Free : State::Refused;  // no lock file: nobody can hold it
    // Closing `fd` (the caller's, at once) releases a lock we got: no LOCK_UN needed.
    if (::flock(fd.get(), LOCK_EX | LOCK_NB) == 0)
        return State::Free;
    return errno == EWOULDBLOCK ? State::Held : State::Free;
}

} // namespace

State probe(int rootFd, const QByteArray &rootPath, const QByteArray &relativePath, QString *why)
{
    why->clear();
    const UniqueFd fd = BlobLock::openLockFile(rootFd, rootPath, relativePath, BlobLock::Access::Probe, why);
    return probeOpened(fd, *why);
}

State probeIn(int folderFd, const QByteArray &folderPath, const QByteArray &name, QString *why, FileKey *opened)
{
    why->clear();
    struct stat st;
    const UniqueFd fd = BlobLock::openLockFileIn(folderFd, folderPath, name, BlobLock::Access::Probe, why, &st);
    if (fd.isValid() && opened)
        *opened = FileKey{quint64(st.st_dev), quint64(st.st_ino)};
    return probeOpened(fd, *why);
}

} // namespace hfcache::LockProbe
