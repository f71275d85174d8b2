// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "MetricsKind.h"

#include "cache/FindingCode.h"
#include "home/HomeEnvironment.h"
#include "home/KindScan.h"
#include "util/PathText.h"

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

} // namespace hfcache
