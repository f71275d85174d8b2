// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ProcessTable.h"

#include "ProcFile.h"
#include "audit/UserIdentity.h"
#include "util/PathText.h"
#include "util/UniqueFd.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace hfcache {

QString ProcessInfo::describe() const
{
    if (!host.isEmpty())  // another machine's process: only what its soft lock says
        return QStringLiteral("pid %1 on %2").arg(pid).arg(host);
    QString text = QStringLiteral("pid %1 %2").arg(pid).arg(exists ? name : QStringLiteral("(exited)"));
    if (exists && !user.isEmpty())
        text += QStringLiteral(" (%1)").arg(user);
    return text;
}

QString ProcessInfo::describeAll(const QList<ProcessInfo> &processes)
{
    QStringList parts;
    for (const ProcessInfo &process : processes)
        parts << process.describe();
    return parts.join(QStringLiteral(", "));
}

ProcessTable::ProcessTable(QByteArray procRoot) : m_procRoot(std::move(procRoot))
{
    QByteArray stat;
    if (ProcFile::readAll(AT_FDCWD, (m_procRoot + "/stat").constData(), &stat) == 0) {
        const qsizetype at = stat.indexOf("\nbtime ");
        if (at >= 0)
            m_bootTime = stat.mid(at + 7, stat.indexOf('\n', at + 7) - at - 7).toLongLong();
    }
}

QList<qint64> ProcessTable::pids() const
{
    QList<qint64> result;
    DIR *dir = ::opendir(m_procRoot.constData());
    if (!dir)
        return result;
    while (const dirent *entry = ::readdir(dir)) {
        bool ok = false;
        const qint64 pid = QByteArray(entry->d_name).toLongLong(&ok);
        if (ok && pid > 0)
            result.append(pid);
    }
    ::closedir(dir);
    return result;
}

ProcessInfo ProcessTable::info(qint64 pid)
{
    auto it = m_cache.constFind(pid);
    if (it == m_cache.constEnd())
        it = m_cache.insert(pid, read(pid));
    return *it;
}

ProcessInfo ProcessTable::read(qint64 pid) const
{
    ProcessInfo info;
    info.pid = pid;
    const QByteArray dirPath = m_procRoot + '/' + QByteArray::number(pid);
    UniqueFd dir(::open(dirPath.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    QByteArray status;
    if (!dir.isValid() || ProcFile::readAll(dir.get(), "status", &status) != 0) {
        info.exists = false;
        return info;
    }
    for (const QByteArray &line : status.split('\n')) {
        if (line.startsWith("Name:")) {
            info.name = PathText::decode(line.mid(5).trimmed());
        } else if (line.startsWith("Uid:")) {
            const QList<QByteArray> ids = line.mid(4).simplified().split(' ');
            info.uid = ids.value(1, ids.value(0)).toUInt();  // effective uid
        }
    }
    info.user = UserIdentity::userName(info.uid);
    QByteArray cmdline;
    if (ProcFile::readAll(dir.get(), "cmdline", &cmdline, 1 << 16) == 0) {
        if (cmdline.endsWith('\0'))
            cmdline.chop(1);
        info.cmdline = PathText::decode(cmdline.replace('\0', ' '));
    }
    QByteArray stat;
    if (m_bootTime > 0 && ProcFile::readAll(dir.get(), "stat", &stat) == 0) {
        // Field 22 (starttime, clock ticks after boot) counted after the ")" that ends the
        // command name, which may itself contain spaces and parentheses.
        const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
        bool ok = false;
        const qint64 ticks = fields.value(19).toLongLong(&ok);
        if (ok)
            info.startTime = m_bootTime + ticks / ::sysconf(_SC_CLK_TCK);
    }
    return info;
}

} // namespace hfcache
