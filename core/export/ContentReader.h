// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "AsyncHasher.h"
#include "ExportItem.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace hfcache {

class ByteSink;
class ExportMeter;

// Reads one item's content in cache-sized pieces from an open fd, alternating between two buffers
// so that a verifier (--verify) hashes one piece on its thread while the consumer handles
// the other; at the end checks that the hash matches the blob name.
class ContentReader
{
public:
    using Consumer = std::function<bool(const char *data, size_t length)>;

    // `verifier` null: no hashing (also for items without a hash name).
    ContentReader(const ExportItem &item, int fd, AsyncHasher *verifier);

    // Feeds every piece to `consume`; false on a read error, a consumer failure (its own
    // *error), cancel, or a hash mismatch. Pieces are read into `sink`'s room when it has one
    // (the consumer passes them on to it), so they are not copied there, and the verifier
    // hashes them there.
    [[nodiscard]] bool readAll(const Consumer &consume, ExportMeter &meter, QString *error, ByteSink *sink = nullptr);

    // The errors every reader of an item reports alike.
    static QString changedError(const ExportItem &item);
    static QString mismatchError(const ExportItem &item, const QByteArray &digest);

private:
    const ExportItem &m_item;
    int m_fd;
    AsyncHasher *m_verifier = nullptr;
};

} // namespace hfcache
