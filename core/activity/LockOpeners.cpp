// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "LockOpeners.h"

#include "ActivityLog.h"
#include "util/SystemError.h"
#include "util/UniqueFd.h"

#include <QElapsedTimer>

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <sys/fanotify.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

LockOpeners::Result LockOpeners::listen(const QList<QByteArray> &paths, int windowMs)
{
    Result result;
    if (paths.isEmpty() || windowMs <= 0)
        return result;
    const UniqueFd notify(::fanotify_init(FAN_CLASS_NOTIF | FAN_CLOEXEC | FAN_NONBLOCK, O_RDONLY | O_CLOEXEC | O_LARGEFILE));
    if (!notify.isValid()) {
        const int error = errno;
        result.error = QStringLiteral("cannot listen for processes opening lock files (fanotify: %1%2)")
                           .arg(errnoText(error), error == EPERM ? QStringLiteral("; run as root") : QString());
        return result;
    }
    int marked = 0;
    for (const QByteArray &path : paths) {
        if (::fanotify_mark(notify.get(), FAN_MARK_ADD, FAN_OPEN, AT_FDCWD, path.constData()) == 0)
            ++marked;
        else
            qCDebug(lcActivity) << "fanotify_mark" << path << errnoText(errno);  // gone since the scan
    }
    if (marked == 0)
        return result;
    const pid_t self = ::getpid();
    QElapsedTimer timer;
    timer.start();
    alignas(fanotify_event_metadata) char buffer[8192];
    for (qint64 left = windowMs; left > 0; left = windowMs - timer.elapsed()) {
        pollfd pfd{notify.get(), POLLIN, 0};
        if (::poll(&pfd, 1, int(left)) <= 0)
            continue;
        const ssize_t length = ::read(notify.get(), buffer, sizeof buffer);
        if (length <= 0)
            continue;
        auto *event = reinterpret_cast<fanotify_event_metadata *>(buffer);
        for (ssize_t rest = length; FAN_EVENT_OK(event, rest); event = FAN_EVENT_NEXT(event, rest)) {
            if (event->fd < 0)
                continue;
            struct stat st;
            if (event->pid != self && ::fstat(event->fd, &st) == 0) {
                result.openers[FileKey{quint64(st.st_dev), quint64(st.st_ino)}].append(event->pid);
            }
            ::close(event->fd);
        }
    }
    qCDebug(lcActivity) << "listened to" << marked << "lock files for" << windowMs << "ms:" << result.openers.size()
                        << "opened";
    return result;
}

} // namespace hfcache
