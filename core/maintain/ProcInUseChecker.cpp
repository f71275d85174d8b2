// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ProcInUseChecker.h"

#include "LeaseProbe.h"
#include "activity/ActivityReport.h"
#include "activity/ProcessFiles.h"
#include "activity/ProcessTable.h"

#include "util/Parallel.h"
#include "util/UniqueFd.h"

#include <QStringList>

#include <algorithm>
#include <fcntl.h>
#include <vector>
#include <unistd.h>

namespace hfcache {

namespace {

struct Asked
{
    QByteArray path;
    FileKey key;
    qsizetype slash = -1;   // the last '/' of the path
    size_t folderHash = 0;  // of the path up to `slash`
};

// A lease probe of every file (grouped by folder), on all cores: each worker opens a folder once
// for the run of its files and probes them by name (no path walk per file).
std::vector<LeaseProbe::State> probeLeases(const QList<Asked> &files)
{
    std::vector<LeaseProbe::State> states(size_t(files.size()), LeaseProbe::State::Unknown);
    constexpr qsizetype Chunk = 256;
    runInSlices(files.size(), Chunk, [&](qsizetype begin, qsizetype end) {
        QByteArray folder;
        UniqueFd folderFd;
        for (qsizetype i = begin; i < end; ++i) {
            const QByteArray &path = files[i].path;
            const qsizetype slash = files[i].slash;
            if (slash <= 0) {
                states[size_t(i)] = LeaseProbe::probeAt(AT_FDCWD, path.constData(), files[i].key);
                continue;
            }
            if (!folderFd.isValid() || QByteArrayView(path).first(slash) != folder) {
                folder = path.left(slash);
                // Followed like open(path) would: only the file itself is opened O_NOFOLLOW.
                folderFd.reset(::open(folder.constData(), O_PATH | O_DIRECTORY | O_CLOEXEC));
            }
            states[size_t(i)] = folderFd.isValid() ? LeaseProbe::probeAt(folderFd.get(), path.constData() + slash + 1, files[i].key)
                                                   : LeaseProbe::probeAt(AT_FDCWD, path.constData(), files[i].key);
        }
    });
    return states;
}

} // namespace

InUseAnswer ProcInUseChecker::check(const QHash<FileKey, QByteArray> &files) const
{
    InUseAnswer answer;
    if (files.isEmpty())
        return answer;
    // The same /proc reading and wording as `hfcache doctor` and `hfcache locks`.
    ActivityReport report;
    const ProcessFiles::Result scanned =
        ProcessFiles::scan([&files](const FileKey &key) { return files.contains(key); }, m_procRoot, ::getpid());
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
    QList<Asked> asked;
    asked.reserve(files.size());
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        if (!it.value().isEmpty() && !answer.users.contains(it.key())) {
            const QByteArray &path = it.value();
            const qsizetype slash = path.lastIndexOf('/');
            asked.append({path, it.key(), slash, qHash(QByteArrayView(path).first(std::max(slash, qsizetype(0))))});
        }
    }
    // Files of one folder next to each other is all probeLeases needs: sorting the hashes of their
    // folders is cheaper than sorting 100k paths (two folders of one hash merely interleave).
    std::sort(asked.begin(), asked.end(), [](const Asked &a, const Asked &b) { return a.folderHash < b.folderHash; });
    const std::vector<LeaseProbe::State> states = probeLeases(asked);
    for (qsizetype i = 0; i < asked.size(); ++i) {
        switch (states[size_t(i)]) {
        case LeaseProbe::State::Unused:
            break;
        case LeaseProbe::State::Used:
            answer.users.insert(asked[i].key, QStringLiteral("in use by a process hfcache may not inspect (%1)")
                                                  .arg(answer.uninspected));
            break;
        case LeaseProbe::State::Unknown:
            answer.unknown.insert(asked[i].key);
            break;
        }
    }
    return answer;
}

} // namespace hfcache
