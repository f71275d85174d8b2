#pragma once

#include "ExportItem.h"
#include "util/BlobHasher.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

namespace hfcache {

class ExportMeter;

// Reads one item's content in large pieces from an open fd, hashing it on the way when
// asked, and checks at the end that the hash matches the blob name (--verify).
class ContentReader
{
public:
    using Consumer = std::function<bool(const char *data, size_t length)>;

    ContentReader(const ExportItem &item, int fd, bool verify);

    // Feeds every piece to `consume`; false on a read error, a consumer failure (its own
    // *error), cancel, or a hash mismatch.
    bool readAll(const Consumer &consume, ExportMeter &meter, QString *error);

private:
    const ExportItem &m_item;
    int m_fd;
    std::optional<BlobHasher> m_hasher;
};

} // namespace hfcache
