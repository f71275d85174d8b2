// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "ByteSink.h"
#include "DirectSink.h"

#include <QByteArray>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace hfcache {

// gzip on every core: the stream is cut into fixed-size chunks, each compressed by a worker
// (GzipEncoder: ISA-L) into an independent gzip member (RFC 1952 allows any number of members;
// gzip, GNU tar, zlib's streaming readers, Python's gzip/tarfile and SageMaker read them as one
// stream). Independent members instead of one member with flushes: no worker waits for
// another's dictionary, and 1 MiB chunks lose < 0.01 % of ratio on weights (bench/export.sh).
// A writer thread appends finished members in order, with O_DIRECT (DirectSink). The output
// is deterministic: each member depends on its chunk's bytes alone (GzipEncoder decides
// whether to store a chunk from samples of that chunk), never on which worker took it.
class ParallelGzip final : public ByteSink
{
public:
    // ISA-L level 1: ~4x libdeflate -1's speed, and smaller than pigz -6 on bf16 weights;
    // levels 2-3 gain < 0.1 % on weights and cost 15-20 % (5x on random bytes at 3).
    static constexpr int DefaultLevel = 1;
    // What --level accepts: gzip's and libdeflate's range, so scripts keep working; levels
    // above GzipEncoder::StrongestLevel (3 with ISA-L) compress as that level.
    static constexpr int MaxLevel = 12;

    ParallelGzip(int fd, QByteArray path, int level, int threads = 0, size_t chunkSize = 1 << 20);
    ~ParallelGzip() override;

    bool write(const char *data, size_t length) override;
    bool finish() override;
    QString error() const override;
    quint64 bytesWritten() const override;
    // The rest of the chunk being filled.
    char *room(size_t *length) override;

private:
    struct Chunk;
    std::unique_ptr<Chunk> takeChunk();
    bool submit();
    void compressLoop();
    void writeLoop();
    void stop();

    QByteArray m_path;
    DirectSink m_output;  // the writer thread's until it has stopped
    int m_level;
    size_t m_chunkSize;
    size_t m_maxQueued;
    std::unique_ptr<Chunk> m_filling;

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::unique_ptr<Chunk>> m_queue;  // in stream order; the writer pops the front
    std::vector<std::unique_ptr<Chunk>> m_spare;  // written chunks, kept for their memory
    bool m_closing = false;
    QString m_error;
    quint64 m_written = 0;
    std::vector<std::thread> m_workers;
    std::thread m_writer;
};

} // namespace hfcache
