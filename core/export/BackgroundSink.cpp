// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "BackgroundSink.h"

namespace hfcache {

BackgroundSink::BackgroundSink(std::unique_ptr<ByteSink> inner, size_t chunkSize, size_t depth)
    : m_inner(std::move(inner)), m_chunkSize(chunkSize), m_depth(depth)
{
    m_filling.reserve(m_chunkSize);
    m_thread = std::thread([this] { loop(); });
}

BackgroundSink::~BackgroundSink()
{
    stop();
}

void BackgroundSink::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

bool BackgroundSink::write(const char *data, size_t length)
{
    while (length > 0) {
        const size_t n = std::min(length, m_chunkSize - m_filling.size());
        m_filling.insert(m_filling.end(), data, data + n);
        data += n;
        length -= n;
        if (m_filling.size() == m_chunkSize && !submit())
            return false;
    }
    return true;
}

bool BackgroundSink::submit()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_queue.size() < m_depth || !m_error.isEmpty(); });
    if (!m_error.isEmpty())
        return false;
    m_queue.push_back(std::move(m_filling));
    if (m_spare.empty()) {
        m_filling = Chunk();
        m_filling.reserve(m_chunkSize);
    } else {
        m_filling = std::move(m_spare.back());
        m_spare.pop_back();
    }
    lock.unlock();
    m_changed.notify_all();
    return true;
}

void BackgroundSink::loop()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return !m_queue.empty() || m_closing; });
        if (m_queue.empty() || !m_error.isEmpty())
            return;
        Chunk chunk = std::move(m_queue.front());
        m_queue.pop_front();
        m_working = true;
        lock.unlock();
        m_changed.notify_all();
        const bool ok = m_inner->write(chunk.data(), chunk.size());
        lock.lock();
        chunk.clear();  // keeps the capacity
        m_spare.push_back(std::move(chunk));
        m_working = false;
        if (!ok)
            m_error = m_inner->error();
        m_changed.notify_all();
    }
}

bool BackgroundSink::finish()
{
    if (!m_filling.empty() && !submit())
        return false;
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return (m_queue.empty() && !m_working) || !m_error.isEmpty(); });
        if (!m_error.isEmpty())
            return false;
    }
    stop();
    // The thread is gone: the inner sink is ours again.
    if (m_inner->finish())
        return true;
    std::lock_guard lock(m_mutex);
    m_error = m_inner->error();
    return false;
}

QString BackgroundSink::error() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

quint64 BackgroundSink::bytesWritten() const
{
    return m_inner->bytesWritten();
}

} // namespace hfcache
