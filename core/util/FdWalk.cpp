// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "FdWalk.h"

#include "PathText.h"
#include "SystemError.h"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace hfcache {

namespace {

constexpr int kWalkFlags = O_PATH | O_NOFOLLOW | O_CLOEXEC;

// Views into the path (no allocation per operation); the last one ends where the path's bytes
// end, so its data() is NUL-terminated for openat/statx.
FdWalk::Parts components(const QByteArray &relativePath)
{
    FdWalk::Parts parts;
    if (relativePath == ".")
        return parts;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= relativePath.size(); ++i) {
        if (i == relativePath.size() || relativePath[i] == '/') {
            parts.append(QByteArrayView(relativePath.constData() + start, i - start));
            start = i + 1;
        }
    }
    return parts;
}

// "a/b" for the first `count` components of `path`.
QByteArray prefix(const QByteArray &path, const FdWalk::Parts &parts, qsizetype count)
{
    return path.left(parts[count - 1].data() + parts[count - 1].size() - path.constData());
}

} // namespace

namespace {

void fill(const struct statx &sx, FdWalk::Stat *stat)
{
    stat->device = makedev(sx.stx_dev_major, sx.stx_dev_minor);
    stat->mountId = (sx.stx_mask & STATX_MNT_ID) ? sx.stx_mnt_id : 0;
    stat->inode = sx.stx_ino;
    stat->mode = sx.stx_mode;
    stat->uid = sx.stx_uid;
    stat->gid = sx.stx_gid;
    stat->nlink = sx.stx_nlink;
}

} // namespace

bool FdWalk::Stat::isDirectory() const { return S_ISDIR(mode); }
bool FdWalk::Stat::isRegularFile() const { return S_ISREG(mode); }
bool FdWalk::Stat::isSymlink() const { return S_ISLNK(mode); }

