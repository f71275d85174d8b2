// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "LeaseProbe.h"

#include "util/UniqueFd.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>

namespace hfcache::LeaseProbe {

State probeAt(int dirFd, const char *name, const FileKey &expected)
{
    // O_NONBLOCK: never wait for somebody else's lease; O_NOATIME: a probe is not an access.
    UniqueFd fd(::openat(dirFd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOATIME | O_CLOEXEC));
    if (!fd.isValid())
        return errno == ENOENT ? State::Unused : State::Unknown;  // gone: nobody can use it
    struct stat st;
    if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) || quint64(st.st_dev) != expected.device
        || quint64(st.st_ino) != expected.inode)
        return State::Unknown;
    // A lease break (somebody opening it in the microseconds we hold it) must not raise
    // SIGIO, whose default action ends the process: SIGURG is ignored by default.
    ::fcntl(fd.get(), F_SETSIG, SIGURG);
    // Closing `fd` on return drops a lease we got (no F_UNLCK needed).
    if (::fcntl(fd.get(), F_SETLEASE, F_WRLCK) == 0)
        return State::Unused;
    return errno == EAGAIN ? State::Used : State::Unknown;
}

} // namespace hfcache::LeaseProbe
