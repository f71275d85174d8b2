// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "GzipEncoder.h"

#include "ByteSink.h"

#include <algorithm>
#include <cstring>

#ifdef HFCACHE_GZIP_LIBDEFLATE
#include <libdeflate.h>

#include <cmath>
#else
#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>

#include <vector>
#endif

namespace hfcache {

size_t GzipEncoder::bound(size_t length)
{
    // Both libraries fall back to stored blocks (5 bytes per 64 KiB) when deflate does not pay.
    return length + length / 1000 + 1024;
}

namespace {

// RFC 1951's stored block: 5 header bytes and up to 65535 bytes as they are.
constexpr size_t StoredBlockSize = 65535;
// ISA-L's own member header: no name, no time, OS "unknown".
constexpr char GzipHeader[10] = {0x1f, char(0x8b), 8, 0, 0, 0, 0, 0, 0, char(0xff)};

void putLittleEndian32(char *out, uint32_t value)
{
    for (int i = 0; i < 4; ++i)
        out[i] = char(value >> (8 * i));
}

uint32_t crc32(const char *data, size_t length)
{
#ifdef HFCACHE_GZIP_LIBDEFLATE
    return libdeflate_crc32(0, data, length);
#else
    return crc32_gzip_refl(0, reinterpret_cast<const unsigned char *>(data), length);
#endif
}

size_t storedBlocks(size_t length)
{
    return std::max<size_t>(1, (length + StoredBlockSize - 1) / StoredBlockSize);
}

size_t storedSize(size_t length)
{
    return sizeof(GzipHeader) + 5 * storedBlocks(length) + length + 8;
}

// A member of stored blocks, handed to `put(bytes, count)` piece by piece (the data pieces
// where they are): what ISA-L itself emits for bytes that do not shrink (its type-0 blocks),
// without first running the match finder and Huffman coder over them only to throw their
// output away (on random bytes ~40 % of an export's CPU, perf). No compression of its own.
template <typename Put>
bool putStored(const char *data, size_t length, uint32_t crc, Put put)
{
    if (!put(GzipHeader, sizeof(GzipHeader)))
        return false;
    const size_t blocks = storedBlocks(length);
    for (size_t done = 0, block = 0; block < blocks; ++block) {
        const size_t n = std::min(StoredBlockSize, length - done);
        char head[5];
        head[0] = char(block + 1 == blocks);  // BFINAL on the last, BTYPE 00: stored
        putLittleEndian32(head + 1, uint32_t(n) | uint32_t(~n & 0xffff) << 16);  // LEN, NLEN
        if (!put(head, sizeof(head)) || (n > 0 && !put(data + done, n)))
            return false;
        done += n;
    }
    char trailer[8];
    putLittleEndian32(trailer, crc);
    putLittleEndian32(trailer + 4, uint32_t(length));
    return put(trailer, sizeof(trailer));
}

size_t storeMember(const char *data, size_t length, uint32_t crc, char *out, size_t capacity)
{
    const size_t size = storedSize(length);
    if (size > capacity || length > UINT32_MAX)
        return 0;
    putStored(data, length, crc, [&out](const char *piece, size_t n) {
        std::memcpy(out, piece, n);
        out += n;
        return true;
    });
    return size;
}

GzipEncoder::Member storedMember(const char *data, size_t length)
{
    return GzipEncoder::Member{storedSize(length), true, crc32(data, length)};
}

} // namespace

bool GzipEncoder::writeStored(ByteSink &sink, const char *data, size_t length, uint32_t crc)
{
    return putStored(data, length, crc, [&sink](const char *piece, size_t n) { return sink.write(piece, n); });
}

size_t GzipEncoder::encode(const char *data, size_t length, char *out, size_t capacity)
{
    const Member member = encodeUnlessStored(data, length, out, capacity);
    return member.stored ? storeMember(data, length, member.crc, out, capacity) : member.size;
}

#ifndef HFCACHE_GZIP_LIBDEFLATE

const int GzipEncoder::StrongestLevel = ISAL_DEF_MAX_LEVEL;
const char *const GzipEncoder::Library = "ISA-L";

namespace {

// Every chunk is probed first on a few KiB from its middle: 0.4 % of a 1 MiB chunk, and
// compressible data (weights) shrinks there, so it pays nothing more. Only a chunk whose
// middle does not shrink is probed at its start and its end (so one cut between an
// incompressible file and a compressible one is seen), ~3 % more.
constexpr size_t QuickSampleSize = 4 << 10;
constexpr size_t ProbeSize = 16 << 10;

} // namespace

struct GzipEncoder::State
{
    isal_zstream stream;  // 80 KiB: one per thread, reset for every member
    std::vector<uint8_t> levelBuffer;
    std::vector<uint8_t> probeOutput;
    int level;

