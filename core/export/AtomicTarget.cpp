#include "AtomicTarget.h"

#include "util/PathText.h"
#include "util/SystemError.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {

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

} // namespace

bool AtomicTarget::removeTree(const QByteArray &path, QString *error)
{
    static thread_local QString *failure;
    failure = error;
    const int rc = ::nftw(path.constData(), [](const char *p, const struct stat *, int type, struct FTW *) {
        const int r = type == FTW_DP ? ::rmdir(p) : ::unlink(p);
        if (r != 0 && errno != ENOENT && failure)
            *failure = pathError(QStringLiteral("cannot remove"), p, errno);
        return 0;
    }, 64, FTW_DEPTH | FTW_PHYS);
    if (rc != 0 && errno != ENOENT) {
        if (error)
            *error = pathError(QStringLiteral("cannot remove"), path, errno);
        return false;
    }
    struct stat st;
    return ::lstat(path.constData(), &st) != 0;
}

void AtomicTarget::removeStaleTemporaries() const
{
    // Left by a killed export to the same target; recognisable by the prefix and our own suffix.
    const QByteArray prefix = tempPrefix(m_finalPath);
    const int fd = ::openat(m_parentFd.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *dir = fd >= 0 ? ::fdopendir(fd) : nullptr;
    if (!dir) {
        if (fd >= 0)
            ::close(fd);
        return;
    }
    const QByteArray parent = parentOf(m_finalPath);
    while (const dirent *entry = ::readdir(dir)) {
        const QByteArray name(entry->d_name);
        if (name.startsWith(prefix) && name.size() == prefix.size() + 6)
            removeTree(parent + '/' + name, nullptr);
    }
    ::closedir(dir);
}

bool AtomicTarget::create(Kind kind, const QByteArray &finalPath, bool replace, QString *error)
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
        if (S_ISDIR(st.st_mode) != (kind == Kind::Directory)) {
            *error = QStringLiteral("cannot replace %1: it is a %2").arg(PathText::display(finalPath),
                         S_ISDIR(st.st_mode) ? QStringLiteral("folder") : QStringLiteral("file, not a folder"));
            return false;
        }
    }
    removeStaleTemporaries();

    QByteArray templ = parent + '/' + tempPrefix(finalPath) + "XXXXXX";
    if (kind == Kind::Directory) {
        if (!::mkdtemp(templ.data())) {
            *error = pathError(QStringLiteral("cannot create a folder in"), parent, errno);
            return false;
        }
        m_fd = UniqueFd(::open(templ.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        ::fchmod(m_fd.get(), 0755);
    } else {
        m_fd = UniqueFd(::mkostemp(templ.data(), O_CLOEXEC));
        if (m_fd.isValid())
            ::fchmod(m_fd.get(), 0644);
    }
    if (!m_fd.isValid()) {
        *error = pathError(QStringLiteral("cannot create a file in"), parent, errno);
        if (kind == Kind::Directory)
            ::rmdir(templ.constData());
        return false;
    }
    m_tempPath = templ;
    m_active = true;
    return true;
}

bool AtomicTarget::commit(QString *error)
{
    // Directory: the caller synced the files (syncfs); this makes the folder entries durable.
    if (m_kind == Kind::Directory ? ::syncfs(m_fd.get()) != 0 : ::fsync(m_fd.get()) != 0) {
        *error = pathError(QStringLiteral("cannot sync"), m_tempPath, errno);
        return false;
    }
    const QByteArray tempName = baseName(m_tempPath);
    const QByteArray finalName = baseName(m_finalPath);
    int rc = ::renameat2(m_parentFd.get(), tempName.constData(), m_parentFd.get(), finalName.constData(),
                         RENAME_NOREPLACE);
    bool exchanged = false;
    if (rc != 0 && errno == EEXIST && m_replace) {
        // Swap in one step so the final name is never missing, then delete the old export.
        rc = m_kind == Kind::Directory
                 ? ::renameat2(m_parentFd.get(), tempName.constData(), m_parentFd.get(), finalName.constData(), RENAME_EXCHANGE)
                 : ::renameat(m_parentFd.get(), tempName.constData(), m_parentFd.get(), finalName.constData());
        exchanged = m_kind == Kind::Directory;
    }
    if (rc != 0) {
        *error = pathError(QStringLiteral("cannot rename %1 to").arg(PathText::display(m_tempPath)), m_finalPath, errno);
        return false;
    }
    ::fsync(m_parentFd.get());
    m_active = false;
    m_fd.reset();
    if (exchanged)
        removeTree(m_tempPath, nullptr);
    return true;
}

void AtomicTarget::discard()
{
    if (!m_active)
        return;
    m_active = false;
    m_fd.reset();
    if (m_kind == Kind::Directory)
        removeTree(m_tempPath, nullptr);
    else
        ::unlinkat(m_parentFd.get(), baseName(m_tempPath).constData(), 0);
}

} // namespace hfcache
