// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ProcFile.h"

#include "util/UniqueFd.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace hfcache::ProcFile {

int readAll(int dirFd, const char *name, QByteArray *out, qsizetype limit)
{
    UniqueFd fd(::openat(dirFd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!fd.isValid())
        return errno;
    out->clear();
    char buffer[16384];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (n == 0)
            return 0;
        out->append(buffer, n);
        if (out->size() >= limit)
            return 0;
    }
}

} // namespace hfcache::ProcFile