    // One member (gzip) or raw deflate data (a probe) at `level`; 0 if `capacity` was too small.
    size_t deflate(const char *data, size_t length, char *out, size_t capacity, bool gzip);
    bool sampleShrinks(const char *sample, size_t length);
    // Whether ISA-L makes any sample of `data` (at least 2 * ProbeSize) smaller. It looks at
    // `data` alone, never at what this thread compressed before, so which chunks are stored
    // does not depend on which thread got which chunk: the output is the same for any number
    // of threads and any scheduling.
    bool probeShrinks(const char *data, size_t length);
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
    m_state->probeOutput.resize(bound(ProbeSize));
}

GzipEncoder::~GzipEncoder() = default;

size_t GzipEncoder::State::deflate(const char *data, size_t length, char *out, size_t capacity, bool gzip)
{
    isal_zstream &z = stream;
    isal_deflate_stateless_init(&z);
    z.level = uint32_t(level);
    z.level_buf = levelBuffer.empty() ? nullptr : levelBuffer.data();
    z.level_buf_size = uint32_t(levelBuffer.size());
    // A member gets ISA-L's default header (no name, no time), so output is reproducible; a probe none.
    z.gzip_flag = gzip ? IGZIP_GZIP : IGZIP_DEFLATE;
    z.next_in = reinterpret_cast<uint8_t *>(const_cast<char *>(data));
    z.avail_in = uint32_t(length);
    z.next_out = reinterpret_cast<uint8_t *>(out);
    z.avail_out = uint32_t(std::min<size_t>(capacity, UINT32_MAX));
    z.end_of_stream = 1;
    z.flush = NO_FLUSH;
    return isal_deflate_stateless(&z) == COMP_OK ? size_t(z.total_out) : 0;
}

bool GzipEncoder::State::sampleShrinks(const char *sample, size_t length)
{
    return deflate(sample, length, reinterpret_cast<char *>(probeOutput.data()), probeOutput.size(), false) < length;
}

bool GzipEncoder::State::probeShrinks(const char *data, size_t length)
{
    return sampleShrinks(data + (length - QuickSampleSize) / 2, QuickSampleSize) || sampleShrinks(data, ProbeSize)
        || sampleShrinks(data + length - ProbeSize, ProbeSize);
}

GzipEncoder::Member GzipEncoder::encodeUnlessStored(const char *data, size_t length, char *out, size_t capacity)
{
    if (length >= 2 * ProbeSize && length <= UINT32_MAX && !m_state->probeShrinks(data, length))
        return storedMember(data, length);
    return Member{m_state->deflate(data, length, out, capacity, true), false, 0};
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
};

GzipEncoder::GzipEncoder(int level) : m_state(std::make_unique<State>())
{
    m_state->deflater.reset(libdeflate_alloc_compressor(std::clamp(level, 0, StrongestLevel)));
}

GzipEncoder::~GzipEncoder() = default;

GzipEncoder::Member GzipEncoder::encodeUnlessStored(const char *data, size_t length, char *out, size_t capacity)
{
    if (looksIncompressible(data, length) && length <= UINT32_MAX)
        return storedMember(data, length);
    size_t size = libdeflate_gzip_compress(m_state->deflater.get(), data, length, out, capacity);
    // Deflate lost: the stored form is never much larger.
    if (size == 0 || size > length + length / 1000 + 64)
        size = storeMember(data, length, crc32(data, length), out, capacity);
    return Member{size, false, 0};
}

#endif

} // namespace hfcache
