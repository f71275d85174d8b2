// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QStringList>

#include <optional>

namespace hfcache {

// One line of /proc/self/mountinfo (proc(5)): where a filesystem is mounted and with which options.
struct MountEntry
{
    int id = 0;
    int major = 0;
    int minor = 0;
    QByteArray root;        // the folder of the filesystem mounted here (a bind mount's subfolder)
    QByteArray mountPoint;  // unescaped (\040 -> space)
    QString type;           // "nfs4", "lustre", "fuse.sshfs", ...
    QByteArray source;      // "server:/export", "10.0.0.1@tcp:/fs", "user@host:/dir"
    QStringList mountOptions;  // per mount point: rw, noatime, ...
    QStringList superOptions;  // per filesystem: vers=4.2, local_lock=none, flock, ...

    // "vers=4.2" -> "4.2" for key "vers", a bare flag ("flock") -> ""; nullopt when absent.
    // Filesystem options first: they are what the client uses.
    std::optional<QString> lookup(const QString &key) const;
    QString option(const QString &key) const { return lookup(key).value_or(QString()); }
    bool hasOption(const QString &key) const { return lookup(key).has_value(); }
};

} // namespace hfcache
