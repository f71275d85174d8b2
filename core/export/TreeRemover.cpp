// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "TreeRemover.h"

#include "util/DirectoryReader.h"
#include "util/PathText.h"
#include "util/SystemError.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {

[[nodiscard]] bool removeContentsOn(int dirFd, const QByteArray &shown, dev_t device, QString *error)
{
    DirectoryReader dir(dirFd, ".");
    if (!dir.isOpen()) {
        *error = pathError(QStringLiteral("cannot read"), shown, dir.error());
        return false;
    }
    bool ok = true;  // the first failure is the one reported
    QString ignored;
    for (const DirectoryReader::Entry &entry : dir.entries()) {
        const QByteArray child = shown + '/' + entry.name;
        struct stat st;
        if (::fstatat(dir.fd(), entry.name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
            if (errno != ENOENT) {
                if (ok)
                    *error = pathError(QStringLiteral("cannot remove"), child, errno);
                ok = false;
            }
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            if (st.st_dev != device) {
                if (ok)
                    *error = QStringLiteral("not removing %1: another filesystem is mounted there").arg(PathText::display(child));
                ok = false;
                continue;
            }
            // Opened with O_NOFOLLOW and compared with this fstatat: a folder swapped for a link is never entered.
            if (!TreeRemover::removeEntryIfSame(dir.fd(), entry.name, st.st_dev, st.st_ino, child, ok ? error : &ignored))
                ok = false;
        } else if (::unlinkat(dir.fd(), entry.name.constData(), 0) != 0 && errno != ENOENT) {
            if (ok)
                *error = pathError(QStringLiteral("cannot remove"), child, errno);
            ok = false;
        }
    }
    return ok;
}

} // namespace

bool TreeRemover::removeContents(int dirFd, const QByteArray &shown, QString *error)
{
    struct stat self;
    if (::fstat(dirFd, &self) != 0) {
        *error = pathError(QStringLiteral("cannot remove"), shown, errno);
        return false;
    }
    return removeContentsOn(dirFd, shown, self.st_dev, error);
}

bool TreeRemover::removeEntryIfSame(int parentFd, const QByteArray &name, dev_t device, ino_t inode,
                                    const QByteArray &shown, QString *error)
{
    struct stat st;
    if (::fstatat(parentFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT)
            return true;
        *error = pathError(QStringLiteral("cannot remove"), shown, errno);
        return false;
    }
    if (st.st_dev != device || st.st_ino != inode) {
        *error = QStringLiteral("not removing %1: it was replaced by something else meanwhile").arg(PathText::display(shown));
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        const int fd = ::openat(parentFd, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        struct stat opened;
        if (fd < 0 || ::fstat(fd, &opened) != 0 || opened.st_dev != device || opened.st_ino != inode) {
            *error = fd < 0 ? pathError(QStringLiteral("cannot open"), shown, errno)
                            : QStringLiteral("not removing %1: it was replaced by something else meanwhile").arg(PathText::display(shown));
            if (fd >= 0)
                ::close(fd);
            return false;
        }
        const bool emptied = removeContentsOn(fd, shown, device, error);
        ::close(fd);
        if (!emptied)
            return false;
    }
    if (::unlinkat(parentFd, name.constData(), S_ISDIR(st.st_mode) ? AT_REMOVEDIR : 0) != 0 && errno != ENOENT) {
        *error = pathError(QStringLiteral("cannot remove"), shown, errno);
        return false;
    }
    return true;
}

} // namespace hfcache
