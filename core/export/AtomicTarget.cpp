// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "AtomicTarget.h"

#include "TreeRemover.h"
#include "util/DirectoryReader.h"
#include "util/PathText.h"
#include "util/SystemError.h"

#include <QRandomGenerator>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {

constexpr int SuffixLength = 6;  // as mkdtemp's XXXXXX

QByteArray parentOf(const QByteArray &path)
{
    const qsizetype slash = path.lastIndexOf('/');
    if (slash < 0)
        return ".";
    return slash == 0 ? QByteArray("/") : path.left(slash);
}

QByteArray baseName(const QByteArray &path)
{
    return path.mid(path.lastIndexOf('/') + 1);
}

QByteArray tempPrefix(const QByteArray &finalPath)
{
    return '.' + baseName(finalPath) + ".hfcache-export-";
}

QByteArray randomSuffix()
{
    static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QByteArray suffix(SuffixLength, Qt::Uninitialized);
    for (char &c : suffix)
        c = letters[QRandomGenerator::system()->bounded(int(sizeof letters) - 1)];
    return suffix;
}

bool writeAllAt(int dirFd, const char *name, const QByteArray &content)
{
    UniqueFd fd(::openat(dirFd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
    return fd.isValid() && ::write(fd.get(), content.constData(), size_t(content.size())) == content.size();
}

} // namespace

bool AtomicTarget::checkReplaceable(int parentFd, const QByteArray &name, UniqueFd *opened, QString *error) const
{
    const QString shown = PathText::display(m_finalPath);
    struct stat st;
    if (::fstatat(parentFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        *error = pathError(QStringLiteral("cannot replace"), m_finalPath, errno);
        return false;
    }
    if (S_ISLNK(st.st_mode)) {
        *error = QStringLiteral("cannot replace %1: it is a symbolic link").arg(shown);
        return false;
    }
    if (m_kind == Kind::File) {
        if (S_ISREG(st.st_mode))
            return true;
        *error = QStringLiteral("cannot replace %1: it is %2, not an archive file")
                     .arg(shown, S_ISDIR(st.st_mode) ? QStringLiteral("a folder") : QStringLiteral("a special file"));
        return false;
    }
    if (!S_ISDIR(st.st_mode)) {
        *error = QStringLiteral("cannot replace %1: it is a file, not a folder").arg(shown);
        return false;
    }
    UniqueFd fd(::openat(parentFd, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    struct stat self;
    if (!fd.isValid() || ::fstat(fd.get(), &self) != 0) {
        *error = pathError(QStringLiteral("cannot open"), m_finalPath, errno);
        return false;
    }
    if (self.st_dev != st.st_dev || self.st_ino != st.st_ino) {
        *error = QStringLiteral("cannot replace %1: it changed while it was checked").arg(shown);
        return false;
    }
    if (self.st_uid != ::geteuid()) {
        *error = QStringLiteral("refusing to replace %1: it belongs to user %2 (--force replaces only an earlier export of yours)")
                     .arg(shown).arg(self.st_uid);
        return false;
    }
    struct stat marker;
    const bool marked = ::fstatat(fd.get(), MarkerName, &marker, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(marker.st_mode);
    if (!marked && !DirectoryReader(fd.get(), ".").entries().isEmpty()) {
        *error = QStringLiteral("refusing to replace %1: it is not a folder hfcache exported (no %2 in it) and it is not "
                                "empty; --force replaces only an earlier export; choose a new folder")
                     .arg(shown, QString::fromLatin1(MarkerName));
        return false;
    }
    if (opened)
        *opened = std::move(fd);
    return true;
}

bool AtomicTarget::create(Kind kind, const QByteArray &finalPath, bool replace, const QByteArray &marker, QString *error)
{
    discard();
    m_kind = kind;
    m_finalPath = finalPath;
    m_replace = replace;
    const QByteArray parent = parentOf(finalPath);
    m_parentFd = UniqueFd(::open(parent.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!m_parentFd.isValid()) {
        *error = pathError(QStringLiteral("cannot open the target folder"), parent, errno);
        return false;
    }
    struct stat st;
    if (::fstatat(m_parentFd.get(), baseName(finalPath).constData(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
        if (!replace) {
            *error = QStringLiteral("%1 already exists (use --force to replace it)").arg(PathText::display(finalPath));
            return false;
        }
        if (!checkReplaceable(m_parentFd.get(), baseName(finalPath), nullptr, error))
            return false;
    }

    // mkdtemp's exclusivity, relative to the folder's fd: a name someone else made (however
    // planted) fails with EEXIST and is never used, or removed.
    const bool folder = kind == Kind::Directory;
    int err = EEXIST;
    for (int attempt = 0; attempt < 100 && err == EEXIST; ++attempt) {
        m_tempName = tempPrefix(finalPath) + randomSuffix();
        if (folder) {
            if (::mkdirat(m_parentFd.get(), m_tempName.constData(), 0700) != 0) {
                err = errno;
                continue;
            }
            m_fd = UniqueFd(::openat(m_parentFd.get(), m_tempName.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        } else {
            m_fd = UniqueFd(::openat(m_parentFd.get(), m_tempName.constData(),
                                     O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        }
        err = m_fd.isValid() ? 0 : errno;
    }
    m_tempPath = (parent == "/" ? QByteArray() : parent) + '/' + m_tempName;
    if (err != 0) {
        *error = pathError(folder ? QStringLiteral("cannot create a folder in") : QStringLiteral("cannot create a file in"),
                           parent, err);
        return false;
    }
    // The folder we made, not one swapped in between mkdirat and openat.
    if (::fstat(m_fd.get(), &st) != 0 || st.st_uid != ::geteuid() || (folder && (!S_ISDIR(st.st_mode) || st.st_nlink != 2))) {
        *error = QStringLiteral("the temporary %1 was replaced by someone else; nothing was written").arg(PathText::display(m_tempPath));
        m_fd.reset();
        return false;
    }
    m_device = st.st_dev;
    m_inode = st.st_ino;
    m_active = true;
    if (folder && !writeAllAt(m_fd.get(), MarkerName, marker)) {
        *error = pathError(QStringLiteral("cannot write"), m_tempPath + '/' + MarkerName, errno);
        return false;
    }
    return true;
}

QStringList AtomicTarget::staleTemporaries() const
{
    QStringList found;
    if (!m_parentFd.isValid())
        return found;
    const QByteArray prefix = tempPrefix(m_finalPath);
    const QByteArray parent = parentOf(m_finalPath);
    for (const DirectoryReader::Entry &entry : DirectoryReader(m_parentFd.get(), ".").entries()) {
        if (entry.name.startsWith(prefix) && entry.name.size() == prefix.size() + SuffixLength && entry.name != m_tempName)
            found << PathText::display((parent == "/" ? QByteArray() : parent) + '/' + entry.name);
    }
    found.sort();
    return found;
}

bool AtomicTarget::commit(QString *error, QString *warning)
{
    // Directory: the caller synced the files (syncfs); this makes the folder entries durable.
    const bool folder = m_kind == Kind::Directory;
    ::fchmod(m_fd.get(), folder ? 0755 : 0644);
    if (folder ? ::syncfs(m_fd.get()) != 0 : ::fsync(m_fd.get()) != 0) {
        *error = pathError(QStringLiteral("cannot sync"), m_tempPath, errno);
        return false;
    }
    struct stat st;
    if (::fstatat(m_parentFd.get(), m_tempName.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0 || st.st_dev != m_device
        || st.st_ino != m_inode) {
        *error = QStringLiteral("the temporary %1 was moved or replaced by someone else").arg(PathText::display(m_tempPath));
        return false;
    }
    const QByteArray finalName = baseName(m_finalPath);
    int rc = ::renameat2(m_parentFd.get(), m_tempName.constData(), m_parentFd.get(), finalName.constData(), RENAME_NOREPLACE);
    UniqueFd old;
    if (rc != 0 && errno == EEXIST && m_replace) {
        // Checked again right before: the final name may have changed since create().
        if (!checkReplaceable(m_parentFd.get(), finalName, folder ? &old : nullptr, error))
            return false;
        // A folder is swapped in one step so the final name is never missing; then the old
        // export (the very folder just checked, or nothing) is removed.
        rc = folder ? ::renameat2(m_parentFd.get(), m_tempName.constData(), m_parentFd.get(), finalName.constData(), RENAME_EXCHANGE)
                    : ::renameat(m_parentFd.get(), m_tempName.constData(), m_parentFd.get(), finalName.constData());
    }
    if (rc != 0) {
        *error = errno == EEXIST && !m_replace
                     ? QStringLiteral("%1 already exists: it appeared while this export ran (another export to it?); use "
                                      "--force to replace it").arg(PathText::display(m_finalPath))
                     : pathError(QStringLiteral("cannot rename %1 to").arg(PathText::display(m_tempPath)), m_finalPath, errno);
        return false;
    }
    ::fsync(m_parentFd.get());
    m_active = false;
    m_fd.reset();
    if (old.isValid()) {
        struct stat oldStat;
        QString why;
        if (::fstat(old.get(), &oldStat) != 0
            || !TreeRemover::removeEntryIfSame(m_parentFd.get(), m_tempName, oldStat.st_dev, oldStat.st_ino, m_tempPath, &why))
            *warning = QStringLiteral("the replaced export was moved to %1 and is (partly) left there: %2")
                           .arg(PathText::display(m_tempPath), why);
    }
    return true;
}

QString AtomicTarget::discard()
{
    if (!m_active)
        return {};
    m_active = false;
    QString why;
    bool removed = m_kind != Kind::Directory || TreeRemover::removeContents(m_fd.get(), m_tempPath, &why);
    m_fd.reset();
    removed = removed && TreeRemover::removeEntryIfSame(m_parentFd.get(), m_tempName, m_device, m_inode, m_tempPath, &why);
    return removed ? QString() : QStringLiteral("the temporary %1 is left: %2").arg(PathText::display(m_tempPath), why);
}

QString AtomicTarget::leftText(const QString &leftover) const
{
    return leftover.isEmpty() ? QStringLiteral("; nothing was left at %1").arg(PathText::display(m_finalPath))
                              : QStringLiteral("; %1").arg(leftover);
}

} // namespace hfcache
