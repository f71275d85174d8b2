// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DeleteFeature.h"

#include "common/WindowHost.h"
#include "DeleteConfirmDialog.h"
#include "DeleteSummary.h"
#include "common/BackgroundTask.h"
#include "common/ItemIcons.h"

#include "maintain/DeleteExecutor.h"
#include "maintain/DeletePlanner.h"
#include "maintain/ProcInUseChecker.h"
#include "util/HumanFormat.h"
#include "util/PathText.h"

#include <QAction>
#include <QApplication>
#include <QStyle>
#include <QMessageBox>

#include <utility>

namespace hfcache {

DeleteFeature::DeleteFeature(WindowHost &host)
    : QObject(&host)
    , m_host(host)
    , m_action(new QAction(QApplication::style()->standardIcon(QStyle::SP_TrashIcon), tr("&Delete…"), this))
{
    m_action->setObjectName(QStringLiteral("deleteAction"));
    m_action->setShortcut(QKeySequence::Delete);
    m_action->setShortcutContext(Qt::WindowShortcut);
    host.window()->addAction(m_action);
    host.actions()->add(m_action, ActionRegistry::Repo | ActionRegistry::Revision, ActionRegistry::Group::Manage);
    connect(m_action, &QAction::triggered, this, &DeleteFeature::prepare);
}

DeletePlan DeleteFeature::planFor(const CacheSnapshotPtr &snapshot, const QList<ActionRegistry::Item> &items)
{
    DeletePlanner planner(snapshot);
    for (const ActionRegistry::Item &item : items) {
        if (!item.repo)
            continue;
        if (item.ref.kind == NodeRef::Kind::Repo)
            planner.addRepo(item.repo);
        else if (item.ref.kind == NodeRef::Kind::Revision)
            planner.addRevision(item.repo, item.ref.commit);
    }
    return planner.build();
}

void DeleteFeature::prepare()
{
    const CacheSnapshotPtr snapshot = m_host.snapshot();
    const QList<ActionRegistry::Item> items = m_host.actions()->selection();
    if (m_busy || !snapshot || items.isEmpty())
        return;
    m_busy = true;
    // Planning reads the scan only, but the check asks /proc who uses each file: both off the GUI thread.
    runInBackground(
        this,
        [snapshot, items] {
            DeletePlan plan = planFor(snapshot, items);
            const ProcInUseChecker inUse;
            DeleteExecutor::Options options;
            options.inUse = &inUse;
            DeleteResult check = DeleteExecutor::check(plan, options);
            return std::make_pair(std::move(plan), std::move(check));
        },
        [this, snapshot](const std::pair<DeletePlan, DeleteResult> &checked) {
            m_busy = false;
            if (m_host.root() != snapshot->root)
                return;  // another cache was opened meanwhile: this plan is not about what is shown
            auto *dialog = new DeleteConfirmDialog(checked.first, checked.second, m_host.window());
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            m_host.closeOnRootChange(dialog);
            const DeletePlan plan = checked.first;
            connect(dialog, &QDialog::accepted, this, [this, plan] { execute(plan); });
            dialog->open();
            Q_EMIT confirmationShown();
        });
}

void DeleteFeature::execute(const DeletePlan &plan, bool skipHeldLocks)
{
    m_busy = true;
    runInBackground(
        this,
        [plan, skipHeldLocks] {
            // Checked again: the plan may have waited minutes for the confirmation.
            const ProcInUseChecker inUse;
            DeleteExecutor::Options options;
            options.inUse = &inUse;
            options.skipHeldLocks = skipHeldLocks;
            return DeleteExecutor::execute(plan, options);
        },
        [this, plan](const DeleteResult &result) {
            m_busy = false;
            m_host.refresh();
            showSummary(plan, result);
            Q_EMIT finished(result);
        });
}

void DeleteFeature::showSummary(const DeletePlan &plan, const DeleteResult &result)
{
    // What was really done, also when all went well: a prune of many revisions otherwise ends
    // with rows silently gone.
    QString text = DeleteSummary::headline(plan, result);
    if (result.ok() && !result.kept.isEmpty())
        text += QLatin1Char(' ') + tr("%n file(s) in use by a download were kept.", nullptr, int(result.kept.size()));
    DeleteSummary::show(&m_summary, tr("Delete"), text, result, QStringLiteral("deleteSummary"), m_host.window());
}

} // namespace hfcache
