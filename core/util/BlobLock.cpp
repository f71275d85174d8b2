#include "BlobLock.h"

#include "SystemError.h"

#include <QThread>

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

QByteArray BlobLock::lockPath(const QByteArray &cacheRoot, const QByteArray &repoFolder, const QByteArray &etag)
{
    return cacheRoot + "/.locks/" + repoFolder + '/' + etag + ".lock";
}

bool BlobLock::open()
{
    if (m_fd.isValid())
        return true;
    const qsizetype slash = m_path.lastIndexOf('/');
    if (slash > 0) {
        // Like os.makedirs(exist_ok=True): both parents, default mode, umask applies.
        const QByteArray locksDir = m_path.left(slash);
        const QByteArray rootLocks = locksDir.left(locksDir.lastIndexOf('/'));
        ::mkdir(rootLocks.constData(), 0777);
        ::mkdir(locksDir.constData(), 0777);
    }
    const int fd = ::open(m_path.constData(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0664);
    if (fd < 0) {
        m_error = pathError(QStringLiteral("cannot open lock file"), m_path, errno);
        if (errno == EACCES)
            m_error += QStringLiteral(" (a waiter needs write permission on the lock file; "
                                      "'hfcache repair --locks-only' fixes lock files made 0644 by old clients)");
        m_state = State::Failed;
        return false;
    }
    m_fd.reset(fd);
    struct stat st;
    if (::fstat(fd, &st) == 0 && st.st_uid == ::geteuid())
        ::fchmod(fd, 0664);  // only the owner may; others keep what the creator chose
    return true;
}

BlobLock::State BlobLock::tryLock()
{
    if (m_state == State::Locked)
        return m_state;
    if (!open())
        return m_state;
    if (::flock(m_fd.get(), LOCK_EX | LOCK_NB) == 0) {
        m_state = State::Locked;
    } else if (errno == EWOULDBLOCK) {
        m_state = State::Busy;
    } else {
        m_error = pathError(QStringLiteral("cannot lock"), m_path, errno);
        m_state = State::Failed;
    }
    return m_state;
}

BlobLock::State BlobLock::lock(int timeoutMs, const std::atomic_bool *cancel)
{
    int waited = 0;
    const int pollMs = 50;  // filelock polls every 50 ms as well
    for (;;) {
        const State state = tryLock();
        if (state != State::Busy)
            return state;
        if ((cancel && cancel->load()) || (timeoutMs >= 0 && waited >= timeoutMs))
            return State::Busy;
        QThread::msleep(pollMs);
        waited += pollMs;
    }
}

void BlobLock::unlock()
{
    if (m_state == State::Locked)
        ::flock(m_fd.get(), LOCK_UN);
    m_fd.reset();
    m_state = State::Unlocked;
}

} // namespace hfcache
