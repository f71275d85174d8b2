// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "AsyncHasher.h"

#include <algorithm>

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
    m_changed.wait(lock, [this] { return m_pieces.empty(); });
}

void AsyncHasher::feed(const char *data, size_t length)
{
    std::unique_lock lock(m_mutex);
    if (!m_thread.joinable())
        m_thread = std::thread([this] { loop(); });
    m_changed.wait(lock, [this] { return m_pieces.size() < size_t(PiecesInFlight); });
    m_pieces.push_back({data, length});
    lock.unlock();
    m_changed.notify_all();
}

void AsyncHasher::waitUntilHashed(const char *data, size_t length)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] {
        return std::none_of(m_pieces.begin(), m_pieces.end(), [&](const Piece &piece) {
            return piece.data < data + length && data < piece.data + piece.length;
        });
    });
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
        m_changed.wait(lock, [this] { return !m_pieces.empty() || m_stop; });
        if (m_stop)
            return;
        // The caller waits for the queue to empty before touching m_hasher, and reuses a
        // buffer only after its piece left the queue.
        const Piece piece = m_pieces.front();
        lock.unlock();
        m_hasher->update(piece.data, piece.length);
        lock.lock();
        m_pieces.pop_front();
        m_changed.notify_all();
    }
}

} // namespace hfcache
