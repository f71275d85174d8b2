// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "cache/BlobHasher.h"

#include <QByteArray>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace hfcache {

// --verify without slowing the copy: hashes on its own thread while the caller reads the
// next pieces and writes or compresses them. Up to PiecesInFlight pieces wait to be hashed, so
// a hash thread the scheduler holds back for a moment (two compressors already busy on two
// cores) does not stop the reader at once; a caller cycling through PiecesInFlight + 1 buffers
// never overwrites bytes still being hashed.
class AsyncHasher
{
public:
    static constexpr int PiecesInFlight = 8;

    AsyncHasher() = default;
    ~AsyncHasher();
    AsyncHasher(const AsyncHasher &) = delete;
    AsyncHasher &operator=(const AsyncHasher &) = delete;

    // Starts the hash of a new file (the previous one must have been digested).
    void begin(BlobHasher::Algorithm algorithm, quint64 size);
    // Waits while PiecesInFlight pieces are queued, then queues this one. `data` must stay
    // untouched until PiecesInFlight more feed()s or digest() returned.
    void feed(const char *data, size_t length);
    // Waits until no queued piece lies in [data, data + length): for a caller about to write
    // there that does not cycle through buffers of its own (it reads into a sink's room).
    void waitUntilHashed(const char *data, size_t length);
    QByteArray digest();

private:
    void waitIdle(std::unique_lock<std::mutex> &lock);
    void loop();

    std::optional<BlobHasher> m_hasher;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    struct Piece
    {
        const char *data;
        size_t length;
    };
    std::deque<Piece> m_pieces;  // front: being hashed (still counted until done)
    bool m_stop = false;
    std::thread m_thread;  // started on the first feed()
};

} // namespace hfcache
