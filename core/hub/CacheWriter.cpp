// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CacheWriter.h"

#include "cache/HubCacheTag.h"
#include "util/RegularFile.h"
#include "util/SystemError.h"

#include <QRandomGenerator>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {

bool writeAll(int fd, const QByteArray &data)
{
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

QByteArray readSmallFile(int dirFd, const QByteArray &name)
{
    QString error;  // unreadable counts as absent
    const UniqueFd fd = RegularFile::openForReading(dirFd, name, name, &error);
    if (!fd.isValid())
        return {};
    char buffer[256];
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    return n > 0 ? QByteArray(buffer, int(n)) : QByteArray();
}

} // namespace

CacheWriter::CacheWriter(QByteArray cacheRoot, QByteArray repoFolder)
    : m_root(std::move(cacheRoot)), m_folder(std::move(repoFolder))
{
}

QByteArray CacheWriter::randomSuffix()
{
    return QByteArray::number(QRandomGenerator::global()->generate(), 16).rightJustified(8, '0');
}

QByteArray CacheWriter::linkTarget(const QByteArray &path, const QByteArray &etag)
{
    QByteArray target;
    for (int i = 0, n = int(path.count('/')) + 2; i < n; ++i)
        target += "../";
    return target + "blobs/" + etag;
}

int CacheWriter::rootFd(bool create, QString *error) const
{
    const std::lock_guard<std::mutex> guard(m_rootFd->mutex);
    if (m_rootFd->fd.isValid())
        return m_rootFd->fd.get();
    if (create && ::mkdir(m_root.constData(), 0777) != 0 && errno != EEXIST) {
        *error = pathError(QStringLiteral("cannot create folder"), m_root, errno);
        return -1;
    }
    m_rootFd->fd.reset(::open(m_root.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!m_rootFd->fd.isValid())
        *error = pathError(QStringLiteral("cannot open"), m_root, errno);
    return m_rootFd->fd.get();
}

UniqueFd CacheWriter::openDir(const QByteArray &relative, bool create, QString *error) const
{
    QByteArray path = m_root;
    const int root = rootFd(create, error);
    if (root < 0)
        return {};
    UniqueFd dir(::fcntl(root, F_DUPFD_CLOEXEC, 0));
    const QList<QByteArray> parts = (m_folder + (relative.isEmpty() ? QByteArray() : '/' + relative)).split('/');
    for (const QByteArray &part : parts) {
        path += '/' + part;
        const int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
        UniqueFd next(::openat(dir.get(), part.constData(), flags));
        if (!next.isValid() && errno == ENOENT && create) {
            if (::mkdirat(dir.get(), part.constData(), 0777) != 0 && errno != EEXIST) {
                *error = pathError(QStringLiteral("cannot create folder"), path, errno);
                return {};
            }
            next.reset(::openat(dir.get(), part.constData(), flags));
        }
        if (!next.isValid()) {
            const int saved = errno;
            *error = saved == ELOOP || saved == ENOTDIR
                ? QStringLiteral("refusing %1: not a folder (a symlink or a file is in the way)").arg(QString::fromLocal8Bit(path))
                : pathError(QStringLiteral("cannot open"), path, saved);
            return {};
        }
        dir = std::move(next);
    }
    return dir;
}

bool CacheWriter::linkSnapshotFile(const QByteArray &commit, const QByteArray &path, const QByteArray &etag,
                                   QString *error) const
{
    const qsizetype slash = path.lastIndexOf('/');
    const QByteArray subDir = "snapshots/" + commit + (slash < 0 ? QByteArray() : '/' + path.left(slash));
    const QByteArray name = path.mid(slash + 1);
    const UniqueFd dir = openDir(subDir, true, error);
    if (!dir.isValid())
        return false;
    const QByteArray target = linkTarget(path, etag);
    char current[4096];
    const ssize_t n = ::readlinkat(dir.get(), name.constData(), current, sizeof current);
    if (n >= 0 && QByteArray(current, int(n)) == target)
        return true;
    const QByteArray fullPath = repoPath() + '/' + subDir + '/' + name;
    const QByteArray temp = '.' + name + '.' + randomSuffix() + ".tmp";
    if (::symlinkat(target.constData(), dir.get(), temp.constData()) != 0) {
        *error = pathError(QStringLiteral("cannot create link"), fullPath, errno);
        return false;
    }
    if (::renameat(dir.get(), temp.constData(), dir.get(), name.constData()) != 0) {
        const int saved = errno;
        ::unlinkat(dir.get(), temp.constData(), 0);
        *error = pathError(QStringLiteral("cannot replace"), fullPath, saved);
        return false;
    }
    return true;
}

bool CacheWriter::replaceFile(int dirFd, const QByteArray &dirPath, const QByteArray &name, const QByteArray &content,
                              QString *error, mode_t mode) const
{
    const QByteArray temp = name + '.' + randomSuffix() + ".tmp";
    UniqueFd fd(::openat(dirFd, temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
    if (!fd.isValid()) {
        *error = pathError(QStringLiteral("cannot create"), dirPath + '/' + temp, errno);
        return false;
    }
    if (!writeAll(fd.get(), content) || ::fsync(fd.get()) != 0) {
        *error = pathError(QStringLiteral("cannot write"), dirPath + '/' + temp, errno);
        ::unlinkat(dirFd, temp.constData(), 0);
        return false;
    }
    fd.reset();
    if (::renameat(dirFd, temp.constData(), dirFd, name.constData()) != 0) {
        *error = pathError(QStringLiteral("cannot rename into"), dirPath + '/' + name, errno);
        ::unlinkat(dirFd, temp.constData(), 0);
        return false;
    }
    return true;
}

bool CacheWriter::writeRef(const QString &refName, const QByteArray &commit, QString *error) const
{
    const QByteArray ref = refName.toUtf8();
    if (!RemoteTree::isSafePath(ref)) {
        *error = QStringLiteral("refusing ref name '%1'").arg(refName);
        return false;
    }
    const qsizetype slash = ref.lastIndexOf('/');
    const QByteArray subDir = "refs" + (slash < 0 ? QByteArray() : '/' + ref.left(slash));
    const QByteArray name = ref.mid(slash + 1);
    const UniqueFd dir = openDir(subDir, true, error);
    if (!dir.isValid())
        return false;
    if (readSmallFile(dir.get(), name) == commit)
        return true;  // unchanged: read-only caches keep working (huggingface_hub PR #1219)
    return replaceFile(dir.get(), repoPath() + '/' + subDir, name, commit, error);
}

bool CacheWriter::writeTreesFile(const RemoteTree &tree, QString *error) const
{
    const UniqueFd dir = openDir("trees", true, error);
    if (!dir.isValid())
        return false;
    const QByteArray name = tree.commit + ".json";
    struct stat st;
    if (::fstatat(dir.get(), name.constData(), &st, AT_SYMLINK_NOFOLLOW) == 0)
        return true;
    // 0600: huggingface_hub writes it with tempfile.mkstemp and renames it, whatever the umask.
    return replaceFile(dir.get(), repoPath() + "/trees", name, tree.toTreesFile(), error, 0600);
}

void CacheWriter::ensureCacheDirTag() const
{
    QString ignored;
    const int root = rootFd(false, &ignored);
    if (root < 0)
        return;
    UniqueFd fd(::openat(root, "CACHEDIR.TAG", O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666));
    if (fd.isValid())
        writeAll(fd.get(), QByteArray(HubCacheTag::kContent));
}

} // namespace hfcache
