// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "AccessCheck.h"

#include <QStringList>

#include <sys/stat.h>

namespace hfcache::AccessCheck {

namespace {

// The three permission bits (rwx) of the class that applies to `user`.
int classBits(const UserIdentity &user, const EntryStat &stat)
{
    if (stat.uid == user.uid)
        return int(stat.mode >> 6) & 7;
    if (user.inGroup(stat.gid))
        return int(stat.mode >> 3) & 7;
    return int(stat.mode) & 7;
}

QString bitsText(int bits)
{
    const QString text = QStringLiteral("%1%2%3")
                             .arg(bits & 4 ? QLatin1Char('r') : QLatin1Char('-'))
                             .arg(bits & 2 ? QLatin1Char('w') : QLatin1Char('-'))
                             .arg(bits & 1 ? QLatin1Char('x') : QLatin1Char('-'));
    return text == QLatin1String("---") ? QStringLiteral("no access") : text;
}

} // namespace

bool allows(const UserIdentity &user, const EntryStat &stat, int want)
{
    if (user.isRoot()) {
        // Root may read, write and search anything; executing a file needs some x bit.
        return !(want & Search) || stat.isDirectory() || (stat.mode & 0111);
    }
    return (classBits(user, stat) & want) == want;
}

QString wantText(int want)
{
    QStringList parts;
    if (want & Read)
        parts << QStringLiteral("read");
    if (want & Write)
        parts << QStringLiteral("write");
    if (want & Search)
        parts << QStringLiteral("search");
    return parts.join(QStringLiteral(" + "));
}

QString explainDenial(const UserIdentity &user, const EntryStat &stat, int want)
{
    const QString owner = UserIdentity::userName(stat.uid);
    const QString group = UserIdentity::groupName(stat.gid);
    const int bits = classBits(user, stat);
    QString who;
    if (stat.uid == user.uid)
        who = QStringLiteral("%1 is the owner; the owner has %2").arg(user.name, bitsText(bits));
    else if (user.inGroup(stat.gid))
        who = QStringLiteral("%1 is in the group %2 (owner %3); the group has %4").arg(user.name, group, owner, bitsText(bits));
    else
        who = QStringLiteral("%1 is neither the owner (%2) nor in the group (%3); others have %4")
                  .arg(user.name, owner, group, bitsText(bits));
    return QStringLiteral("%1, %2 is needed").arg(who, wantText(want & ~bits));
}

QString modeString(quint32 mode)
{
    QString text(10, QLatin1Char('-'));
    if (S_ISDIR(mode))
        text[0] = QLatin1Char('d');
    else if (S_ISLNK(mode))
        text[0] = QLatin1Char('l');
    else if (S_ISFIFO(mode))
        text[0] = QLatin1Char('p');
    else if (S_ISSOCK(mode))
        text[0] = QLatin1Char('s');
    else if (S_ISCHR(mode))
        text[0] = QLatin1Char('c');
    else if (S_ISBLK(mode))
        text[0] = QLatin1Char('b');
    const char letters[] = "rwxrwxrwx";
    for (int i = 0; i < 9; ++i) {
        if (mode & (0400u >> i))
            text[i + 1] = QLatin1Char(letters[i]);
    }
    // setuid, setgid and sticky replace the x letter: lowercase when x is also set.
    const struct { quint32 bit; int pos; char set; char noExec; } specials[] = {
        {S_ISUID, 3, 's', 'S'}, {S_ISGID, 6, 's', 'S'}, {S_ISVTX, 9, 't', 'T'}};
    for (const auto &s : specials) {
        if (mode & s.bit)
            text[s.pos] = QLatin1Char(text[s.pos] == QLatin1Char('x') ? s.set : s.noExec);
    }
    return text;
}

QString octal(quint32 permissions)
{
    // Four octal digits, built directly: a listing of 100,000 lock files shows one each.
    const quint32 bits = permissions & 07777;
    const QChar digits[4] = {QLatin1Char(char('0' + (bits >> 9))), QLatin1Char(char('0' + ((bits >> 6) & 7))),
                             QLatin1Char(char('0' + ((bits >> 3) & 7))), QLatin1Char(char('0' + (bits & 7)))};
    return QString(digits, 4);
}

} // namespace hfcache::AccessCheck
