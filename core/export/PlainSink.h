// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "ByteSink.h"

#include <QByteArray>

namespace hfcache {

// An uncompressed .tar: gathers libarchive's small writes (512-byte headers) into large ones.
class PlainSink final : public ByteSink
{
public:
    PlainSink(int fd, QByteArray path);
    bool write(const char *data, size_t length) override;
    bool finish() override;
    QString error() const override { return m_error; }
    quint64 bytesWritten() const override { return m_written; }

private:
    bool flush();

    int m_fd;
    QByteArray m_path;
    QByteArray m_buffer;
    qsizetype m_used = 0;
    quint64 m_written = 0;
    QString m_error;
};

} // namespace hfcache
