#include "BackgroundVerifier.h"

#include "ContentReader.h"
#include "util/BlobHasher.h"
#include "util/SystemError.h"

#include <QByteArray>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace hfcache {

namespace {
constexpr size_t PieceSize = 256 << 10;  // stays in L2 between the read and the hash
constexpr size_t MaxQueued = 64;       // each queued file holds a descriptor
}

BackgroundVerifier::BackgroundVerifier(const std::atomic_bool *cancel) : m_cancel(cancel)
{
}

BackgroundVerifier::~BackgroundVerifier()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    for (std::thread &thread : m_threads)
        thread.join();
}

bool BackgroundVerifier::submit(const ExportItem &item, int contentFd, QString *error)
{
    const auto algorithm = BlobHasher::algorithmFor(item.hashName);
    // Its own open file description: the copy moves the original's offset meanwhile.
    UniqueFd fd;
    if (algorithm) {
        const QByteArray self = "/proc/self/fd/" + QByteArray::number(contentFd);
        fd = UniqueFd(::open(self.constData(), O_RDONLY | O_CLOEXEC));
        if (!fd.isValid()) {
            *error = pathError(QStringLiteral("cannot open"), item.contentPath, errno);
            return false;
        }
    }
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_queue.size() < MaxQueued || !m_error.isEmpty(); });
    if (!m_error.isEmpty()) {
        *error = m_error;
        return false;
    }
    if (!algorithm)
        return true;
    if (m_threads.empty()) {
        for (unsigned i = 0, n = std::max(1u, std::thread::hardware_concurrency()); i < n; ++i)
            m_threads.emplace_back([this] { loop(); });
    }
    m_queue.push_back({item, std::move(fd)});
    lock.unlock();
    m_changed.notify_all();
    return true;
}

bool BackgroundVerifier::finish(QString *error)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return (m_queue.empty() && m_working == 0) || !m_error.isEmpty(); });
    if (m_error.isEmpty())
        return true;
    *error = m_error;
    return false;
}

void BackgroundVerifier::loop()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return !m_queue.empty() || m_stop; });
        if (m_stop)
            break;
        const Task task = std::move(m_queue.front());
        m_queue.pop_front();
        ++m_working;
        lock.unlock();
        const QString failure = verify(task);
        lock.lock();
        --m_working;
        if (!failure.isEmpty() && m_error.isEmpty()) {
            m_error = failure;
            m_queue.clear();
        }
        m_changed.notify_all();
    }
    lock.unlock();
    BlobHasher::releaseThreadState();
}

QString BackgroundVerifier::verify(const Task &task) const
{
    const ExportItem &item = task.item;
    ::posix_fadvise(task.fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
    BlobHasher hasher(*BlobHasher::algorithmFor(item.hashName), item.size);
    static thread_local QByteArray buffer(qsizetype(PieceSize), Qt::Uninitialized);
    quint64 done = 0;
    while (done < item.size) {
        if (m_cancel && m_cancel->load())
            return QStringLiteral("cancelled");
        const ssize_t n = ::pread(task.fd.get(), buffer.data(), size_t(std::min<quint64>(PieceSize, item.size - done)),
                                  off_t(done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return pathError(QStringLiteral("cannot read"), item.contentPath, errno);
        if (n == 0)
            return ContentReader::changedError(item);
        hasher.update(buffer.constData(), size_t(n));
        done += quint64(n);
    }
    const QByteArray digest = hasher.hexDigest();
    return digest == item.hashName ? QString() : ContentReader::mismatchError(item, digest);
}

} // namespace hfcache
