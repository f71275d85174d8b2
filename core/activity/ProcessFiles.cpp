// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ProcessFiles.h"

#include "ProcFile.h"
#include "ProcessTable.h"
#include "util/UniqueFd.h"

#include <cctype>
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace hfcache {

namespace {

FileUse &useOf(ProcessFiles::Result &result, const FileKey &key, qint64 pid)
{
    QList<FileUse> &list = result.uses[key];
    if (list.isEmpty() || list.last().pid != pid)
        list.append(FileUse{pid, false, false});
    return list.last();
}

// fdinfo's "flags:" (octal) says how the file was opened: a SoftFileLock holder keeps its marker
// open O_WRONLY, a flock user opens it O_RDWR.
bool openedWriteOnly(int pidDir, const char *fd)
{
    QByteArray info;
    if (ProcFile::readAll(pidDir, (QByteArray("fdinfo/") + fd).constData(), &info, 1 << 16) != 0)
        return false;
    for (const QByteArray &line : info.split('\n')) {
        if (line.startsWith("flags:")) {
            bool ok = false;
            const uint flags = line.mid(6).trimmed().toUInt(&ok, 8);
            return ok && (flags & O_ACCMODE) == O_WRONLY;
        }
    }
    return false;
}

// Reads the fd folder of one process; false when we may not.
bool scanDescriptors(int pidDir, qint64 pid, const std::function<bool(const FileKey &)> &isInteresting,
                     ProcessFiles::Result &result)
{
    const int fdDir = ::openat(pidDir, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fdDir < 0)
        return errno != EACCES && errno != EPERM;
    DIR *dir = ::fdopendir(fdDir);
    if (!dir) {
        ::close(fdDir);
        return true;
    }
    while (const dirent *entry = ::readdir(dir)) {
        if (entry->d_name[0] == '.')
            continue;
        struct stat st;
        // Follows the magic link to the open file itself; fails harmlessly if it was closed.
        if (::fstatat(fdDir, entry->d_name, &st, 0) != 0)
            continue;
        const FileKey key{quint64(st.st_dev), quint64(st.st_ino)};
        if (isInteresting(key)) {
            FileUse &use = useOf(result, key, pid);
            use.open = true;
            use.writeOnly = use.writeOnly || openedWriteOnly(pidDir, entry->d_name);
        }
    }
    ::closedir(dir);
    return true;
}

} // namespace

QList<FileKey> ProcessFiles::parseMaps(const QByteArray &maps)
{
    // "7f3a..-7f3b.. r--p 00000000 08:01 1234567    /path": fields 4 and 5. Read in place (views,
    // no copy per line or field): every process's maps are parsed for each check.
    QList<FileKey> keys;
    const QByteArrayView text(maps);
    qsizetype pos = 0;
    while (pos < text.size()) {
        qsizetype end = text.indexOf('\n', pos);
        if (end < 0)
            end = text.size();
        const QByteArrayView line = text.sliced(pos, end - pos);
        pos = end + 1;
        QByteArrayView fields[5];
        int count = 0;
        for (qsizetype i = 0; i < line.size() && count < 5;) {
            while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])))
                ++i;
            const qsizetype start = i;
            while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i])))
                ++i;
            if (i > start)
                fields[count++] = line.sliced(start, i - start);
        }
        if (count < 5)
            continue;
        bool ok = false;
        const quint64 inode = fields[4].toULongLong(&ok);
        if (!ok || inode == 0)
            continue;  // anonymous mapping
        const qsizetype colon = fields[3].indexOf(':');
        if (colon < 0 || fields[3].indexOf(':', colon + 1) >= 0)
            continue;
        bool okMajor = false, okMinor = false;
        const uint major = fields[3].first(colon).toUInt(&okMajor, 16);
        const uint minor = fields[3].sliced(colon + 1).toUInt(&okMinor, 16);
        if (!okMajor || !okMinor)
            continue;
        const FileKey key{quint64(makedev(major, minor)), inode};
        if (keys.isEmpty() || !(keys.last() == key))
            keys.append(key);
    }
    return keys;
}

ProcessFiles::Result ProcessFiles::scan(const QSet<FileKey> &interesting, const QByteArray &procRoot, qint64 ownPid)
{
    if (interesting.isEmpty())
        return {};
    return scan([&interesting](const FileKey &key) { return interesting.contains(key); }, procRoot, ownPid);
}

ProcessFiles::Result ProcessFiles::scan(const std::function<bool(const FileKey &)> &isInteresting,
                                        const QByteArray &procRoot, qint64 ownPid)
{
    Result result;
    const ProcessTable table(procRoot);
    for (const qint64 pid : table.pids()) {
        if (pid == ownPid)
            continue;
        UniqueFd pidDir(::open((procRoot + '/' + QByteArray::number(pid)).constData(),
                               O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        if (!pidDir.isValid())
            continue;  // exited since the listing
        ++result.processes;
        bool readable = scanDescriptors(pidDir.get(), pid, isInteresting, result);
        QByteArray maps;
        const int error = ProcFile::readAll(pidDir.get(), "maps", &maps, 1 << 26);
        if (error == EACCES || error == EPERM)
            readable = false;
        for (const FileKey &key : parseMaps(maps)) {
            if (isInteresting(key))
                useOf(result, key, pid).mapped = true;
        }
        if (!readable) {
            ++result.unreadable;
            result.unreadablePids.append(pid);
        }
    }
    return result;
}

} // namespace hfcache
