// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace hfcache {

class ByteSink;

// Compresses a whole buffer into one complete gzip member (header, deflate data, CRC-32 and
// size), with Intel's ISA-L (`isal_deflate_stateless`, levels 0-3; it picks the code for the
// CPU it runs on and has a plain C path) or, in builds without ISA-L
// (-DHFCACHE_GZIP_LIBDEFLATE=ON or no libisal-dev), with libdeflate. Bytes that do not shrink
// become stored blocks; with ISA-L every buffer is probed first (samples of its own bytes,
// nothing else) so that incompressible data is not compressed only to be stored. One per thread.
class GzipEncoder
{
public:
    // The highest level that still changes anything: ISA-L has 0-3, libdeflate 0-12.
    static const int StrongestLevel;
    static const char *const Library;  // "ISA-L" or "libdeflate", for messages and tests

    // `level` above StrongestLevel is taken as StrongestLevel.
    explicit GzipEncoder(int level);
    ~GzipEncoder();
    GzipEncoder(const GzipEncoder &) = delete;
    GzipEncoder &operator=(const GzipEncoder &) = delete;

    // Room encode() may need for `length` bytes: never more than the input stored
    // uncompressed plus 0.1 % and the member's header and trailer.
    static size_t bound(size_t length);
    // Returns the member's size, or 0 if `capacity` was too small (never with bound()).
    size_t encode(const char *data, size_t length, char *out, size_t capacity);

    // encode() for a caller that can write a stored member from the input itself: bytes that
    // would be stored are left in place (`out` untouched) and only their CRC-32 is computed,
    // so a stored member costs no copy before the one into the output (writeStored).
    struct Member
    {
        size_t size = 0;      // as encode() returns it
        bool stored = false;  // then write it with writeStored(data, length, crc)
        uint32_t crc = 0;
    };
    Member encodeUnlessStored(const char *data, size_t length, char *out, size_t capacity);
    // Writes the stored member of `data` (whose CRC-32 is `crc`) to `sink`.
    static bool writeStored(ByteSink &sink, const char *data, size_t length, uint32_t crc);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace hfcache
