// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "MountInfo.h"

#include "activity/ProcFile.h"

#include <fcntl.h>

namespace hfcache {

namespace {

// mountinfo escapes space, tab, newline and backslash as \ooo.
QByteArray unescape(const QByteArray &field)
{
    QByteArray out;
    out.reserve(field.size());
    for (qsizetype i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size()) {
            bool ok = false;
            const int c = field.mid(i + 1, 3).toInt(&ok, 8);
            if (ok) {
                out += char(c);
                i += 3;
                continue;
            }
        }
        out += field[i];
    }
    return out;
}

QStringList options(const QByteArray &field)
{
    return QString::fromUtf8(field).split(QLatin1Char(','), Qt::SkipEmptyParts);
}

} // namespace

std::optional<MountEntry> MountInfo::parseLine(const QByteArray &line)
{
    // 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
    const QList<QByteArray> fields = line.trimmed().split(' ');
    const qsizetype dash = fields.indexOf("-");
    if (dash < 6 || dash + 2 >= fields.size())
        return std::nullopt;
    MountEntry entry;
    bool ok = false;
    entry.id = fields[0].toInt(&ok);
    if (!ok)
        return std::nullopt;
    const QList<QByteArray> dev = fields[2].split(':');
    if (dev.size() != 2)
        return std::nullopt;
    bool okMajor = false, okMinor = false;
    entry.major = dev[0].toInt(&okMajor);
    entry.minor = dev[1].toInt(&okMinor);
    if (!okMajor || !okMinor)
        return std::nullopt;
    entry.root = unescape(fields[3]);
    entry.mountPoint = unescape(fields[4]);
    entry.mountOptions = options(fields[5]);
    entry.type = QString::fromUtf8(unescape(fields[dash + 1]));
    entry.source = unescape(fields[dash + 2]);
    if (dash + 3 < fields.size())
        entry.superOptions = options(fields[dash + 3]);
    return entry;
}

QList<MountEntry> MountInfo::parse(const QByteArray &text)
{
    QList<MountEntry> mounts;
    for (const QByteArray &line : text.split('\n')) {
        if (auto entry = parseLine(line))
            mounts.append(*entry);
    }
    return mounts;
}

QList<MountEntry> MountInfo::read(const QByteArray &path)
{
    QByteArray text;
    if (ProcFile::readAll(AT_FDCWD, path.constData(), &text) != 0)
        return {};
    return parse(text);
}

const MountEntry *MountInfo::find(const QList<MountEntry> &mounts, int major, int minor, const QByteArray &realPath)
{
    const MountEntry *best = nullptr;
    for (const MountEntry &m : mounts) {
        if (m.major != major || m.minor != minor)
            continue;
        const bool above = m.mountPoint == "/" || realPath == m.mountPoint || realPath.startsWith(m.mountPoint + '/');
        if (above && (!best || m.mountPoint.size() >= best->mountPoint.size()))
            best = &m;
    }
    return best;
}

} // namespace hfcache
