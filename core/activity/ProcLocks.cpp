// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ProcLocks.h"

#include "ProcFile.h"
#include "util/SystemError.h"

#include <cctype>
#include <fcntl.h>
#include <sys/sysmacros.h>

namespace hfcache {

namespace {

bool parseHex(const QByteArray &text, quint64 *value)
{
    bool ok = false;
    *value = text.toULongLong(&ok, 16);
    return ok && !text.isEmpty();
}

// "08:01:123456" (major and minor in hex, inode in decimal) -> FileKey.
bool parseDeviceInode(const QByteArray &text, FileKey *key)
{
    const QList<QByteArray> parts = text.split(':');
    if (parts.size() != 3)
        return false;
    quint64 major = 0, minor = 0;
    if (!parseHex(parts[0], &major) || !parseHex(parts[1], &minor) || major > 0xffffffffu || minor > 0xffffffffu)
        return false;
    bool ok = false;
    key->inode = parts[2].toULongLong(&ok, 10);
    key->device = makedev(unsigned(major), unsigned(minor));
    return ok;
}

} // namespace

bool ProcLocks::parseLine(const QByteArray &line, LockRecord *record)
{
    const QList<QByteArray> tokens = line.simplified().split(' ');
    if (tokens.size() < 6 || !tokens[0].endsWith(':'))
        return false;
    LockRecord r;
    bool ok = false;
    r.id = tokens[0].chopped(1).toLongLong(&ok);
    if (!ok)
        return false;
    int i = 1;
    if (tokens[i] == "->") {
        r.blocked = true;
        ++i;
    }
    if (tokens.size() - i < 5)
        return false;
    const QByteArray &kind = tokens[i];
    if (kind == "FLOCK")
        r.kind = LockRecord::Kind::Flock;
    else if (kind == "POSIX")
        r.kind = LockRecord::Kind::Posix;
    else if (kind == "OFDLCK")
        r.kind = LockRecord::Kind::Ofd;
    else if (kind == "LEASE" || kind == "DELEG")
        r.kind = LockRecord::Kind::Lease;
    else if (kind.isEmpty() || !std::isupper(static_cast<unsigned char>(kind[0])))
        return false;
    // tokens[i + 1] is ADVISORY / MANDATORY / ACTIVE / BREAKING...: not needed.
    const QByteArray &access = tokens[i + 2];
    if (access == "WRITE")
        r.write = true;
    else if (access != "READ" && access != "NONE" && access != "UNLCK")
        return false;
    r.pid = tokens[i + 3].toLongLong(&ok);
    if (!ok)
        return false;
    if (!parseDeviceInode(tokens[i + 4], &r.file))
        return false;  // "<none>" or garbage: nothing to match against a file anyway
    *record = r;
    return true;
}

ProcLocks::Result ProcLocks::parse(const QByteArray &text)
{
    Result result;
    for (const QByteArray &line : text.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        LockRecord record;
        if (parseLine(line, &record))
            result.records.append(record);
        else
            ++result.skippedLines;
    }
    return result;
}

ProcLocks::Result ProcLocks::read(const QByteArray &path)
{
    QByteArray text;
    if (const int error = ProcFile::readAll(AT_FDCWD, path.constData(), &text)) {
        Result result;
        result.error = pathError(QStringLiteral("cannot read"), path, error);
        return result;
    }
    return parse(text);
}

} // namespace hfcache
