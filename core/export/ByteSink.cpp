// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ByteSink.h"

#include "util/SystemError.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace hfcache {

bool writeFully(int fd, const char *data, size_t length, const QByteArray &path, QString *error)
{
    const off_t written = off_t(length);
    while (length > 0) {
        const ssize_t n = ::write(fd, data, length);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *error = pathError(QStringLiteral("cannot write"), path, errno);
            return false;
        }
        data += n;
        length -= size_t(n);
    }
    const off_t end = ::lseek(fd, 0, SEEK_CUR);
    if (end >= written)
        startWriteback(fd, end - written, written);
    return true;
}

void startWriteback(int fd, off_t offset, off_t length)
{
    // Best effort: pipes, and filesystems without it, simply sync at the end.
    ::sync_file_range(fd, offset, length, SYNC_FILE_RANGE_WRITE);
}

} // namespace hfcache
