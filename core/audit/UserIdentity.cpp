// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "UserIdentity.h"

#include <QHash>

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <vector>

namespace hfcache {

namespace {

UserIdentity fromPasswd(const struct passwd &pw)
{
    UserIdentity user;
    user.name = QString::fromLocal8Bit(pw.pw_name);
    user.home = QString::fromLocal8Bit(pw.pw_dir);
    user.uid = pw.pw_uid;
    user.gid = pw.pw_gid;
    int count = 64;
    std::vector<gid_t> groups(static_cast<size_t>(count));
    while (::getgrouplist(pw.pw_name, pw.pw_gid, groups.data(), &count) < 0)
        groups.resize(size_t(count));
    for (int i = 0; i < count; ++i)
        user.groups.append(groups[size_t(i)]);
    return user;
}

template<typename Lookup>
UserIdentity lookupWith(Lookup lookup, const QString &what, QString *error)
{
    struct passwd pw;
    struct passwd *found = nullptr;
    std::vector<char> buffer(16384);
    if (lookup(&pw, buffer.data(), buffer.size(), &found) == 0 && found)
        return fromPasswd(*found);
    if (error)
        *error = QStringLiteral("no such user: %1").arg(what);
    return {};
}

} // namespace

UserIdentity UserIdentity::current()
{
    UserIdentity user;
    user.uid = ::geteuid();
    user.gid = ::getegid();
    QString error;
    const UserIdentity known = fromUid(user.uid, &error);
    user.name = known.name.isEmpty() ? QString::number(user.uid) : known.name;
    user.home = known.home;
    // The groups of this process, which may differ from the user database (newgrp, sg).
    const int count = ::getgroups(0, nullptr);
    std::vector<gid_t> groups(size_t(qMax(count, 0)));
    const int got = ::getgroups(int(groups.size()), groups.data());
    user.groups.append(user.gid);
    for (int i = 0; i < got; ++i) {
        if (!user.groups.contains(groups[size_t(i)]))
            user.groups.append(groups[size_t(i)]);
    }
    return user;
}

UserIdentity UserIdentity::lookup(const QString &userName, QString *error)
{
    const QByteArray name = userName.toLocal8Bit();
    const UserIdentity byName = lookupWith([&](struct passwd *pw, char *buf, size_t len, struct passwd **found) {
        return ::getpwnam_r(name.constData(), pw, buf, len, found);
    }, userName, error);
    // A number that names no user is a uid, as chown and id read it.
    bool isNumber = false;
    const uint uid = userName.toUInt(&isNumber);
    if (!byName.name.isEmpty() || !isNumber)
        return byName;
    const UserIdentity byUid = fromUid(uid, nullptr);
    if (byUid.name.isEmpty() && error)
        *error = QStringLiteral("no such user: %1 (neither a user name nor the uid of a user)").arg(userName);
    return byUid;
}

UserIdentity UserIdentity::fromUid(quint32 uid, QString *error)
{
    return lookupWith([&](struct passwd *pw, char *buf, size_t len, struct passwd **found) {
        return ::getpwuid_r(uid, pw, buf, len, found);
    }, QString::number(uid), error);
}

// getpwuid_r and getgrgid_r read /etc/passwd and /etc/group on every call: a listing of 100,000
// lock files asks for the same few ids, so each thread remembers the names it looked up.
QString UserIdentity::userName(quint32 uid)
{
    thread_local QHash<quint32, QString> names;
    const auto known = names.constFind(uid);
    if (known != names.cend())
        return *known;
    struct passwd pw;
    struct passwd *found = nullptr;
    std::vector<char> buffer(16384);
    const QString name = ::getpwuid_r(uid, &pw, buffer.data(), buffer.size(), &found) == 0 && found
                             ? QString::fromLocal8Bit(found->pw_name) : QString::number(uid);
    names.insert(uid, name);
    return name;
}

QString UserIdentity::groupName(quint32 gid)
{
    thread_local QHash<quint32, QString> names;
    const auto known = names.constFind(gid);
    if (known != names.cend())
        return *known;
    struct group gr;
    struct group *found = nullptr;
    std::vector<char> buffer(16384);
    const QString name = ::getgrgid_r(gid, &gr, buffer.data(), buffer.size(), &found) == 0 && found
                             ? QString::fromLocal8Bit(found->gr_name) : QString::number(gid);
    names.insert(gid, name);
    return name;
}

qint64 UserIdentity::groupId(const QString &name)
{
    struct group gr;
    struct group *found = nullptr;
    std::vector<char> buffer(16384);
    const QByteArray raw = name.toLocal8Bit();
    if (::getgrnam_r(raw.constData(), &gr, buffer.data(), buffer.size(), &found) == 0 && found)
        return found->gr_gid;
    bool ok = false;
    const uint number = name.toUInt(&ok);
    return ok ? qint64(number) : -1;
}

} // namespace hfcache
