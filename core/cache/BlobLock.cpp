// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "BlobLock.h"

#include "util/FdWalk.h"
#include "util/PathText.h"
#include "util/SystemError.h"

#include <QThread>

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

BlobLock::BlobLock(int rootFd, const QByteArray &rootPath, const QByteArray &relativePath)
    : m_path(rootPath + '/' + relativePath),
      m_relativePath(relativePath),
      m_rootFd(::fcntl(rootFd, F_DUPFD_CLOEXEC, 0))
{
}

QByteArray BlobLock::lockPath(const QByteArray &cacheRoot, const QByteArray &repoFolder, const QByteArray &etag)
{
    return cacheRoot + '/' + relativeLockPath(repoFolder, etag);
}

QByteArray BlobLock::relativeLockPath(const QByteArray &repoFolder, const QByteArray &etag)
{
    return ".locks/" + repoFolder + '/' + etag + ".lock";
}

UniqueFd BlobLock::openLockFile(int rootFd, const QByteArray &rootPath, const QByteArray &relativePath, Access access,
                                QString *error)
{
    QString why;
    if (!FdWalk::isValidRelativePath(relativePath, &why) || relativePath == ".") {
        *error = QStringLiteral("%1: not a lock file path (%2)").arg(PathText::display(relativePath), why);
        return {};
    }
    const qsizetype slash = relativePath.lastIndexOf('/');
    if (slash < 0)
        return openLockFileIn(rootFd, rootPath, relativePath, access, error);
    const QByteArray folder = relativePath.left(slash);
    const UniqueFd dir = openLockFolder(rootFd, rootPath, folder, access, error);
    if (!dir.isValid())
        return {};
    return openLockFileIn(dir.get(), rootPath + '/' + folder, relativePath.mid(slash + 1), access, error);
}

UniqueFd BlobLock::openLockFolder(int rootFd, const QByteArray &rootPath, const QByteArray &relativeFolder, Access access,
                                  QString *error)
{
    const bool create = access == Access::Create;
    UniqueFd dir(::fcntl(rootFd, F_DUPFD_CLOEXEC, 0));
    QByteArray walked = rootPath;
    constexpr int dirFlags = O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    for (const QByteArray &part : relativeFolder.split('/')) {
        walked += '/' + part;
        // Like os.makedirs(exist_ok=True): default mode, umask applies; then opened like any folder.
        UniqueFd next(::openat(dir.get(), part.constData(), dirFlags));
        if (!next.isValid() && errno == ENOENT && create) {
            if (::mkdirat(dir.get(), part.constData(), 0777) != 0 && errno != EEXIST) {
                *error = pathError(QStringLiteral("cannot create lock folder"), walked, errno);
                return {};
            }
            next.reset(::openat(dir.get(), part.constData(), dirFlags));
        }
        if (!next.isValid()) {
            const int err = errno;
            if (err == ENOENT && !create)
                return {};
            *error = err == ELOOP || err == ENOTDIR
                         ? QStringLiteral("refusing lock folder %1: a symlink or not a folder").arg(PathText::display(walked))
                         : pathError(QStringLiteral("cannot open lock folder"), walked, err);
            return {};
        }
        dir = std::move(next);
    }
    return dir;
}

UniqueFd BlobLock::openLockFileIn(int folderFd, const QByteArray &folderPath, const QByteArray &name, Access access,
                                  QString *error, struct stat *opened)
{
    const bool create = access == Access::Create;
    const QByteArray walked = folderPath + '/' + name;
    const int openMode = create ? O_RDWR | O_CREAT : access == Access::Existing ? O_RDWR : O_RDONLY;
    const int flags = openMode | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC;
    UniqueFd fd(::openat(folderFd, name.constData(), flags, 0664));
    if (!fd.isValid()) {
        const int err = errno;
        if (err == ENOENT && !create)
            return {};
        *error = err == ELOOP ? QStringLiteral("refusing lock file %1: it is a symlink").arg(PathText::display(walked))
                              : pathError(QStringLiteral("cannot open lock file"), walked, err);
        if (err == EACCES)
            *error += QStringLiteral(" (a waiter needs write permission on the lock file; "
                                     "'hfcache repair --locks-only' fixes lock files made 0644 by old clients)");
        return {};
    }
    struct stat st;
    if (::fstat(fd.get(), &st) != 0) {
        *error = pathError(QStringLiteral("cannot stat lock file"), walked, errno);
        return {};
    }
    if (!S_ISREG(st.st_mode) || st.st_nlink != 1) {
        *error = QStringLiteral("refusing lock file %1: %2")
                     .arg(PathText::display(walked), S_ISREG(st.st_mode) ? QStringLiteral("it has other hard links")
                                                                         : QStringLiteral("not a regular file"));
        return {};
    }
    if (create && st.st_uid == ::geteuid())
        ::fchmod(fd.get(), 0664);  // only the owner may; others keep what the creator chose
    if (opened)
        *opened = st;
    return fd;
}

bool BlobLock::open()
{
    if (m_fd.isValid())
        return true;
    if (!m_rootFd.isValid()) {
        m_error = pathError(QStringLiteral("cannot open lock file"), m_path, EBADF);
        m_state = State::Failed;
        return false;
    }
    m_fd = openLockFile(m_rootFd.get(), m_path.left(m_path.size() - m_relativePath.size() - 1), m_relativePath,
                        Access::Create, &m_error);
    if (!m_fd.isValid()) {
        m_state = State::Failed;
        return false;
    }
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
