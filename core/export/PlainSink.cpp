// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "PlainSink.h"

#include <cstring>

namespace hfcache {

namespace {
constexpr qsizetype BufferSize = 256 << 10;
}

PlainSink::PlainSink(int fd, QByteArray path) : m_fd(fd), m_path(std::move(path)), m_buffer(BufferSize, Qt::Uninitialized)
{
}

bool PlainSink::write(const char *data, size_t length)
{
    if (!m_error.isEmpty())
        return false;
    // Large pieces go straight to the file once what is buffered before them is out.
    if (qsizetype(length) >= BufferSize) {
        if (!flush() || !writeFully(m_fd, data, length, m_path, &m_error))
            return false;
        m_written += length;
        return true;
    }
    if (m_used + qsizetype(length) > BufferSize && !flush())
        return false;
    std::memcpy(m_buffer.data() + m_used, data, length);
    m_used += qsizetype(length);
    return true;
}

bool PlainSink::flush()
{
    if (m_used == 0)
        return true;
    if (!writeFully(m_fd, m_buffer.constData(), size_t(m_used), m_path, &m_error))
        return false;
    m_written += quint64(m_used);
    m_used = 0;
    return true;
}

bool PlainSink::finish()
{
    return m_error.isEmpty() && flush();
}

} // namespace hfcache
