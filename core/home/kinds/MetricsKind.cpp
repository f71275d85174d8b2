// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "MetricsKind.h"

#include "cache/FindingCode.h"
#include "home/HomeEnvironment.h"
#include "home/KindLocks.h"
#include "home/KindScan.h"
#include "util/PathText.h"

#include <QFile>
#include <QMap>

#include <algorithm>

namespace hfcache {

namespace {

// module.py:187-216, 266-308: <exp>-<N>-<i>.arrow, <exp>-<N>-<i>.arrow.lock, <exp>-<N>-rdv.lock.
// The experiment id may hold '-', so the name is read from the right. False for other names.
bool parseExperimentFile(const QByteArray &name, QByteArray *experiment, int *processes)
{
    QByteArray stem = name;
    if (stem.endsWith(".lock"))
        stem.chop(5);
    if (stem.endsWith(".arrow"))
        stem.chop(6);
    const qsizetype last = stem.lastIndexOf('-');
    const qsizetype middle = last > 0 ? stem.lastIndexOf('-', last - 1) : -1;
    if (middle <= 0)
        return false;
    bool ok = false;
    const int n = stem.mid(middle + 1, last - middle - 1).toInt(&ok);
    if (!ok || n <= 0)
        return false;
    *experiment = stem.left(last);
    *processes = n;
    return true;
}

// What an experiment lock is for: process i (module.py:187-216, `_create_cache_file`), or -1 for
// the rendezvous lock process 0 holds until every process is there (266-308, `_init_writer`).
// False for other names.
bool parseExperimentLock(const QByteArray &name, int *process)
{
    QByteArray stem = name;
    if (!stem.endsWith(".lock"))
        return false;
    stem.chop(5);
    const bool arrow = stem.endsWith(".arrow");
    if (arrow)
        stem.chop(6);
    const QByteArray last = stem.mid(stem.lastIndexOf('-') + 1);
    if (!arrow) {
        *process = -1;
        return last == "rdv";
    }
    bool ok = false;
    *process = last.toInt(&ok);
    return ok && *process >= 0;
}

// How often one poller must be seen opening a held lock to be stuck on it: evaluate's healthy
// FileFreeLock tries a held lock once or twice (one 0.01 s acquire) and moves on; the broken one
// tries again every 0.05 s until its timeout.
constexpr int StuckOpens = 4;

QString processText(int process, int processes)
{
    return process < 0 ? QStringLiteral("rendezvous") : QStringLiteral("process %1 of %2").arg(process).arg(processes);
}

// The locks of one experiment, by process (-1: the rendezvous), as indexes into KindLocks::locks.
struct ExperimentLocks
{
    qint32 group = -1;
    int processes = 0;
    QMap<int, qsizetype> byProcess;
};

// Which process of the experiment a pid is: the one whose arrow lock it holds.
int processOf(const KindLocks &locks, const ExperimentLocks &experiment, qint64 pid)
{
    for (auto it = experiment.byProcess.cbegin(); it != experiment.byProcess.cend(); ++it) {
        const QList<ProcessInfo> &holders = locks.locks[*it].holders();
        if (it.key() >= 0 && std::any_of(holders.cbegin(), holders.cend(), [pid](const ProcessInfo &p) { return p.pid == pid; }))
            return it.key();
    }
    return -1;
}

// evaluate <= 0.4.1's FileFreeLock says "a peer holds this lock" through _lock_file_fd, which
// filelock >= 3.12 no longer reads (hf-home-reference.md §3.3): every process then waits for a
// lock that is held as if it were missing, and fails after its timeout with "Expected to find
// locked file <lock> from process <i> but it doesn't exist". Seen here as process 0's lock held
// while someone keeps probing it, or every process's lock held while process 0 still holds the
// rendezvous; as a possibility (info) whenever the rendezvous is held with process 0's lock.
void judgeRendezvous(KindLocks &locks, const ExperimentLocks &experiment)
{
    const qsizetype first = experiment.byProcess.value(0, -1);
    const qsizetype rendezvous = experiment.byProcess.value(-1, -1);
    if (first < 0 || rendezvous < 0)
        return;
    const KindLock &lock0 = locks.locks[first];
    if (!lock0.present || !lock0.held() || !locks.locks[rendezvous].present || !locks.locks[rendezvous].held())
        return;
    QList<qint64> stuck;
    for (const qint64 pid : lock0.openedBy) {
        if (lock0.openedBy.count(pid) >= StuckOpens && !stuck.contains(pid))
            stuck.append(pid);
    }
    bool everyoneThere = true;
    for (int i = 0; i < experiment.processes; ++i) {
        const qsizetype index = experiment.byProcess.value(i, -1);
        everyoneThere = everyoneThere && index >= 0 && locks.locks[index].present && locks.locks[index].held();
    }
    const QByteArray path = locks.path(lock0);
    const QString holder = ProcessInfo::describeAll(lock0.holders());
    QString seen;
    if (!stuck.isEmpty()) {
        QStringList who;
        for (const qint64 pid : std::as_const(stuck)) {
            const int process = processOf(locks, experiment, pid);
            who << (process >= 0 ? QStringLiteral("pid %1 (process %2)").arg(pid).arg(process) : QStringLiteral("pid %1").arg(pid));
        }
        seen = QStringLiteral("process 0's lock %1 exists and is held by %2, yet %3 keep%4 probing it as if it were missing")
                   .arg(PathText::display(lock0.relativePath.mid(lock0.relativePath.lastIndexOf('/') + 1)), holder,
                        who.join(QStringLiteral(", ")), who.size() == 1 ? QStringLiteral("s") : QString());
    } else if (everyoneThere) {
        seen = QStringLiteral("every process of %1 holds its lock, yet process 0 (%2) still holds the rendezvous lock: "
                              "it does not see the locks it waits for").arg(experiment.processes).arg(holder);
    }
    const QString remedy = QStringLiteral(
        "evaluate <= 0.4.1 with filelock >= 3.12: its FileFreeLock signals a held lock through _lock_file_fd, "
        "which filelock 3.12 moved to _context, so after its timeout (100 s by default) each process fails with "
        "\"Expected to find locked file %1 from process <i> but it doesn't exist\" while the file exists and is held "
        "(evaluate #542, #540). Get out: install evaluate >= 0.4.2 (PR #578) in that environment, or pin "
        "filelock < 3.12 there; then start the processes again (the lock files may stay).").arg(PathText::display(path));
    const QString name = PathText::display(locks.snapshot->groups[experiment.group].key);
    if (!seen.isEmpty())
        locks.findings.append(makeFinding(Severity::Warning, FindingCode::EvaluateFilelockMismatch, path,
                                          QStringLiteral("%1: %2. This is %3").arg(name, seen, remedy)));
    else
        locks.findings.append(makeFinding(Severity::Info, FindingCode::EvaluateFilelockMismatch, path,
                                          QStringLiteral("%1: the rendezvous is in progress and process 0's lock is held by "
                                                         "%2. If a process reports that this lock \"doesn't exist\", that "
                                                         "is %3").arg(name, holder, remedy)));
}

} // namespace

QString MetricsKind::id() const { return QStringLiteral("metrics"); }
QString MetricsKind::displayName() const { return QStringLiteral("evaluate metrics"); }
QString MetricsKind::library() const { return QStringLiteral("evaluate"); }

// evaluate config.py:124 (and datasets' old load_metric): HF_METRICS_CACHE, else <HF_HOME>/metrics.
KindLocation MetricsKind::locate(const HomeEnvironment &env) const
{
    return env.firstSet(id(), {QStringLiteral("HF_METRICS_CACHE")}, HomeEnvironment::Expand::User,
                        CacheLocations::joinPath(env.libraryHfHome(), QStringLiteral("metrics")), env.hfHomeSource());
}

Placement MetricsKind::classify(KindScan &scan, const WalkedEntry &entry) const
{
    if (entry.stat.isDirectory())
        return {EntryRole::Folder, -1};
    QByteArray experiment;
    int processes = 0;
    if (entry.depth() != 2 || !parseExperimentFile(entry.name, &experiment, &processes)) {
        scan.addFinding(Severity::Info, FindingCode::UnknownEntry, entry.path(),
                        QStringLiteral("%1 is not an evaluate experiment file (<module>/<config>/<exp>-<N>-<i>.arrow)")
                            .arg(PathText::display(entry.path())));
        return {EntryRole::Other, -1};
    }
    const qint32 group = scan.group(entry.parentPath(2) + '/' + experiment, QStringLiteral("experiment"));
    HomeGroup &item = scan.groupAt(group);
    if (item.details.isEmpty()) {
        item.setDetail(QStringLiteral("metric"), PathText::display(entry.parents.at(0)));
        item.setDetail(QStringLiteral("config"), PathText::display(entry.parents.at(1)));
        item.setDetail(QStringLiteral("processes"), QString::number(processes));
    }
    return {entry.name.endsWith(".arrow") ? EntryRole::Data : EntryRole::Other, group};
}

// What evaluate's protocol expects of an experiment of N processes: N arrow locks and the
// rendezvous lock; arrow files only while it runs (process 0 deletes them after compute(),
// module.py:476-488).
void MetricsKind::finish(KindScan &scan) const
{
    for (qint32 i = 0; i < qint32(scan.snapshot().groups.size()); ++i) {
        HomeGroup &item = scan.groupAt(i);
        const int processes = item.detail(QStringLiteral("processes")).toInt();
        item.setDetail(QStringLiteral("locks"), QStringLiteral("%1 of %2").arg(item.count(EntryRole::Lock)).arg(processes + 1));
        item.setDetail(QStringLiteral("state"), item.count(EntryRole::Data) > 0
                                                    ? QStringLiteral("running or interrupted (%1 arrow file(s))")
                                                          .arg(item.count(EntryRole::Data))
                                                    : QStringLiteral("finished (locks only)"));
    }
}

void MetricsKind::judgeLocks(KindLocks &locks) const
{
    QMap<qint32, ExperimentLocks> experiments;
    for (qsizetype i = 0; i < locks.locks.size(); ++i) {
        KindLock &lock = locks.locks[i];
        int process = 0;
        const QByteArray name = lock.relativePath.mid(lock.relativePath.lastIndexOf('/') + 1);
        if (lock.group < 0 || !parseExperimentLock(name, &process))
            continue;
        ExperimentLocks &experiment = experiments[lock.group];
        experiment.group = lock.group;
        experiment.processes = locks.snapshot->groups[lock.group].detail(QStringLiteral("processes")).toInt();
        experiment.byProcess.insert(process, i);
        lock.purpose = processText(process, experiment.processes);
        lock.setDetail(QStringLiteral("process"), process < 0 ? QStringLiteral("rdv") : QString::number(process));
        lock.setDetail(QStringLiteral("processes"), QString::number(experiment.processes));
    }
    // The locks evaluate makes that are not there: a process that never started (or, for the
    // rendezvous, a process 0 that never did).
    for (ExperimentLocks &experiment : experiments) {
        const QByteArray key = locks.snapshot->groups[experiment.group].key;
        for (int process = -1; process < experiment.processes; ++process) {
            if (experiment.byProcess.contains(process))
                continue;
            KindLock missing;
            missing.present = false;
            missing.group = experiment.group;
            const QByteArray suffix = process < 0 ? QByteArray("rdv.lock") : QByteArray::number(process) + ".arrow.lock";
            missing.relativePath = key + '-' + suffix;
            missing.purpose = processText(process, experiment.processes);
            missing.setDetail(QStringLiteral("process"), process < 0 ? QStringLiteral("rdv") : QString::number(process));
            missing.setDetail(QStringLiteral("processes"), QString::number(experiment.processes));
            experiment.byProcess.insert(process, locks.locks.size());
            locks.locks.append(missing);
        }
        judgeRendezvous(locks, experiment);
    }
    // Missing locks beside their experiment's others: sort by path, keeping the indexes apart.
    std::stable_sort(locks.locks.begin(), locks.locks.end(),
                     [](const KindLock &a, const KindLock &b) { return a.relativePath < b.relativePath; });
}

} // namespace hfcache
