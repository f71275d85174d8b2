// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "cache/BlobHasher.h"

#include <QByteArray>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace hfcache {

// --verify without slowing the copy: hashes on its own thread while the caller reads the
// next piece and writes or compresses the current one. One piece is in flight at a time, so
// a caller alternating between two buffers never overwrites bytes still being hashed.
class AsyncHasher
{
public:
    AsyncHasher() = default;
    ~AsyncHasher();
    AsyncHasher(const AsyncHasher &) = delete;
    AsyncHasher &operator=(const AsyncHasher &) = delete;

    // Starts the hash of a new file (the previous one must have been digested).
    void begin(BlobHasher::Algorithm algorithm, quint64 size);
    // Waits until the previous piece is hashed, then hands this one over. `data` must stay
    // untouched until the next feed() or digest().
    void feed(const char *data, size_t length);
    QByteArray digest();

private:
    void waitIdle(std::unique_lock<std::mutex> &lock);
    void loop();

    std::optional<BlobHasher> m_hasher;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    const char *m_data = nullptr;
    size_t m_length = 0;
    bool m_busy = false;
    bool m_stop = false;
    std::thread m_thread;  // started on the first feed()
};

} // namespace hfcache
