// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QList>
#include <QString>

namespace hfcache {

// The credentials a permission check is made for: the current process, or another user
// looked up in the user database (doctor --as-user), with all supplementary groups.
struct UserIdentity
{
    QString name;
    QString home;           // empty for the current process when not looked up
    quint32 uid = 0;
    quint32 gid = 0;        // primary group
    QList<quint32> groups;  // every group, primary included

    bool isRoot() const { return uid == 0; }
    bool inGroup(quint32 group) const { return groups.contains(group); }

    static UserIdentity current();
    // A user name, or a number naming no user taken as a uid. nullopt-like: empty name and
    // *error set when there is no such user.
    [[nodiscard]] static UserIdentity lookup(const QString &userName, QString *error);
    [[nodiscard]] static UserIdentity fromUid(quint32 uid, QString *error);

    // "alice" / "staff", or the number for ids without a name (a container's uid).
    static QString userName(quint32 uid);
    static QString groupName(quint32 gid);
    // -1 when there is no such group.
    static qint64 groupId(const QString &name);
};

} // namespace hfcache
