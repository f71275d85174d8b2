// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "LockProbe.h"

#include "cache/BlobLock.h"
#include "util/UniqueFd.h"

#include <cerrno>
#include <sys/file.h>

namespace hfcache::LockProbe {

State probe(int rootFd, const QByteArray &rootPath, const QByteArray &relativePath, QString *why)
{
    why->clear();
    const UniqueFd fd = BlobLock::openLockFile(rootFd, rootPath, relativePath, BlobLock::Access::Probe, why);
    if (!fd.isValid())
        return why->isEmpty() ? State::Free : State::Refused;  // no lock file: nobody can hold it
    if (::flock(fd.get(), LOCK_EX | LOCK_NB) == 0) {
        ::flock(fd.get(), LOCK_UN);
        return State::Free;
    }
    return errno == EWOULDBLOCK ? State::Held : State::Free;
}

} // namespace hfcache::LockProbe
