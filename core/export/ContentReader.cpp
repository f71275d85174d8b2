#include "ContentReader.h"

#include "ExportMeter.h"
#include "util/PathText.h"
#include "util/SystemError.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace hfcache {

namespace {
constexpr size_t PieceSize = 4 << 20;
}

ContentReader::ContentReader(const ExportItem &item, int fd, bool verify) : m_item(item), m_fd(fd)
{
    if (verify)
        if (const auto algorithm = BlobHasher::algorithmFor(item.hashName))
            m_hasher.emplace(*algorithm, item.size);
}

bool ContentReader::readAll(const Consumer &consume, ExportMeter &meter, QString *error)
{
    ::posix_fadvise(m_fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    // One buffer per thread: allocating 4 MiB per small file would dominate small-file exports.
    static thread_local QByteArray buffer(qsizetype(PieceSize), Qt::Uninitialized);
    quint64 total = 0;
    for (;;) {
        const ssize_t n = ::read(m_fd, buffer.data(), PieceSize);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *error = pathError(QStringLiteral("cannot read"), m_item.contentPath, errno);
            return false;
        }
        if (n == 0)
            break;
        total += quint64(n);
        if (total > m_item.size)
            break;
        if (m_hasher)
            m_hasher->update(buffer.constData(), size_t(n));
        if (!consume(buffer.constData(), size_t(n)))
            return false;
        if (!meter.advance(quint64(n))) {
            *error = QStringLiteral("cancelled");
            return false;
        }
    }
    if (total != m_item.size) {
        *error = QStringLiteral("%1 changed during the export (was %2 bytes)").arg(PathText::display(m_item.contentPath)).arg(m_item.size);
        return false;
    }
    if (m_hasher) {
        const QByteArray digest = m_hasher->hexDigest();
        if (digest != m_item.hashName) {
            *error = QStringLiteral("%1 is corrupt: its content hashes to %2, not %3 (%4)")
                         .arg(PathText::display(m_item.path), QString::fromLatin1(digest), QString::fromLatin1(m_item.hashName),
                              PathText::display(m_item.contentPath));
            return false;
        }
    }
    return true;
}

} // namespace hfcache
