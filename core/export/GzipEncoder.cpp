// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "GzipEncoder.h"

#include <algorithm>

#ifdef HFCACHE_GZIP_LIBDEFLATE
#include <libdeflate.h>

#include <cmath>
#include <cstdint>
#else
#include <isa-l/igzip_lib.h>

#include <vector>
#endif

namespace hfcache {

size_t GzipEncoder::bound(size_t length)
{
    // Both libraries fall back to stored blocks (5 bytes per 64 KiB) when deflate does not pay.
    return length + length / 1000 + 1024;
}

#ifndef HFCACHE_GZIP_LIBDEFLATE

const int GzipEncoder::StrongestLevel = ISAL_DEF_MAX_LEVEL;
const char *const GzipEncoder::Library = "ISA-L";

// No separate "store" detection: level 1 passes random bytes at ~2 GB/s per core and stores
// them (1.0001x), faster than an entropy histogram of the same bytes takes (bench/export.sh).
struct GzipEncoder::State
{
    isal_zstream stream;  // 80 KiB: one per thread, reset for every member
    std::vector<uint8_t> levelBuffer;
    int level;
};

GzipEncoder::GzipEncoder(int level) : m_state(std::make_unique<State>())
{
    m_state->level = std::clamp(level, 0, StrongestLevel);
    // ISA-L's largest token buffers (512 KiB): fewer Huffman tables built per member, so level 1
    // runs 3-7 % faster on bf16 weights (and a little smaller) and ~15 % faster on random bytes
    // than with its default ("large") size; level 3 neither gains nor loses (bench/export.sh LEVELS).
    static constexpr size_t levelBufferSize[] = {ISAL_DEF_LVL0_DEFAULT, ISAL_DEF_LVL1_EXTRA_LARGE,
                                                 ISAL_DEF_LVL2_EXTRA_LARGE, ISAL_DEF_LVL3_EXTRA_LARGE};
    m_state->levelBuffer.resize(levelBufferSize[m_state->level]);
}

GzipEncoder::~GzipEncoder() = default;

size_t GzipEncoder::encode(const char *data, size_t length, char *out, size_t capacity)
{
    isal_zstream &z = m_state->stream;
    isal_deflate_stateless_init(&z);
    z.level = uint32_t(m_state->level);
    z.level_buf = m_state->levelBuffer.empty() ? nullptr : m_state->levelBuffer.data();
    z.level_buf_size = uint32_t(m_state->levelBuffer.size());
    z.gzip_flag = IGZIP_GZIP;  // default header: no name, no time, so output is reproducible
    z.next_in = reinterpret_cast<uint8_t *>(const_cast<char *>(data));
    z.avail_in = uint32_t(length);
    z.next_out = reinterpret_cast<uint8_t *>(out);
    z.avail_out = uint32_t(std::min<size_t>(capacity, UINT32_MAX));
    z.end_of_stream = 1;
    z.flush = NO_FLUSH;
    return isal_deflate_stateless(&z) == COMP_OK ? size_t(z.total_out) : 0;
}

#else

const int GzipEncoder::StrongestLevel = 12;
const char *const GzipEncoder::Library = "libdeflate";

namespace {

struct CompressorDeleter
{
    void operator()(libdeflate_compressor *c) const { libdeflate_free_compressor(c); }
};
using Compressor = std::unique_ptr<libdeflate_compressor, CompressorDeleter>;

// libdeflate spends ~9 ms per MiB of random bytes (ISA-L 0.5 ms): a chunk whose order-0
// entropy is near 8 bits (compressed or encrypted data) is stored without trying.
bool looksIncompressible(const char *data, size_t length)
{
    if (length < 4096)
        return false;
    // Four interleaved histograms avoid store-to-load stalls on runs of one byte value.
    uint32_t counts[4][256] = {};
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
        const uint32_t c = counts[0][b] + counts[1][b] + counts[2][b] + counts[3][b];
        if (c != 0) {
            const double p = double(c) / double(length);
            bits -= p * std::log2(p);
        }
    }
    // Deflate rarely gains more than a fraction of a percent above this (random bytes: 7.9998);
    // bf16 weights sit near 6.5 and still shrink by ~20 %.
    return bits > 7.97;
}

} // namespace

struct GzipEncoder::State
{
    Compressor deflater;
    Compressor storer;
};

GzipEncoder::GzipEncoder(int level) : m_state(std::make_unique<State>())
{
    m_state->deflater.reset(libdeflate_alloc_compressor(std::clamp(level, 0, StrongestLevel)));
    m_state->storer.reset(libdeflate_alloc_compressor(0));
}

GzipEncoder::~GzipEncoder() = default;

size_t GzipEncoder::encode(const char *data, size_t length, char *out, size_t capacity)
{
    size_t size = 0;
    if (!looksIncompressible(data, length))
        size = libdeflate_gzip_compress(m_state->deflater.get(), data, length, out, capacity);
    // Deflate lost (or was not tried): the stored form is never much larger.
    if (size == 0 || size > length + length / 1000 + 64)
        size = libdeflate_gzip_compress(m_state->storer.get(), data, length, out, capacity);
    return size;
}

#endif

} // namespace hfcache
