// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "FolderWriter.h"

#include "ByteSink.h"
#include "ContentReader.h"
#include "ExportMeter.h"
#include "cache/BlobHasher.h"
#include "util/PathText.h"
#include "util/SystemError.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {

constexpr off_t CopyStep = off_t(64) << 20;  // per copy_file_range call: keeps cancel and progress responsive

bool allZero(const char *data, size_t length)
{
    return length > 0 && data[0] == 0 && std::memcmp(data, data + 1, length - 1) == 0;
}

} // namespace

FolderWriter::FolderWriter(int rootFd, QByteArray rootPath, Options options)
    : m_rootFd(rootFd), m_rootPath(std::move(rootPath)), m_options(options)
{
}

int FolderWriter::parentFolder(const QByteArray &relative, QString *error)
{
    const qsizetype slash = relative.lastIndexOf('/');
    if (slash < 0)
        return m_rootFd;
    const QByteArray folder = relative.left(slash);
    if (const auto it = m_folders.find(folder); it != m_folders.end())
        return it->second.get();
    const int parentFd = parentFolder(folder, error);
    if (parentFd < 0)
        return -1;
    const QByteArray name = folder.mid(folder.lastIndexOf('/') + 1);
    if (::mkdirat(parentFd, name.constData(), 0755) != 0 && errno != EEXIST) {
        *error = pathError(QStringLiteral("cannot create the folder"), m_rootPath + '/' + folder, errno);
        return -1;
    }
    UniqueFd fd(::openat(parentFd, name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd.isValid()) {
        *error = pathError(QStringLiteral("cannot open the folder"), m_rootPath + '/' + folder, errno);
        return -1;
    }
    return m_folders.emplace(folder, std::move(fd)).first->second.get();
}

bool FolderWriter::write(const ExportItem &item, int contentFd, AsyncHasher *verifier, ExportMeter &meter,
                         QString *error)
{
    int dirFd;
    {
        std::lock_guard lock(m_foldersMutex);
        dirFd = parentFolder(item.path, error);
    }
    if (dirFd < 0)
        return false;
    if (verifier && !BlobHasher::algorithmFor(item.hashName))
        verifier = nullptr;  // nothing to compare with
    const QByteArray name = item.path.mid(item.path.lastIndexOf('/') + 1);
    if (m_options.hardlink)
        return link(item, contentFd, dirFd, name, error) && verifySource(contentFd, item, verifier, meter, error);
    const QByteArray target = m_rootPath + '/' + item.path;
    UniqueFd out(::openat(dirFd, name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
    if (!out.isValid()) {
        *error = pathError(QStringLiteral("cannot create"), target, errno);
        return false;
    }
    bool copied;
    if (::ioctl(out.get(), FICLONE, contentFd) == 0)
        copied = verifySource(contentFd, item, verifier, meter, error);
    else if (verifier)
        copied = streamCopy(contentFd, out.get(), item, verifier, meter, error);
    else
        copied = kernelCopy(contentFd, out.get(), item, meter, error);
    if (!copied)
        return false;
    // The blob's time, as in the archives: the export is the same content, not a new file.
    const struct timespec times[2] = {{0, UTIME_OMIT}, {item.mtime, 0}};
    ::futimens(out.get(), times);
    return true;
}

bool FolderWriter::link(const ExportItem &item, int contentFd, int dirFd, const QByteArray &name, QString *error)
{
    // Links the very file that was opened and checked, not whatever the path names now.
    const QByteArray self = "/proc/self/fd/" + QByteArray::number(contentFd);
    if (::linkat(AT_FDCWD, self.constData(), dirFd, name.constData(), AT_SYMLINK_FOLLOW) == 0)
        return true;
    const int err = errno;
    *error = err == EXDEV ? QStringLiteral("cannot hard-link %1: the target is on another filesystem than the cache "
                                           "(export without --hardlink)").arg(PathText::display(item.contentPath))
                          : pathError(QStringLiteral("cannot hard-link %1 to").arg(PathText::display(item.contentPath)),
                                      m_rootPath + '/' + item.path, err);
    return false;
}

bool FolderWriter::kernelCopy(int from, int to, const ExportItem &item, ExportMeter &meter, QString *error)
{
    const QByteArray target = m_rootPath + '/' + item.path;
    const off_t size = off_t(item.size);
    off_t position = 0;
    while (position < size) {
        off_t data = ::lseek(from, position, SEEK_DATA);
        if (data < 0 && errno == ENXIO)
            break;  // only a hole is left
        if (data < 0)
            data = position;  // no SEEK_DATA here: copy everything
        off_t hole = ::lseek(from, data, SEEK_HOLE);
        if (hole < 0 || hole > size)
            hole = size;
        meter.advance(quint64(data - position));
        off_t in = data;
        off_t out = data;
        while (in < hole) {
            const ssize_t n = ::copy_file_range(from, &in, to, &out, size_t(std::min(hole - in, CopyStep)), 0);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP) && in == 0) {
                ::lseek(from, 0, SEEK_SET);
                return streamCopy(from, to, item, nullptr, meter, error);
            }
            if (n < 0) {
                *error = pathError(QStringLiteral("cannot copy %1 to").arg(PathText::display(item.contentPath)), target, errno);
                return false;
            }
            if (n == 0) {
                *error = ContentReader::changedError(item);
                return false;
            }
            startWriteback(to, out - n, n);
            if (!meter.advance(quint64(n))) {
                *error = QStringLiteral("cancelled");
                return false;
            }
        }
        position = hole;
    }
    meter.advance(quint64(size - std::min(position, size)));
    if (::ftruncate(to, size) != 0) {
        *error = pathError(QStringLiteral("cannot write"), target, errno);
        return false;
    }
    return true;
}

bool FolderWriter::streamCopy(int from, int to, const ExportItem &item, AsyncHasher *verifier, ExportMeter &meter,
                              QString *error)
{
    const QByteArray target = m_rootPath + '/' + item.path;
    ContentReader reader(item, from, verifier);
    const bool ok = reader.readAll([&](const char *data, size_t length) {
        // Zero runs become holes, so sparse sources stay sparse in this path too.
        if (allZero(data, length)) {
            if (::lseek(to, off_t(length), SEEK_CUR) >= 0)
                return true;
        }
        return writeFully(to, data, length, target, error);
    }, meter, error);
    if (ok && ::ftruncate(to, off_t(item.size)) != 0) {
        *error = pathError(QStringLiteral("cannot write"), target, errno);
        return false;
    }
    return ok;
}

bool FolderWriter::verifySource(int from, const ExportItem &item, AsyncHasher *verifier, ExportMeter &meter,
                                QString *error)
{
    if (!verifier) {
        if (meter.advance(item.size))
            return true;
        *error = QStringLiteral("cancelled");
        return false;
    }
    ContentReader reader(item, from, verifier);
    return reader.readAll([](const char *, size_t) { return true; }, meter, error);
}

} // namespace hfcache
