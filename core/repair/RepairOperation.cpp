// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RepairOperation.h"

#include "util/PathText.h"

#include <QHash>

#include <charconv>

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>

namespace hfcache {

namespace {

struct KindName
{
    RepairOperation::Kind kind;
    const char *name;
};

constexpr KindName kKindNames[] = {
    {RepairOperation::Kind::Chown, "chown"},
    {RepairOperation::Kind::Chgrp, "chgrp"},
    {RepairOperation::Kind::Chmod, "chmod"},
    {RepairOperation::Kind::SetGid, "setgid"},
    {RepairOperation::Kind::DefaultAcl, "default-acl"},
    {RepairOperation::Kind::RemoveIncomplete, "remove-incomplete"},
};

// getpwuid/getgrgid parse /etc/passwd on every call: a 100k-row plan asks for the same few ids.
QString userName(qint64 uid)
{
    thread_local QHash<qint64, QString> names;
    auto it = names.constFind(uid);
    if (it == names.cend()) {
        const passwd *pw = ::getpwuid(uid_t(uid));
        it = names.insert(uid, pw ? QString::fromLocal8Bit(pw->pw_name) : QString::number(uid));
    }
    return *it;
}

QString groupName(qint64 gid)
{
    thread_local QHash<qint64, QString> names;
    auto it = names.constFind(gid);
    if (it == names.cend()) {
        const group *gr = ::getgrgid(gid_t(gid));
        it = names.insert(gid, gr ? QString::fromLocal8Bit(gr->gr_name) : QString::number(gid));
    }
    return *it;
}

QString octal(quint32 mode)
{
    return QStringLiteral("%1").arg(mode, 4, 8, QLatin1Char('0'));
}

} // namespace

QString RepairOperation::kindName(Kind kind)
{
    for (const KindName &entry : kKindNames) {
        if (entry.kind == kind)
            return QLatin1String(entry.name);
    }
    return {};
}

quint32 RepairOperation::keptSpecialBits(quint32 mode)
{
    return S_ISDIR(mode) ? mode & 03000 : 0;
}

QString RepairOperation::errorText(qsizetype index, const QString &why) const
{
    return QStringLiteral("operation %1 (%2 %3): %4").arg(index).arg(kindName(), PathText::display(path), why);
}

bool RepairOperation::kindFromName(QByteArrayView name, Kind *kind)
{
    for (const KindName &entry : kKindNames) {
        if (name == entry.name) {
            *kind = entry.kind;
            return true;
        }
    }
    return false;
}

QString RepairOperation::beforeText() const
{
    switch (kind) {
    case Kind::Chown:
        return userName(before.uid) + QLatin1Char(':') + groupName(before.gid);
    case Kind::Chgrp:
        return groupName(before.gid);
    case Kind::Chmod:
    case Kind::SetGid:
        return octal(before.permissions());
    case Kind::DefaultAcl:
        return QStringLiteral("no default ACL for %1").arg(groupName(gid));
    case Kind::RemoveIncomplete:
        return QStringLiteral("%1 bytes").arg(before.size);
    }
    return {};
}

QString RepairOperation::afterText() const
{
    switch (kind) {
    case Kind::Chown:
        return userName(uid) + QLatin1Char(':') + groupName(gid >= 0 ? gid : before.gid);
    case Kind::Chgrp:
        return groupName(gid);
    case Kind::Chmod:
        return octal(keptSpecialBits(before.mode) | mode);
    case Kind::SetGid:
        return octal(before.permissions() | 02000);
    case Kind::DefaultAcl:
        return QStringLiteral("default:group:%1:rwx").arg(groupName(gid));
    case Kind::RemoveIncomplete:
        return QStringLiteral("removed");
    }
    return {};
}

void RepairOperation::appendTargetText(QByteArray &out) const
{
    char digits[16];
    const auto number = [&](qint64 value, int base) {
        const auto end = std::to_chars(digits, digits + sizeof digits, value, base).ptr;
        out.append(digits, end - digits);
    };
    switch (kind) {
    case Kind::Chown:
        number(uid, 10);
        if (gid >= 0) {
            out.append(':');
            number(gid, 10);
        }
        return;
    case Kind::Chgrp:
        out.append(':');
        number(gid, 10);
        return;
    case Kind::Chmod:
        out.append('0');
        number(mode, 8);
        return;
    case Kind::SetGid:
        out.append("g+s");
        return;
    case Kind::DefaultAcl:
        out.append("default:g:");
        number(gid, 10);
        out.append(":rwx");
        return;
    case Kind::RemoveIncomplete:
        break;
    }
    out.append("removed");
}

} // namespace hfcache
