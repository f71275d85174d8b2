// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "GroupMembers.h"

#include <QSet>

#include <grp.h>
#include <pwd.h>

#include <vector>

namespace hfcache {

QList<UserIdentity> GroupMembers::of(quint32 gid)
{
    QStringList names;
    struct group gr;
    struct group *found = nullptr;
    std::vector<char> buffer(65536);
    if (::getgrgid_r(gid_t(gid), &gr, buffer.data(), buffer.size(), &found) == 0 && found) {
        for (char **member = found->gr_mem; member && *member; ++member)
            names << QString::fromLocal8Bit(*member);
    }
    ::setpwent();
    while (const struct passwd *pw = ::getpwent()) {
        if (pw->pw_gid == gid)
            names << QString::fromLocal8Bit(pw->pw_name);
    }
    ::endpwent();
    QList<UserIdentity> members;
    QSet<QString> seen;
    for (const QString &name : std::as_const(names)) {
        if (seen.contains(name))
            continue;
        seen.insert(name);
        QString error;
        const UserIdentity user = UserIdentity::lookup(name, &error);
        if (!user.name.isEmpty())
            members.append(user);
    }
    return members;
}

} // namespace hfcache
