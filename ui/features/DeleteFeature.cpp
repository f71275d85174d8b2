#include "DeleteFeature.h"

#include "widgets/MainWindow.h"
#include "dialogs/DeleteConfirmDialog.h"
#include "models/BackgroundTask.h"
#include "models/ItemIcons.h"

#include "maintain/DeleteExecutor.h"
#include "maintain/DeletePlanner.h"
#include "maintain/ProcInUseChecker.h"

#include <QAction>
#include <QApplication>
#include <QStyle>
#include <QMessageBox>

#include <utility>

namespace hfcache {

DeleteFeature::DeleteFeature(MainWindow &window)
    : QObject(&window)
    , m_window(window)
    , m_action(new QAction(QApplication::style()->standardIcon(QStyle::SP_TrashIcon), tr("&Delete…"), this))
{
    m_action->setObjectName(QStringLiteral("deleteAction"));
    m_action->setShortcut(QKeySequence::Delete);
    m_action->setShortcutContext(Qt::WindowShortcut);
    window.addAction(m_action);
    window.actions()->add(m_action, ActionRegistry::Repo | ActionRegistry::Revision, ActionRegistry::Group::Manage);
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
    const CacheSnapshotPtr snapshot = m_window.snapshot();
    const QList<ActionRegistry::Item> items = m_window.actions()->selection();
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
        [this](const std::pair<DeletePlan, DeleteResult> &checked) {
            m_busy = false;
            m_dialog = new DeleteConfirmDialog(checked.first, checked.second, &m_window);
            m_dialog->setAttribute(Qt::WA_DeleteOnClose);
            const DeletePlan plan = checked.first;
            connect(m_dialog, &QDialog::accepted, this, [this, plan] { execute(plan); });
            m_dialog->open();
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
        [this](const DeleteResult &result) {
            m_busy = false;
            m_window.refresh();
            if (!result.ok()) {
                QStringList lines;
                for (const DeleteNote &note : result.refusals)
                    lines << tr("Refused %1: %2").arg(QString::fromUtf8(note.path), note.reason);
                if (!result.unknownUse.isEmpty())
                    lines << tr("Refused: %1").arg(result.unknownUse);
                for (const DeleteFailure &failure : result.failures)
                    lines << failure.error + QLatin1Char('\n') + failure.left.join(QLatin1Char('\n'));
                auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete"),
                                            tr("Not everything could be deleted."), QMessageBox::Close, &m_window);
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->setDetailedText(lines.join(QLatin1Char('\n')));
                box->open();
            }
            Q_EMIT finished(result);
        });
}

} // namespace hfcache
