// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "ByteSink.h"

#include <QByteArray>

#include <memory>

struct ZSTD_CCtx_s;

namespace hfcache {

// zstd with its own worker threads (libzstd's multithreaded mode, like `zstd -T0`). The
// caller's thread hands input to the workers and the compressed output goes to the file from
// a BackgroundSink thread, as zstd's CLI does with its I/O threads: one thread doing both
// the hand-over and the writing left the workers idle.
class ZstdSink final : public ByteSink
{
public:
    static constexpr int DefaultLevel = 3;

    ZstdSink(int fd, QByteArray path, int level, int threads = 0);
    ~ZstdSink() override;

    bool write(const char *data, size_t length) override;
    bool finish() override;
    QString error() const override;
    quint64 bytesWritten() const override;

private:
    bool drain(const char *data, size_t length, bool end);

    QByteArray m_path;
    ZSTD_CCtx_s *m_context;
    std::unique_ptr<ByteSink> m_output;
    QByteArray m_out;
    QString m_error;
};

} // namespace hfcache
