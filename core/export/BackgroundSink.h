#pragma once

#include "ByteSink.h"

#include <QByteArray>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace hfcache {

// Runs another sink on its own thread, so reading the next files overlaps with compressing
// and writing the previous ones (what `tar | zstd` gets from being two processes, and zstd's
// CLI from its I/O threads). The caller's pieces are gathered into large chunks.
class BackgroundSink final : public ByteSink
{
public:
    explicit BackgroundSink(std::unique_ptr<ByteSink> inner, size_t chunkSize = 4 << 20, size_t depth = 4);
    ~BackgroundSink() override;

    bool write(const char *data, size_t length) override;
    bool finish() override;
    QString error() const override;
    quint64 bytesWritten() const override;

private:
    bool submit();
    void loop();
    void stop();

    std::unique_ptr<ByteSink> m_inner;
    size_t m_chunkSize;
    size_t m_depth;
    QByteArray m_filling;

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<QByteArray> m_queue;
    bool m_working = false;  // the thread is writing a chunk it popped
    bool m_closing = false;
    QString m_error;
    std::thread m_thread;
};

} // namespace hfcache
