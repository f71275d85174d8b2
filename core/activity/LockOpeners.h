// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "FileKey.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace hfcache {

// Who opens some files during a short window, from fanotify(7) open events. Python's filelock
// never queues in flock(): a waiter opens the lock file, tries LOCK_NB and closes it again every
// poll interval (0.05 s by default), so it is invisible in /proc/locks and nearly never caught in
// /proc/<pid>/fd; listening for opens over a few intervals names every one of them.
// fanotify needs CAP_SYS_ADMIN: as another user, listen() says why it could not.
class LockOpeners
{
public:
    struct Result
    {
        QHash<FileKey, QList<qint64>> openers;  // per file, the pid of every open, in order: a poller repeats
        QString error;                          // set when nothing could be listened to
    };

    // Listens to `paths` for `windowMs`; our own opens are left out.
    static Result listen(const QList<QByteArray> &paths, int windowMs);
};

} // namespace hfcache
