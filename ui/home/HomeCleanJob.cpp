// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeCleanJob.h"

#include "maintain/DeleteExecutor.h"
#include "maintain/ProcInUseChecker.h"
#include "util/PathText.h"

#include <QCoreApplication>

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

} // namespace

QString HomeCleanJob::Planned::dryRunText() const
{
    QString text = plan.render();
    const auto notes = [this](const QString &title, const QList<DeleteNote> &list) {
        QString lines;
        for (const DeleteNote &note : list)
            lines += QStringLiteral("%1 %2: %3\n").arg(title, PathText::display(plan.root + '/' + note.path), note.reason);
        return lines;
    };
    text += notes(QCoreApplication::translate("HomeCleanJob", "Kept"), check.kept);
    text += notes(QCoreApplication::translate("HomeCleanJob", "Refused"), check.refusals);
    if (!check.unknownUse.isEmpty())
        text += QCoreApplication::translate("HomeCleanJob", "Refused: %1\n").arg(check.unknownUse);
    return text;
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
    return planned;
}

DeleteResult HomeCleanJob::execute(const DeletePlan &plan, const std::atomic_bool *cancel,
                                   const TaskProgressDialog::Reporter &report)
{
    const ProcInUseChecker inUse;
    DeleteExecutor::Options options = executorOptions(inUse);
    options.cancel = cancel;
    options.progress = [&report](const DeleteProgress &progress) {
        report(progress.itemCount ? double(progress.item) / progress.itemCount : 0.0,
               QCoreApplication::translate("HomeCleanJob", "Deleting %1…").arg(progress.label));
    };
    return DeleteExecutor::execute(plan, options);
}

} // namespace hfcache
