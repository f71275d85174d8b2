// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QString>

#include <cstddef>
#include <sys/types.h>

namespace hfcache {

// Where an archive's bytes go: a plain file, or a compressor in front of one. Sinks own no
// file; they write to the descriptor they were given. A sink that failed stays failed and
// error() says why (with the path).
class ByteSink
{
public:
    virtual ~ByteSink() = default;
    virtual bool write(const char *data, size_t length) = 0;
    // Pushes out everything still buffered (and the stream's end marker).
    virtual bool finish() = 0;
    virtual QString error() const = 0;
    virtual quint64 bytesWritten() const = 0;  // bytes that reached the file
    // Where the next bytes may be put before they are written, up to *length bytes (0: the
    // sink has no such room). A write() of bytes read into it takes them where they are,
    // without a copy.
    virtual char *room(size_t *length)
    {
        *length = 0;
        return nullptr;
    }
};

// Writes all of `data` to `fd`, retrying short writes and EINTR, and starts writing it back
// to the disk; sets *error (with `path`) on failure.
[[nodiscard]] bool writeFully(int fd, const char *data, size_t length, const QByteArray &path, QString *error);

// Starts the disk write of a range just written, without waiting for it. Every export ends
// with fsync/syncfs before its rename, so this costs nothing and lets the disk work while
// the copy goes on instead of all at the end (where `cp; sync` waits for it).
void startWriteback(int fd, off_t offset, off_t length);

} // namespace hfcache
