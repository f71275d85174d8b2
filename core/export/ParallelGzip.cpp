#include "ParallelGzip.h"

#include <libdeflate.h>

#include <cmath>
#include <cstring>

namespace hfcache {

struct ParallelGzip::Chunk
{
    enum class State { Pending, Working, Done };
    QByteArray input;
    size_t used = 0;
    QByteArray output;
    State state = State::Pending;
};

namespace {

struct CompressorDeleter
{
    void operator()(libdeflate_compressor *c) const { libdeflate_free_compressor(c); }
};
using Compressor = std::unique_ptr<libdeflate_compressor, CompressorDeleter>;

} // namespace

ParallelGzip::ParallelGzip(int fd, QByteArray path, int level, int threads, size_t chunkSize)
    : m_fd(fd), m_path(std::move(path)), m_level(level), m_chunkSize(chunkSize)
{
    const int workers = threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
    // Enough chunks in flight to keep every worker busy while the writer drains the front.
    m_maxQueued = size_t(workers) * 3;
    for (int i = 0; i < workers; ++i)
        m_workers.emplace_back([this] { compressLoop(); });
    m_writer = std::thread([this] { writeLoop(); });
}

ParallelGzip::~ParallelGzip()
{
    stop();
}

void ParallelGzip::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_changed.notify_all();
    for (std::thread &t : m_workers)
        if (t.joinable())
            t.join();
    if (m_writer.joinable())
        m_writer.join();
}

bool ParallelGzip::looksIncompressible(const char *data, size_t length)
{
    if (length < 4096)
        return false;
    // Four interleaved histograms avoid store-to-load stalls on runs of one byte value.
    quint32 counts[4][256] = {};
    const auto *bytes = reinterpret_cast<const unsigned char *>(data);
    size_t i = 0;
    for (; i + 4 <= length; i += 4) {
        ++counts[0][bytes[i]];
        ++counts[1][bytes[i + 1]];
        ++counts[2][bytes[i + 2]];
        ++counts[3][bytes[i + 3]];
    }
    for (; i < length; ++i)
        ++counts[0][bytes[i]];
    double bits = 0;
    for (int b = 0; b < 256; ++b) {
        const quint32 c = counts[0][b] + counts[1][b] + counts[2][b] + counts[3][b];
        if (c != 0) {
            const double p = double(c) / double(length);
            bits -= p * std::log2(p);
        }
    }
    // Deflate rarely gains more than a fraction of a percent below this (measured on random
    // bytes: 7.9998); bf16 weights sit near 6.5 and still shrink by ~20 %.
    return bits > 7.97;
}

bool ParallelGzip::write(const char *data, size_t length)
{
    while (length > 0) {
        if (!m_filling) {
            m_filling = std::make_unique<Chunk>();
            m_filling->input = QByteArray(qsizetype(m_chunkSize), Qt::Uninitialized);
        }
        const size_t n = std::min(length, m_chunkSize - m_filling->used);
        std::memcpy(m_filling->input.data() + m_filling->used, data, n);
        m_filling->used += n;
        data += n;
        length -= n;
        if (m_filling->used == m_chunkSize && !submit())
            return false;
    }
    std::lock_guard lock(m_mutex);
    return m_error.isEmpty();
}

bool ParallelGzip::submit()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_queue.size() < m_maxQueued || !m_error.isEmpty(); });
    if (!m_error.isEmpty())
        return false;
    m_queue.push_back(std::shared_ptr<Chunk>(m_filling.release()));
    lock.unlock();
    m_changed.notify_all();
    return true;
}

void ParallelGzip::compressLoop()
{
    Compressor deflater(libdeflate_alloc_compressor(m_level));
    Compressor storer(libdeflate_alloc_compressor(0));
    for (;;) {
        std::shared_ptr<Chunk> chunk;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] {
                for (const auto &c : m_queue)
                    if (c->state == Chunk::State::Pending) {
                        chunk = c;
                        return true;
                    }
                return m_closing || !m_error.isEmpty();
            });
            if (!chunk)
                return;
            chunk->state = Chunk::State::Working;
        }
        const char *in = chunk->input.constData();
        libdeflate_compressor *c = looksIncompressible(in, chunk->used) ? storer.get() : deflater.get();
        const size_t bound = libdeflate_gzip_compress_bound(c, chunk->used);
        chunk->output = QByteArray(qsizetype(bound), Qt::Uninitialized);
        size_t size = libdeflate_gzip_compress(c, in, chunk->used, chunk->output.data(), bound);
        if (size == 0 || size > chunk->used + chunk->used / 1000 + 64) {
            // Deflate lost (the entropy guess was wrong): the stored form is never much larger.
            const size_t storedBound = libdeflate_gzip_compress_bound(storer.get(), chunk->used);
            chunk->output = QByteArray(qsizetype(storedBound), Qt::Uninitialized);
            size = libdeflate_gzip_compress(storer.get(), in, chunk->used, chunk->output.data(), storedBound);
        }
        chunk->output.truncate(qsizetype(size));
        chunk->input = QByteArray();
        {
            std::lock_guard lock(m_mutex);
            chunk->state = Chunk::State::Done;
        }
        m_changed.notify_all();
    }
}

void ParallelGzip::writeLoop()
{
    for (;;) {
        std::shared_ptr<Chunk> chunk;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] {
                return (!m_queue.empty() && m_queue.front()->state == Chunk::State::Done)
                    || (m_closing && m_queue.empty()) || !m_error.isEmpty();
            });
            if (m_queue.empty() || !m_error.isEmpty())
                return;
            chunk = m_queue.front();
        }
        QString error;
        const bool ok = writeFully(m_fd, chunk->output.constData(), size_t(chunk->output.size()), m_path, &error);
        {
            std::lock_guard lock(m_mutex);
            m_queue.pop_front();
            if (ok)
                m_written += quint64(chunk->output.size());
            else
                m_error = error;
        }
        m_changed.notify_all();
    }
}

bool ParallelGzip::finish()
{
    if (m_filling && m_filling->used > 0 && !submit())
        return false;
    {
        std::unique_lock lock(m_mutex);
        // An empty stream is still one (empty) member, so the file is valid gzip.
        if (m_written == 0 && m_queue.empty() && m_error.isEmpty()) {
            lock.unlock();
            m_filling = std::make_unique<Chunk>();
            if (!submit())
                return false;
            lock.lock();
        }
        m_changed.wait(lock, [this] { return m_queue.empty() || !m_error.isEmpty(); });
    }
    stop();
    std::lock_guard lock(m_mutex);
    return m_error.isEmpty();
}

QString ParallelGzip::error() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

quint64 ParallelGzip::bytesWritten() const
{
    std::lock_guard lock(m_mutex);
    return m_written;
}

} // namespace hfcache
