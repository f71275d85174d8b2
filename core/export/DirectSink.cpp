// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DirectSink.h"

#include "util/SystemError.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {
// O_DIRECT wants buffer address, file offset and length in whole logical blocks (512 or 4096).
constexpr size_t Alignment = 4096;
// Writes of 4 MiB keep the disk busy with one request in flight (1-16 MiB measured alike).
constexpr size_t StageSize = 4 << 20;
} // namespace

DirectSink::DirectSink(int fd, QByteArray path) : m_fd(fd), m_path(std::move(path))
{
    // Regular files only (O_DIRECT on a pipe means packet mode), appending at a block boundary.
    struct stat st;
    const int flags = ::fcntl(m_fd, F_GETFL);
    if (flags < 0 || ::fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode) || ::lseek(m_fd, 0, SEEK_CUR) % off_t(Alignment) != 0)
        return;
    m_stage.reset(static_cast<char *>(std::aligned_alloc(Alignment, StageSize)));
    if (m_stage && ::fcntl(m_fd, F_SETFL, flags | O_DIRECT) == 0)
        m_savedFlags = flags;
}

DirectSink::~DirectSink()
{
    leaveDirect();
}

void DirectSink::leaveDirect()
{
    if (m_savedFlags >= 0)
        ::fcntl(m_fd, F_SETFL, m_savedFlags);
    m_savedFlags = -1;
}

bool DirectSink::write(const char *data, size_t length)
{
    if (!m_error.isEmpty())
        return false;
    if (!isDirect()) {
        if (!writeFully(m_fd, data, length, m_path, &m_error))
            return false;
        m_written += length;
        return true;
    }
    while (length > 0) {
        const size_t n = std::min(length, StageSize - m_used);
        std::memcpy(m_stage.get() + m_used, data, n);
        m_used += n;
        data += n;
        length -= n;
        if (m_used == StageSize && !writeStage(StageSize))
            return false;
    }
    return true;
}

bool DirectSink::writeStage(size_t length)
{
    size_t done = 0;
    while (done < length && isDirect()) {
        const ssize_t n = ::write(m_fd, m_stage.get() + done, length - done);
        if (n < 0 && errno == EINTR)
            continue;
        // EINVAL: the filesystem took the flag but not this alignment. A short write leaves
        // the offset wherever the filesystem stopped. Either way the page cache takes the rest.
        if ((n < 0 && errno == EINVAL) || (n > 0 && size_t(n) < length - done && (done + size_t(n)) % Alignment != 0)) {
            if (n > 0)
                done += size_t(n);
            leaveDirect();
            break;
        }
        if (n <= 0) {
            m_error = pathError(QStringLiteral("cannot write"), m_path, n < 0 ? errno : ENOSPC);
            return false;
        }
        done += size_t(n);
    }
    if (done < length && !writeFully(m_fd, m_stage.get() + done, length - done, m_path, &m_error))
        return false;
    m_written += length;
    std::memmove(m_stage.get(), m_stage.get() + length, m_used - length);
    m_used -= length;
    return true;
}

bool DirectSink::finish()
{
    if (!m_error.isEmpty())
        return false;
    const size_t whole = m_used / Alignment * Alignment;
    if (whole > 0 && !writeStage(whole))
        return false;
    leaveDirect();
    if (m_used > 0 && !writeStage(m_used))
        return false;
    return true;
}

QString DirectSink::error() const
{
    return m_error;
}

quint64 DirectSink::bytesWritten() const
{
    return m_written;
}

} // namespace hfcache
