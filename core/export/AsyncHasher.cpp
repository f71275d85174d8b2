// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "AsyncHasher.h"

namespace hfcache {

AsyncHasher::~AsyncHasher()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void AsyncHasher::begin(BlobHasher::Algorithm algorithm, quint64 size)
{
    std::unique_lock lock(m_mutex);
    waitIdle(lock);
    m_hasher.emplace(algorithm, size);
}

void AsyncHasher::waitIdle(std::unique_lock<std::mutex> &lock)
{
    m_changed.wait(lock, [this] { return !m_busy; });
}

void AsyncHasher::feed(const char *data, size_t length)
{
    std::unique_lock lock(m_mutex);
    if (!m_thread.joinable())
        m_thread = std::thread([this] { loop(); });
    waitIdle(lock);
    m_data = data;
    m_length = length;
    m_busy = true;
    lock.unlock();
    m_changed.notify_all();
}

QByteArray AsyncHasher::digest()
{
    std::unique_lock lock(m_mutex);
    waitIdle(lock);
    QByteArray hex = m_hasher->hexDigest();
    m_hasher.reset();
    return hex;
}

void AsyncHasher::loop()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return m_busy || m_stop; });
        if (m_stop)
            return;
        // The caller waits for m_busy to clear before touching m_hasher or the data.
        lock.unlock();
        m_hasher->update(m_data, m_length);
        lock.lock();
        m_busy = false;
        m_changed.notify_all();
    }
}

} // namespace hfcache
