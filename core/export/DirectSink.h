// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "ByteSink.h"

#include <QByteArray>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace hfcache {

// Writes a stream to a file with O_DIRECT: the bytes go from an aligned buffer to the disk
// without a copy into the page cache. Every export ends with a sync, so the disk write has to
// happen anyway; what O_DIRECT saves is the kernel's copy into freshly allocated cache pages,
// which on a VM (each new page faulted in by the host) cost more CPU than ISA-L's deflate of
// the same bytes (bench/export.sh, perf: 32 % of a bf16 .tar.gz export, 41 % on random bytes).
// It also leaves the page cache to the model being read. Full stages go to the disk from a
// thread of their own (pwrite at their offset) while the caller fills the next one: a caller
// that copied and then waited on each write kept the disk idle during every copy. Where the
// filesystem refuses O_DIRECT (or a write's alignment), it writes through the page cache like
// PlainSink. Not thread-safe: one caller thread owns it.
class DirectSink final : public ByteSink
{
public:
    DirectSink(int fd, QByteArray path);
    ~DirectSink() override;
    DirectSink(const DirectSink &) = delete;
    DirectSink &operator=(const DirectSink &) = delete;

    bool write(const char *data, size_t length) override;
    // Writes what is staged; the tail that is not a whole block goes through the page cache.
    // The descriptor has its own flags back afterwards, and its offset at the stream's end.
    bool finish() override;
    QString error() const override;
    quint64 bytesWritten() const override;
    bool isDirect() const { return m_direct.load(); }

private:
    struct Free
    {
        void operator()(char *p) const { std::free(p); }
    };
    using Stage = std::unique_ptr<char, Free>;
    struct Pending
    {
        Stage stage;
        size_t length;
        off_t offset;
    };

    bool submit(size_t length);
    void writeLoop();
    bool writeAt(const char *data, size_t length, off_t offset);
    void stop();
    void leaveDirect();

    int m_fd;
    QByteArray m_path;
    int m_savedFlags = -1;  // the descriptor's flags before O_DIRECT
    std::atomic<bool> m_direct = false;
    bool m_staged = false;  // pwrite from stages (began with O_DIRECT), or plain write()s
    off_t m_next = 0;       // the file offset of m_filling's first byte
    Stage m_filling;
    size_t m_used = 0;

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Pending> m_queue;  // full stages, in order; the thread writes the front
    std::vector<Stage> m_spare;
    size_t m_stages = 0;  // allocated so far
    bool m_writing = false;  // the thread is writing a stage it took
    bool m_closing = false;
    QString m_error;
    quint64 m_written = 0;
    std::thread m_thread;
};

} // namespace hfcache
