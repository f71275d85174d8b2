// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "ByteSink.h"

#include <QByteArray>

#include <cstdlib>
#include <memory>

namespace hfcache {

// Writes a stream to a file with O_DIRECT: the bytes go from an aligned buffer to the disk
// without a copy into the page cache. Every export ends with a sync, so the disk write has to
// happen anyway; what O_DIRECT saves is the kernel's copy into freshly allocated cache pages,
// which on a VM (each new page faulted in by the host) cost more CPU than ISA-L's deflate of
// the same bytes (bench/export.sh, perf: 32 % of a bf16 .tar.gz export, 41 % on random bytes).
// It also leaves the page cache to the model being read. Where the filesystem refuses O_DIRECT
// (or a write's alignment), it writes through the page cache like PlainSink. Not thread-safe:
// one writer thread owns it.
class DirectSink final : public ByteSink
{
public:
    DirectSink(int fd, QByteArray path);
    ~DirectSink() override;
    DirectSink(const DirectSink &) = delete;
    DirectSink &operator=(const DirectSink &) = delete;

    bool write(const char *data, size_t length) override;
    // Writes what is staged; the tail that is not a whole block goes through the page cache.
    // The descriptor has its own flags back afterwards.
    bool finish() override;
    QString error() const override;
    quint64 bytesWritten() const override;
    bool isDirect() const { return m_savedFlags >= 0; }

private:
    bool writeStage(size_t length);
    void leaveDirect();

    struct Free
    {
        void operator()(char *p) const { std::free(p); }
    };
    int m_fd;
    QByteArray m_path;
    int m_savedFlags = -1;  // the descriptor's flags before O_DIRECT; -1: buffered
    std::unique_ptr<char, Free> m_stage;
    size_t m_used = 0;
    QString m_error;
    quint64 m_written = 0;
};

} // namespace hfcache
