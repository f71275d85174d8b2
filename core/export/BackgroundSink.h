// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "ByteSink.h"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace hfcache {

// Runs another sink on its own thread, so that producing the next bytes (reading files,
// feeding a compressor) overlaps with writing the previous ones (what `tar | zstd` gets from
// being two processes, and zstd's CLI from its I/O threads). The caller's pieces are
// gathered into cache-sized chunks (see ContentReader's PieceSize); the chunk buffers are
// reused for the whole stream (fresh allocations would cost a page fault per 4 KiB).
class BackgroundSink final : public ByteSink
{
public:
    explicit BackgroundSink(std::unique_ptr<ByteSink> inner, size_t chunkSize = 256 << 10, size_t depth = 16);
    ~BackgroundSink() override;

    bool write(const char *data, size_t length) override;
    bool finish() override;
    QString error() const override;
    quint64 bytesWritten() const override;

private:
    using Chunk = std::vector<char>;

    bool submit();
    void loop();
    void stop();

    std::unique_ptr<ByteSink> m_inner;
    size_t m_chunkSize;
    size_t m_depth;
    Chunk m_filling;

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Chunk> m_queue;
    std::vector<Chunk> m_spare;  // written chunks, kept for their memory
    bool m_working = false;      // the thread is writing a chunk it popped
    bool m_closing = false;
    QString m_error;
    std::thread m_thread;
};

} // namespace hfcache
