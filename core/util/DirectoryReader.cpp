// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DirectoryReader.h"

#include <algorithm>

#include <cerrno>
#include <limits>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace hfcache {

DirectoryReader::DirectoryReader(int parentFd, const char *name)
{
    const int fd = ::openat(parentFd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        m_error = errno;
        return;
    }
    m_dir = ::fdopendir(fd);
    if (!m_dir) {
        m_error = errno;
        ::close(fd);
    }
}

DirectoryReader::~DirectoryReader()
{
    if (m_dir)
        ::closedir(static_cast<DIR *>(m_dir));
}

int DirectoryReader::fd() const
{
    return m_dir ? ::dirfd(static_cast<DIR *>(m_dir)) : -1;
}

QList<DirectoryReader::Entry> DirectoryReader::entries()
{
    return read(std::numeric_limits<qsizetype>::max(), {});
}

QList<DirectoryReader::Entry> DirectoryReader::entriesEndingWith(QByteArrayView suffix)
{
    return read(std::numeric_limits<qsizetype>::max(), suffix);
}

QList<DirectoryReader::Entry> DirectoryReader::next(qsizetype maxCount)
{
    return read(maxCount, {});
}

QList<QByteArray> DirectoryReader::sortedNames(int dirFd, int *error)
{
    DirectoryReader reader(dirFd, ".");
    QList<QByteArray> names;
    for (Entry &entry : reader.entries())
        names << std::move(entry.name);
    std::sort(names.begin(), names.end());
    *error = reader.error();
    return names;
}

QList<DirectoryReader::Entry> DirectoryReader::read(qsizetype maxCount, QByteArrayView suffix)
{
    QList<Entry> result;
    if (!m_dir)
        return result;
    DIR *dir = static_cast<DIR *>(m_dir);
    while (result.size() < maxCount) {
        errno = 0;
        const struct dirent *entry = ::readdir(dir);
        if (!entry) {
            m_error = errno;
            break;
        }
        const char *n = entry->d_name;
        if (n[0] == '.' && (n[1] == '\0' || (n[1] == '.' && n[2] == '\0')))
            continue;
        if (!suffix.isEmpty() && !QByteArrayView(n).endsWith(suffix))
            continue;
        result.append({QByteArray(n), entry->d_type, quint64(entry->d_ino)});
    }
    return result;
}

} // namespace hfcache
