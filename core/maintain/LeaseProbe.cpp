// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "LeaseProbe.h"

#include "util/UniqueFd.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>

namespace hfcache::LeaseProbe {

State probe(const QByteArray &path, const FileKey &expected)
{
    // O_NONBLOCK: never wait for somebody else's lease; O_NOATIME: a probe is not an access.
    UniqueFd fd(::open(path.constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOATIME | O_CLOEXEC));
    if (!fd.isValid())
        return errno == ENOENT ? State::Unused : State::Unknown;  // gone: nobody can use it
    struct stat st;
    if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) || quint64(st.st_dev) != expected.device
        || quint64(st.st_ino) != expected.inode)
        return State::Unknown;
    // A lease break (somebody opening it in the microseconds we hold it) must not raise
    // SIGIO, whose default action ends the process: SIGURG is ignored by default.
    ::fcntl(fd.get(), F_SETSIG, SIGURG);
    if (::fcntl(fd.get(), F_SETLEASE, F_WRLCK) == 0) {
        ::fcntl(fd.get(), F_SETLEASE, F_UNLCK);
        return State::Unused;
    }
    return errno == EAGAIN ? State::Used : State::Unknown;
}

} // namespace hfcache::LeaseProbe
