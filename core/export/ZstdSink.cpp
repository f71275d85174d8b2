#include "ZstdSink.h"

#include "util/PathText.h"

#include <zstd.h>

#include <thread>

namespace hfcache {

ZstdSink::ZstdSink(int fd, QByteArray path, int level, int threads)
    : m_fd(fd), m_path(std::move(path)), m_context(ZSTD_createCCtx())
{
    const int workers = threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
    ZSTD_CCtx_setParameter(m_context, ZSTD_c_compressionLevel, level);
    ZSTD_CCtx_setParameter(m_context, ZSTD_c_checksumFlag, 1);
    // Without worker support in the library this fails and zstd compresses on this thread.
    ZSTD_CCtx_setParameter(m_context, ZSTD_c_nbWorkers, workers);
    m_out = QByteArray(qsizetype(4 << 20), Qt::Uninitialized);
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
        if (out.pos > 0) {
            if (!writeFully(m_fd, m_out.constData(), out.pos, m_path, &m_error))
                return false;
            m_written += out.pos;
        }
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
    return m_error.isEmpty() && drain(nullptr, 0, true);
}

} // namespace hfcache
