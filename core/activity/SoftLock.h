// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QString>

namespace hfcache {

// A filelock SoftFileLock marker: a lock file whose existence means "held" (filelock deletes it
// on release). filelock <= 3.23 leaves it empty; newer ones write "<pid>\n<hostname>\n" and, from
// 3.29 on Linux, a third line: the holder's start token ((boot id << 64) | /proc/<pid>/stat
// starttime, in decimal). filelock >= 3.24 uses it by itself where flock fails with ENOSYS.
struct SoftLock
{
    enum class Format : quint8 { Empty, Pid, PidHost, PidHostToken, Malformed };
    enum class Holder : quint8 { Alive, Gone, Recycled, Remote, Unknown };

    Format format = Format::Empty;
    qint64 pid = 0;
    QString host;
    QByteArray startToken;  // decimal, as written
    qint64 mtime = 0;       // seconds since the epoch
    quint64 inode = 0;
    Holder holder = Holder::Unknown;
    bool stale = false;
    QString staleReason;    // why stale, for people

    // The marker's text parsed as filelock 3.32 does (_parse_lock_holder), plus the older
    // formats: empty, and a lone pid.
    static SoftLock parse(const QByteArray &content);
    // Reads a lock file without following a link or blocking on a FIFO, at most 1 KiB (a bigger
    // one is Malformed). False when it is not a regular file or cannot be read.
    static bool read(const QByteArray &path, SoftLock *lock);
    // Fills `holder`, `stale` and `staleReason`: stale only when the holder was on this host and
    // is gone (or its pid now belongs to a younger process), or the marker is older than
    // `staleAfterSeconds` (0: never by age). `now` in seconds since the epoch.
    void judge(const QString &thisHost, qint64 now, qint64 staleAfterSeconds, const QByteArray &procRoot = "/proc");
    // The host name filelock records (socket.gethostname()).
    static QString hostName();

    QString formatName() const;  // "empty", "pid", "pid+host", "pid+host+token", "malformed"
    QString holderName() const;  // "alive", "gone", "recycled", "remote", "unknown"

    // Breaks a stale marker the way filelock's break_lock_file does: rename it to
    // "<name>.break.<pid>.<32 hex>" in its folder, then unlink it only if it is still the inode
    // judged stale and not modified since; a marker recreated meanwhile is left renamed (and
    // `*error` says where). Acts through the parent folder's fd, never following a link.
    [[nodiscard]] static bool breakStale(const QByteArray &path, const SoftLock &judged, QString *error);
};

} // namespace hfcache
