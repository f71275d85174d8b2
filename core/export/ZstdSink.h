#pragma once

#include "ByteSink.h"

#include <QByteArray>

struct ZSTD_CCtx_s;

namespace hfcache {

// zstd with its own worker threads (libzstd's multithreaded mode, like `zstd -T0`).
class ZstdSink final : public ByteSink
{
public:
    static constexpr int DefaultLevel = 3;

    ZstdSink(int fd, QByteArray path, int level, int threads = 0);
    ~ZstdSink() override;

    bool write(const char *data, size_t length) override;
    bool finish() override;
    QString error() const override { return m_error; }
    quint64 bytesWritten() const override { return m_written; }

private:
    bool drain(const char *data, size_t length, bool end);

    int m_fd;
    QByteArray m_path;
    ZSTD_CCtx_s *m_context;
    QByteArray m_out;
    quint64 m_written = 0;
    QString m_error;
};

} // namespace hfcache