bool FdWalk::statFd(int fd, Stat *stat)
{
    struct statx sx;
    if (::statx(fd, "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS | STATX_MNT_ID, &sx) != 0)
        return false;
    fill(sx, stat);
    return true;
}

bool FdWalk::isValidRelativePath(const QByteArray &relativePath, QString *why)
{
    if (relativePath == ".")
        return true;
    if (relativePath.isEmpty()) {
        *why = QStringLiteral("empty path");
        return false;
    }
    if (relativePath.size() >= PATH_MAX || relativePath.contains('\0')) {
        *why = QStringLiteral("path too long or containing a NUL byte");
        return false;
    }
    if (relativePath.startsWith('/')) {
        *why = QStringLiteral("absolute path (paths must be relative to the cache root)");
        return false;
    }
    // One pass over the bytes (this runs for every operation of a 100k-entry plan).
    qsizetype start = 0;
    for (qsizetype i = 0; i <= relativePath.size(); ++i) {
        if (i < relativePath.size() && relativePath[i] != '/')
            continue;
        const QByteArrayView part(relativePath.constData() + start, i - start);
        if (part.isEmpty() || part == ".." || part == ".") {
            *why = QStringLiteral("path component '%1' is not allowed").arg(QString::fromLatin1(part));
            return false;
        }
        if (part.size() > NAME_MAX) {
            *why = QStringLiteral("path component longer than %1 bytes").arg(NAME_MAX);
            return false;
        }
        start = i + 1;
    }
    return true;
}

bool FdWalk::onRootMount(const Stat &stat) const
{
    return stat.device == m_rootStat.device && stat.mountId == m_rootStat.mountId;
}

QByteArray FdWalk::canonicalPath(const QByteArray &path)
{
    char buffer[PATH_MAX];
    return ::realpath(path.constData(), buffer) ? QByteArray(buffer) : QByteArray();
}

bool FdWalk::openRoot(const QByteArray &absoluteRoot, QString *error)
{
    m_openNames.clear();
    m_openFds.clear();
    m_rootPath.clear();
    QString why;
    if (!absoluteRoot.startsWith('/') || (absoluteRoot != "/" && !isValidRelativePath(absoluteRoot.mid(1), &why))) {
        *error = QStringLiteral("%1: not a canonical absolute path %2").arg(PathText::display(absoluteRoot), why);
        return false;
    }
    UniqueFd fd(::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!fd.isValid()) {
        *error = pathError(QStringLiteral("cannot open"), "/", errno);
        return false;
    }
    QByteArray walked;
    const QByteArray relativeRoot = absoluteRoot == "/" ? QByteArray(".") : absoluteRoot.mid(1);
    for (const QByteArrayView view : components(relativeRoot)) {
        const QByteArray part = view.toByteArray();
        if (!statFd(fd.get(), &m_rootPath.emplace_back())) {
            *error = pathError(QStringLiteral("cannot stat"), walked.isEmpty() ? QByteArray("/") : walked, errno);
            return false;
        }
        walked += '/' + part;
        UniqueFd next(::openat(fd.get(), part.constData(), kWalkFlags | O_DIRECTORY));
        if (!next.isValid()) {
            const int err = errno;
            *error = err == ENOTDIR ? QStringLiteral("%1: not a folder, or a symlink (the cache root must be "
                                                     "given without symlinks)").arg(PathText::display(walked))
                                    : pathError(QStringLiteral("cannot open"), walked, err);
            return false;
        }
        fd = std::move(next);
    }
    if (!statFd(fd.get(), &m_rootStat)) {
        *error = pathError(QStringLiteral("cannot stat"), absoluteRoot, errno);
        return false;
    }
    m_rootPath.push_back(m_rootStat);
    m_root = std::move(fd);
    return true;
}

int FdWalk::walkTo(const Parts &parts, qsizetype count, const QByteArray &path, QString *error)
{
    // Keep the open prefix shared with the previous path, close the rest.
    qsizetype common = 0;
    while (common < count && common < m_openNames.size() && QByteArrayView(m_openNames[common]) == parts[common])
        ++common;
    m_openNames.resize(common);
    m_openFds.resize(size_t(common));
    for (qsizetype i = common; i < count; ++i) {
        const int parent = i == 0 ? m_root.get() : m_openFds.back().get();
        const QByteArray name = parts[i].toByteArray();
        UniqueFd fd(::openat(parent, name.constData(), kWalkFlags | O_DIRECTORY));
        const QByteArray walked = prefix(path, parts, i + 1);
        if (!fd.isValid()) {
            const int err = errno;
            *error = err == ENOTDIR ? QStringLiteral("%1: refusing to go through a symlink or non-folder (%2)")
                                          .arg(PathText::display(walked), PathText::display(path))
                                    : pathError(QStringLiteral("cannot open"), walked, err);
            return -1;
        }
        Stat stat;
        if (!statFd(fd.get(), &stat)) {
            *error = pathError(QStringLiteral("cannot stat"), walked, errno);
            return -1;
        }
        if (!onRootMount(stat)) {
            *error = QStringLiteral("%1: on another file system or mount than the cache root; not crossing it")
                         .arg(PathText::display(walked));
            return -1;
        }
        m_openNames.append(name);
        m_openFds.push_back(std::move(fd));
    }
    return count == 0 ? m_root.get() : m_openFds.back().get();
}

int FdWalk::openDirectory(const QByteArray &relativePath, QString *error)
{
    QString why;
    if (!isValidRelativePath(relativePath, &why)) {
        *error = QStringLiteral("%1: %2").arg(PathText::display(relativePath), why);
        return -1;
    }
    const Parts parts = components(relativePath);
    return walkTo(parts, parts.size(), relativePath, error);
}

bool FdWalk::stat(const QByteArray &relativePath, Stat *stat, QString *error)
{
    QString why;
    if (!isValidRelativePath(relativePath, &why)) {
        *error = QStringLiteral("%1: %2").arg(PathText::display(relativePath), why);
        return false;
    }
    const Parts parts = components(relativePath);
    const int parent = walkTo(parts, parts.isEmpty() ? 0 : parts.size() - 1, relativePath, error);
    if (parent < 0)
        return false;
    struct statx sx;
    const char *name = parts.isEmpty() ? "" : parts.last().data();
    if (::statx(parent, name, AT_SYMLINK_NOFOLLOW | (parts.isEmpty() ? AT_EMPTY_PATH : 0),
                STATX_BASIC_STATS | STATX_MNT_ID, &sx) != 0) {
        *error = pathError(QStringLiteral("cannot stat"), relativePath, errno);
        return false;
    }
    fill(sx, stat);
    if (!onRootMount(*stat)) {
        *error = QStringLiteral("%1: on another file system or mount than the cache root; not crossing it")
                     .arg(PathText::display(relativePath));
        return false;
    }
    return true;
}

bool FdWalk::open(const QByteArray &relativePath, Entry *entry, QString *error)
{
    QString why;
    if (!isValidRelativePath(relativePath, &why)) {
        *error = QStringLiteral("%1: %2").arg(PathText::display(relativePath), why);
        return false;
    }
    const Parts parts = components(relativePath);
    if (parts.isEmpty()) {
        entry->fd.reset(::fcntl(m_root.get(), F_DUPFD_CLOEXEC, 0));
        entry->parentFd = -1;
        entry->name = ".";
    } else {
        const int parent = walkTo(parts, parts.size() - 1, relativePath, error);
        if (parent < 0)
            return false;
        entry->fd.reset(::openat(parent, parts.last().data(), kWalkFlags));
        entry->parentFd = parent;
        entry->name = parts.last().toByteArray();
    }
    if (!entry->fd.isValid() || !statFd(entry->fd.get(), &entry->stat)) {
        *error = pathError(QStringLiteral("cannot open"), relativePath, errno);
        return false;
    }
    if (!onRootMount(entry->stat)) {
        *error = QStringLiteral("%1: on another file system or mount than the cache root; not crossing it")
                     .arg(PathText::display(relativePath));
        return false;
    }
    return true;
}

} // namespace hfcache
