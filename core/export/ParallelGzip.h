#pragma once

#include "ByteSink.h"

#include <QByteArray>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace hfcache {

// gzip on every core: the stream is cut into fixed-size chunks, each compressed by a worker
// with libdeflate into an independent gzip member (RFC 1952 allows any number of members;
// gzip, zlib, Python's gzip/tarfile and SageMaker read them as one stream). A chunk whose
// bytes look random (order-0 entropy near 8 bits, as in most model weights' low bytes
// and in compressed or encrypted data) is stored without spending deflate time on it.
// A writer thread appends finished members in order, so output is deterministic.
class ParallelGzip final : public ByteSink
{
public:
    static constexpr int DefaultLevel = 1;  // libdeflate -1 beats pigz -6 in ratio on bf16 weights (bench/export.sh)

    ParallelGzip(int fd, QByteArray path, int level, int threads = 0, size_t chunkSize = 1 << 20);
    ~ParallelGzip() override;

    bool write(const char *data, size_t length) override;
    bool finish() override;
    QString error() const override;
    quint64 bytesWritten() const override;

    // Exposed for tests: whether a chunk would be stored rather than deflated.
    static bool looksIncompressible(const char *data, size_t length);

private:
    struct Chunk;
    bool submit();
    void compressLoop();
    void writeLoop();
    void stop();

    int m_fd;
    QByteArray m_path;
    int m_level;
    size_t m_chunkSize;
    size_t m_maxQueued;
    std::unique_ptr<Chunk> m_filling;

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::shared_ptr<Chunk>> m_queue;  // in stream order; the writer pops the front
    bool m_closing = false;
    QString m_error;
    quint64 m_written = 0;
    std::vector<std::thread> m_workers;
    std::thread m_writer;
};

} // namespace hfcache
