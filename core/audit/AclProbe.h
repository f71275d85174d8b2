// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QString>

namespace hfcache {

// POSIX ACLs through libacl: whether the filesystem supports them, and whether a folder's
// default ACL makes files created in it group-writable whatever the creator's umask.
namespace AclProbe {

enum class Support { Supported, Unsupported, Unknown };

Support support(const QByteArray &path, QString *reason = nullptr);
// True when the default ACL of `dir` grants rwx to group `gid` (a named group entry, or the
// owning-group entry when `dirGid` == `gid`) and its mask does not take it away.
bool defaultAclGrantsGroup(const QByteArray &dir, quint32 gid, quint32 dirGid);
// "g:<group>:rwX", the setfacl -d -m entry that fixes it.
QString defaultAclEntry(const QString &group);

} // namespace AclProbe

} // namespace hfcache
