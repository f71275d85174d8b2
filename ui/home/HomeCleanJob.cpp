// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeCleanJob.h"

#include "common/BackgroundTask.h"
#include "maintain/DeleteExecutor.h"
#include "maintain/ProcInUseChecker.h"
#include "util/PathText.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <memory>

namespace hfcache {

namespace {

// As `hfcache clean`: what a held lock covers stays, nothing is forced (DeleteFlow's Clean mode).
DeleteExecutor::Options executorOptions(const InUseChecker &inUse)
{
    DeleteExecutor::Options options;
    options.inUse = &inUse;
    options.skipHeldLocks = true;
    return options;
}


// The dry-run text `hfcache clean --dry-run` prints, cut at `maxLines`.
QString dryRunText(const HomeCleanJob::Planned &planned, int maxLines)
{
    QString text = planned.plan.render();
    const auto notes = [&planned](const QString &title, const QList<DeleteNote> &list) {
        QString lines;
        for (const DeleteNote &note : list)
            lines += QStringLiteral("%1 %2: %3\n").arg(title, PathText::display(planned.plan.root + '/' + note.path), note.reason);
        return lines;
    };
    text += notes(QCoreApplication::translate("HomeCleanJob", "Kept"), planned.check.kept);
    text += notes(QCoreApplication::translate("HomeCleanJob", "Refused"), planned.check.refusals);
    if (!planned.check.unknownUse.isEmpty())
        text += QCoreApplication::translate("HomeCleanJob", "Refused: %1\n").arg(planned.check.unknownUse);
    qsizetype end = -1;  // the end of the last line kept
    for (int line = 0; line < maxLines; ++line) {
        end = text.indexOf(QLatin1Char('\n'), end + 1);
        if (end < 0)
            break;
    }
    if (end >= 0 && end + 1 < text.size()) {
        const qsizetype more = QStringView(text).mid(end + 1).count(QLatin1Char('\n'));
        text.truncate(end + 1);
        text += QCoreApplication::translate("HomeCleanJob", "... and %n more line(s)\n", nullptr, int(more));
    }
    return text;
}

} // namespace

void HomeCleanJob::release(QObject *owner, DeletePlan plan)
{
    runInBackground(owner, [plan = std::move(plan)]() mutable {
        plan = {};
        return true;
    }, [](bool) {});
}

HomeCleanJob::Planned HomeCleanJob::plan(const KindSnapshotPtr &kind, const QString &hfHome, const Request &request)
{
    // This cache alone: "legacy" names three caches, the row one.
    auto home = std::make_shared<HomeSnapshot>();
    home->hfHome = hfHome;
    home->kinds = {kind};
    const ProcInUseChecker inUse;
    HomeCleanPlanner::Options options;
    options.inUse = &inUse;
    options.shardLimit = request.shardLimit;
    HomeCleanPlanner planner(home, options);
    for (const HomeCleanTarget target : request.targets)
        planner.addTarget(target);
    Planned planned;
    if (request.wholeKind && !planner.addKind(kind->location.kindId, &planned.error))
        return planned;
    for (const QByteArray &key : request.items) {
        if (!planner.addItem(kind->location.path, key, &planned.error))
            return planned;
    }
    const HomeCleanPlanner::Result result = planner.build();
    if (!result.plans.isEmpty())
        planned.plan = result.plans.first();
    if (!planned.plan.isEmpty())
        planned.check = DeleteExecutor::check(planned.plan, executorOptions(inUse));
    planned.text = dryRunText(planned, MaxTextLines);
    return planned;
}

DeleteResult HomeCleanJob::execute(const DeletePlan &plan, const std::atomic_bool *cancel,
                                   const TaskProgressDialog::Reporter &report)
{
    const ProcInUseChecker inUse;
    DeleteExecutor::Options options = executorOptions(inUse);
    options.cancel = cancel;
    // The executor reports every operation; a queued call per unlink of 100,000 would keep the
    // GUI thread busy for half a second in one go. Ten a second say as much.
    QElapsedTimer sinceReport;
    options.progress = [&report, &sinceReport](const DeleteProgress &progress) {
        if (sinceReport.isValid() && sinceReport.elapsed() < 100)
            return;
        sinceReport.start();
        report(progress.itemCount ? double(progress.item) / progress.itemCount : 0.0,
               QCoreApplication::translate("HomeCleanJob", "Deleting %1…").arg(progress.label));
    };
    return DeleteExecutor::execute(plan, options);
}

} // namespace hfcache
