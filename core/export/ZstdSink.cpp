// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ZstdSink.h"

#include "BackgroundSink.h"
#include "PlainSink.h"
#include "util/PathText.h"

#include <zstd.h>

#include <thread>

namespace hfcache {

ZstdSink::ZstdSink(int fd, QByteArray path, int level, int threads)
    : m_path(path), m_context(ZSTD_createCCtx()),
      m_output(std::make_unique<BackgroundSink>(std::make_unique<PlainSink>(fd, std::move(path))))
{
    const int workers = threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
    ZSTD_CCtx_setParameter(m_context, ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(m_context, ZSTD_c_checksumFlag, 1);
    // Without worker support in the library this fails and zstd compresses on this thread.
    ZSTD_CCtx_setParameter(m_context, ZSTD_c_nbWorkers, workers);
    m_out = QByteArray(qsizetype(256 << 10), Qt::Uninitialized);  // cache-sized, as ContentReader's pieces
}

ZstdSink::~ZstdSink()
{
    ZSTD_freeCCtx(m_context);
}

bool ZstdSink::drain(const char *data, size_t length, bool end)
{
    ZSTD_inBuffer in{data, length, 0};
    for (;;) {
        ZSTD_outBuffer out{m_out.data(), size_t(m_out.size()), 0};
        const size_t remaining = ZSTD_compressStream2(m_context, &out, &in, end ? ZSTD_e_end : ZSTD_e_continue);
        if (ZSTD_isError(remaining)) {
            m_error = QStringLiteral("cannot compress into %1: %2")
                          .arg(PathText::display(m_path), QString::fromLatin1(ZSTD_getErrorName(remaining)));
            return false;
        }
        if (out.pos > 0 && !m_output->write(m_out.constData(), out.pos))
            return false;
        if (end ? remaining == 0 : in.pos == in.size)
            return true;
    }
}

bool ZstdSink::write(const char *data, size_t length)
{
    return m_error.isEmpty() && drain(data, length, false);
}

bool ZstdSink::finish()
{
    return m_error.isEmpty() && drain(nullptr, 0, true) && m_output->finish();
}

QString ZstdSink::error() const
{
    return m_error.isEmpty() ? m_output->error() : m_error;
}

quint64 ZstdSink::bytesWritten() const
{
    return m_output->bytesWritten();
}

} // namespace hfcache
