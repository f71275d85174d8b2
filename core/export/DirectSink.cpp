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
// Writes of 4 MiB keep the disk busy with one request in flight (1-16 MiB measured alike; two
// or four writers at once, into a new file or a preallocated one, were no faster on a virtio
// disk, and two writing threads made a random-bytes export slower).
constexpr size_t StageSize = 4 << 20;
// One stage being filled, one being written, one queued: the caller's copy never waits for
// the disk unless the disk is the slower side.
constexpr size_t MaxStages = 3;
} // namespace

DirectSink::DirectSink(int fd, QByteArray path) : m_fd(fd), m_path(std::move(path))
{
    // Regular files only (O_DIRECT on a pipe means packet mode), appending at a block boundary.
    struct stat st;
    const int flags = ::fcntl(m_fd, F_GETFL);
    const off_t offset = ::lseek(m_fd, 0, SEEK_CUR);
    if (flags < 0 || ::fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode) || offset < 0 || offset % off_t(Alignment) != 0)
        return;
    m_filling.reset(static_cast<char *>(std::aligned_alloc(Alignment, StageSize)));
    if (m_filling && ::fcntl(m_fd, F_SETFL, flags | O_DIRECT) == 0) {
        m_savedFlags = flags;
        m_direct = true;
        m_staged = true;
        m_next = offset;
        m_stages = 1;
    }
}

DirectSink::~DirectSink()
{
    stop();
    leaveDirect();
}

void DirectSink::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void DirectSink::leaveDirect()
{
    if (m_direct.exchange(false))
        ::fcntl(m_fd, F_SETFL, m_savedFlags);
}

bool DirectSink::write(const char *data, size_t length)
{
    if (!m_staged) {
        if (!m_error.isEmpty() || !writeFully(m_fd, data, length, m_path, &m_error))
            return false;
        m_written += length;
        return true;
    }
    while (length > 0) {
        const size_t n = std::min(length, StageSize - m_used);
        std::memcpy(m_filling.get() + m_used, data, n);
        m_used += n;
        data += n;
        length -= n;
        if (m_used == StageSize && !submit(StageSize))
            return false;
    }
    std::lock_guard lock(m_mutex);
    return m_error.isEmpty();
}

// Hands the first `length` bytes of the filling stage to the writing thread and takes an
// empty stage (a new one, up to MaxStages, or one the thread has written).
bool DirectSink::submit(size_t length)
{
    std::unique_lock lock(m_mutex);
    if (!m_thread.joinable())
        m_thread = std::thread([this] { writeLoop(); });
    m_queue.push_back(Pending{std::move(m_filling), length, m_next});
    m_next += off_t(length);
    m_changed.notify_all();
    if (m_spare.empty() && m_stages < MaxStages) {
        lock.unlock();
        m_filling.reset(static_cast<char *>(std::aligned_alloc(Alignment, StageSize)));
        lock.lock();
        if (!m_filling) {
            m_error = pathError(QStringLiteral("cannot write"), m_path, ENOMEM);
            return false;
        }
        ++m_stages;
    } else {
        m_changed.wait(lock, [this] { return !m_spare.empty() || !m_error.isEmpty(); });
        if (!m_error.isEmpty())
            return false;
        m_filling = std::move(m_spare.back());
        m_spare.pop_back();
    }
    m_used = 0;
    return m_error.isEmpty();
}

void DirectSink::writeLoop()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return !m_queue.empty() || m_closing; });
        if (m_queue.empty() || !m_error.isEmpty())
            return;
        Pending pending = std::move(m_queue.front());
        m_queue.pop_front();
        m_writing = true;
        lock.unlock();
        const bool ok = writeAt(pending.stage.get(), pending.length, pending.offset);
        lock.lock();
        m_writing = false;
        m_spare.push_back(std::move(pending.stage));
        if (ok)
            m_written += pending.length;
        m_changed.notify_all();
    }
}

// On the writing thread: the whole range, with O_DIRECT while the filesystem takes it.
bool DirectSink::writeAt(const char *data, size_t length, off_t offset)
{
    size_t done = 0;
    while (done < length) {
        const ssize_t n = ::pwrite(m_fd, data + done, length - done, offset + off_t(done));
        if (n < 0 && errno == EINTR)
            continue;
        // EINVAL: the filesystem took the flag but not this alignment; the page cache takes the rest.
        if (n < 0 && errno == EINVAL && isDirect()) {
            leaveDirect();
            continue;
        }
        if (n <= 0) {
            std::lock_guard lock(m_mutex);
            if (m_error.isEmpty())
                m_error = pathError(QStringLiteral("cannot write"), m_path, n < 0 ? errno : ENOSPC);
            return false;
        }
        done += size_t(n);
        // A short write that ended mid-block: the rest is no longer aligned.
        if (done < length && done % Alignment != 0)
            leaveDirect();
    }
    return true;
}

bool DirectSink::finish()
{
    if (!m_staged)
        return m_error.isEmpty();
    const size_t whole = m_used / Alignment * Alignment;
    const QByteArray tail(m_filling.get() + whole, qsizetype(m_used - whole));
    if (whole > 0 && !submit(whole))
        return false;
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return (m_queue.empty() && !m_writing) || !m_error.isEmpty(); });
    }
    stop();
    leaveDirect();
    if (!m_error.isEmpty())
        return false;
    if (!tail.isEmpty()) {
        if (!writeAt(tail.constData(), size_t(tail.size()), m_next))
            return false;
        m_next += off_t(tail.size());
        m_written += quint64(tail.size());
    }
    // Where write() would have left it.
    if (::lseek(m_fd, m_next, SEEK_SET) < 0) {
        m_error = pathError(QStringLiteral("cannot write"), m_path, errno);
        return false;
    }
    m_staged = false;
    return true;
}

QString DirectSink::error() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

quint64 DirectSink::bytesWritten() const
{
    std::lock_guard lock(m_mutex);
    return m_written;
}

} // namespace hfcache
