#include "ProcInUseChecker.h"

#include "activity/ActivityReport.h"
#include "activity/ProcessFiles.h"
#include "activity/ProcessTable.h"

#include <unistd.h>

namespace hfcache {

QHash<FileKey, QString> ProcInUseChecker::check(const QSet<FileKey> &files) const
{
    if (files.isEmpty())
        return {};
    // The same /proc reading and wording as `hfcache doctor` and `hfcache locks`.
    ActivityReport report;
    report.uses = ProcessFiles::scan(files, m_procRoot, ::getpid()).uses;
    ProcessTable table(m_procRoot);
    QHash<FileKey, QString> result;
    for (auto it = report.uses.cbegin(); it != report.uses.cend(); ++it) {
        for (const FileUse &use : it.value())
            report.processes.insert(use.pid, table.info(use.pid));
    }
    for (auto it = report.uses.cbegin(); it != report.uses.cend(); ++it)
        result.insert(it.key(), report.inUseText(it.key()));
    return result;
}

} // namespace hfcache
