// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ProcInUseChecker.h"

#include "LeaseProbe.h"
#include "activity/ActivityReport.h"
#include "activity/ProcessFiles.h"
#include "activity/ProcessTable.h"

#include <QStringList>

#include <unistd.h>

namespace hfcache {

InUseAnswer ProcInUseChecker::check(const QHash<FileKey, QByteArray> &files) const
{
    InUseAnswer answer;
    if (files.isEmpty())
        return answer;
    QSet<FileKey> keys;
    keys.reserve(files.size());
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        keys.insert(it.key());
    // The same /proc reading and wording as `hfcache doctor` and `hfcache locks`.
    ActivityReport report;
    const ProcessFiles::Result scanned = ProcessFiles::scan(keys, m_procRoot, ::getpid());
    report.uses = scanned.uses;
    ProcessTable table(m_procRoot);
    for (auto it = report.uses.cbegin(); it != report.uses.cend(); ++it) {
        for (const FileUse &use : it.value())
            report.processes.insert(use.pid, table.info(use.pid));
    }
    for (auto it = report.uses.cbegin(); it != report.uses.cend(); ++it)
        answer.users.insert(it.key(), report.inUseText(it.key()));
    if (scanned.unreadablePids.isEmpty())
        return answer;

    // Processes we may not inspect could use the rest: the kernel still knows for the files we own.
    QStringList owners;
    for (const qint64 pid : scanned.unreadablePids) {
        const QString user = table.info(pid).user;
        if (!owners.contains(user))
            owners << user;
    }
    answer.uninspected = QStringLiteral("%1 process(es) of %2 could not be inspected")
                             .arg(scanned.unreadablePids.size()).arg(owners.join(QStringLiteral(", ")));
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        if (it.value().isEmpty() || answer.users.contains(it.key()))
            continue;
        switch (LeaseProbe::probe(it.value(), it.key())) {
        case LeaseProbe::State::Unused:
            break;
        case LeaseProbe::State::Used:
            answer.users.insert(it.key(), QStringLiteral("in use by a process hfcache may not inspect (%1)")
                                              .arg(answer.uninspected));
            break;
        case LeaseProbe::State::Unknown:
            answer.unknown.insert(it.key());
            break;
        }
    }
    return answer;
}

} // namespace hfcache
