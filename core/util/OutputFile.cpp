// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "OutputFile.h"

#include "SystemError.h"
#include "UniqueFd.h"

#include <QRandomGenerator>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache::OutputFile {

bool write(const QByteArray &path, const QByteArray &content, QString *error)
{
    const qsizetype slash = path.lastIndexOf('/');
    const QByteArray folder = slash < 0 ? QByteArray(".") : slash == 0 ? QByteArray("/") : path.left(slash);
    const QByteArray name = path.mid(slash + 1);
    if (name.isEmpty() || name == "." || name == "..") {
        *error = QStringLiteral("cannot write %1: not a file name").arg(QString::fromLocal8Bit(path));
        return false;
    }
    const UniqueFd dir(::open(folder.constData(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!dir.isValid()) {
        *error = pathError(QStringLiteral("cannot write"), path, errno);
        return false;
    }
    const QByteArray temp = '.' + name + '.' + QByteArray::number(QRandomGenerator::global()->generate(), 16) + ".tmp";
    UniqueFd fd(::openat(dir.get(), temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666));
    if (!fd.isValid()) {
        *error = pathError(QStringLiteral("cannot write"), path, errno);
        return false;
    }
    qsizetype done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd.get(), content.constData() + done, size_t(content.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += n;
    }
    if (done < content.size() || ::fsync(fd.get()) != 0 || ::renameat(dir.get(), temp.constData(), dir.get(), name.constData()) != 0) {
        *error = pathError(QStringLiteral("cannot write"), path, errno ? errno : EIO);
        ::unlinkat(dir.get(), temp.constData(), 0);
        return false;
    }
    return true;
}

} // namespace hfcache::OutputFile
