#include "ProcInUseChecker.h"

#include "util/UniqueFd.h"


#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace hfcache {

namespace {

QByteArray readSmall(int dirFd, const char *name)
{
    UniqueFd fd(::openat(dirFd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!fd.isValid())
        return {};
    QByteArray text;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        text.append(buffer, n);
    }
    return text;
}

// "pid 1234 python3 (alice)", as core/activity's ProcessInfo::describe() words it.
QString describe(int pidDir, qint64 pid)
{
    const QByteArray comm = readSmall(pidDir, "comm").trimmed();
    struct stat st;
    QString user;
    if (::fstat(pidDir, &st) == 0) {
        const struct passwd *pw = ::getpwuid(st.st_uid);
        user = pw ? QString::fromLocal8Bit(pw->pw_name) : QString::number(st.st_uid);
    }
    return QStringLiteral("pid %1 %2 (%3)").arg(pid).arg(QString::fromLocal8Bit(comm), user);
}

void scanMaps(const QByteArray &maps, const QSet<FileKey> &files, QSet<FileKey> *mapped)
{
    // "7f3a..-7f3b.. r--p 00000000 08:01 1234567    /path": device and inode are fields 4 and 5.
    for (const QByteArray &line : maps.split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() < 5)
            continue;
        const quint64 inode = fields[4].toULongLong();
        const QList<QByteArray> dev = fields[3].split(':');
        if (inode == 0 || dev.size() != 2)
            continue;
        const FileKey key{quint64(makedev(dev[0].toUInt(nullptr, 16), dev[1].toUInt(nullptr, 16))), inode};
        if (files.contains(key))
            mapped->insert(key);
    }
}

} // namespace

QHash<FileKey, QString> ProcInUseChecker::check(const QSet<FileKey> &files) const
{
    QHash<FileKey, QStringList> users;
    if (files.isEmpty())
        return {};
    UniqueFd procFd(::open(m_procRoot.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    DIR *proc = procFd.isValid() ? ::fdopendir(::dup(procFd.get())) : nullptr;
    if (!proc)
        return {};
    const qint64 self = ::getpid();
    while (const dirent *entry = ::readdir(proc)) {
        bool isPid = false;
        const qint64 pid = QByteArray(entry->d_name).toLongLong(&isPid);
        if (!isPid || pid == self)
            continue;
        UniqueFd pidDir(::openat(procFd.get(), entry->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (!pidDir.isValid())
            continue;  // exited since the listing
        QHash<FileKey, QString> how;
        if (DIR *fds = ::fdopendir(::openat(pidDir.get(), "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC))) {
            while (const dirent *fd = ::readdir(fds)) {
                struct stat st;
                // Follows the magic link to the open file; fails harmlessly when it was just closed.
                if (fd->d_name[0] != '.' && ::fstatat(::dirfd(fds), fd->d_name, &st, 0) == 0) {
                    const FileKey key{quint64(st.st_dev), quint64(st.st_ino)};
                    if (files.contains(key))
                        how[key] = QStringLiteral("open");
                }
            }
            ::closedir(fds);
        }
        QSet<FileKey> mapped;
        scanMaps(readSmall(pidDir.get(), "maps"), files, &mapped);
        for (const FileKey &key : mapped)
            how[key] = how.contains(key) ? QStringLiteral("open, mapped") : QStringLiteral("mapped");
        if (how.isEmpty())
            continue;
        const QString who = describe(pidDir.get(), pid);
        for (auto it = how.cbegin(); it != how.cend(); ++it)
            users[it.key()] << QStringLiteral("%1 [%2]").arg(who, it.value());
    }
    ::closedir(proc);
    QHash<FileKey, QString> result;
    for (auto it = users.cbegin(); it != users.cend(); ++it)
        result.insert(it.key(), QStringLiteral("in use by ") + it.value().join(QStringLiteral(", ")));
    return result;
}

} // namespace hfcache
