// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeCleanController.h"

#include "HomeCleanDialog.h"
#include "HomeCleanJob.h"
#include "HomeView.h"

#include "common/BackgroundTask.h"
#include "common/TaskProgressDialog.h"
#include "common/WindowHost.h"
#include "maintain/DeleteConfirmDialog.h"
#include "maintain/DeleteSummary.h"

#include "util/PathText.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QKeyEvent>
#include <QMenu>
#include <QMessageBox>
#include <QStyle>
#include <QTreeView>

#include <utility>

namespace hfcache {

namespace {

const QString HubKindId = QStringLiteral("hub");
const QString TokenKindId = QStringLiteral("token");

bool isDeleteKey(const QEvent *event)
{
    const auto *key = static_cast<const QKeyEvent *>(event);
    return key->matches(QKeySequence::Delete) && key->modifiers() == Qt::NoModifier;
}

} // namespace

HomeCleanController::HomeCleanController(WindowHost &host, HomeView &view)
    : QObject(&view)
    , m_host(host)
    , m_view(view)
    , m_clean(new QAction(tr("C&lean…"), this))
    , m_delete(new QAction(QApplication::style()->standardIcon(QStyle::SP_TrashIcon), tr("&Delete…"), this))
{
    m_clean->setObjectName(QStringLiteral("homeCleanAction"));
    m_clean->setIcon(QApplication::style()->standardIcon(QStyle::SP_DialogResetButton));
    m_delete->setObjectName(QStringLiteral("homeDeleteAction"));
    // Shown in the menus; the key itself is taken in the tree (eventFilter), where it would
    // otherwise be ambiguous with the hub browser's window-wide Delete.
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setShortcutContext(Qt::WidgetShortcut);
    connect(m_clean, &QAction::triggered, this, &HomeCleanController::openCleanDialog);
    connect(m_delete, &QAction::triggered, this, &HomeCleanController::prepareDelete);

    view.addRowAction(m_clean);
    view.addRowAction(m_delete);
    QMenu *edit = host.menu(WindowHost::Menu::Edit);
    edit->addSeparator();
    edit->addAction(m_clean);
    edit->addAction(m_delete);
    view.tree()->installEventFilter(this);
    view.installEventFilter(this);  // shown and hidden with its tab
    connect(&view, &HomeView::selectionChanged, this, &HomeCleanController::updateActions);
    connect(&view, &HomeView::scanFinished, this, &HomeCleanController::updateActions);
    updateActions();
}

bool HomeCleanController::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == &m_view && (event->type() == QEvent::Show || event->type() == QEvent::Hide))
        updateActions();
    if (watched == m_view.tree() && event->type() == QEvent::ShortcutOverride && isDeleteKey(event)) {
        event->accept();  // the key comes to the tree as a key press instead of a shortcut
        return true;
    }
    if (watched == m_view.tree() && event->type() == QEvent::KeyPress && isDeleteKey(event)) {
        if (m_delete->isEnabled())
            m_delete->trigger();
        return true;
    }
    return QObject::eventFilter(watched, event);
}

int HomeCleanController::cleanableKind(QString *why) const
{
    const HomeListingPtr listing = m_view.listing();
    const QList<HomeNode> nodes = m_view.selectedNodes();
    if (!listing || nodes.size() != 1 || nodes.first().level != HomeNode::Level::Kind) {
        *why = tr("Select the row of one cache to clean it");
        return -1;
    }
    const int kind = nodes.first().kind;
    const KindSnapshot &snapshot = *listing->kinds[size_t(kind)].snapshot;
    if (snapshot.location.kindId == HubKindId)
        *why = tr("The hub cache is cleaned in the hub browser (Delete, Prune), which knows its revisions and blob locks");
    else if (snapshot.location.kindId == TokenKindId)
        *why = tr("hfcache never deletes the token ('hf auth logout' does)");
    else if (!snapshot.exists || !snapshot.sameFolderAs.isEmpty())
        *why = tr("This cache is not there");
    else
        return kind;
    return -1;
}

QList<QByteArray> HomeCleanController::deletableItems(int *kind, QString *why) const
{
    const HomeListingPtr listing = m_view.listing();
    const QList<HomeNode> nodes = m_view.selectedNodes();
    *kind = nodes.isEmpty() ? -1 : nodes.first().kind;
    QList<QByteArray> keys;
    for (const HomeNode &node : nodes) {
        if (node.level != HomeNode::Level::Item || node.group == HomeListing::NoItem) {
            *why = tr("Select items of a cache to delete them (Clean… deletes leftovers of a whole cache)");
            return {};
        }
        if (node.kind != *kind) {
            *why = tr("Select items of one cache only");
            return {};
        }
        keys.append(listing->kinds[size_t(node.kind)].snapshot->groups[node.group].key);
    }
    if (keys.isEmpty() || !listing) {
        *why = tr("Select items of a cache to delete them");
        return {};
    }
    const QString &kindId = listing->kinds[size_t(*kind)].snapshot->location.kindId;
    if (kindId == HubKindId) {
        *why = tr("Delete the hub cache's repos in the hub browser (Open in Hub Browser)");
        return {};
    }
    if (kindId == TokenKindId) {
        *why = tr("hfcache never deletes the token ('hf auth logout' does)");
        return {};
    }
    return keys;
}

void HomeCleanController::updateActions()
{
    const bool shown = m_view.isVisible() && !m_busy;
    QString why;
    const bool cleanable = cleanableKind(&why) >= 0;
    m_clean->setEnabled(shown && cleanable);
    m_clean->setToolTip(cleanable ? tr("Delete leftovers of the selected cache, or all of it, after a dry run") : why);
    int kind = -1;
    const bool deletable = !deletableItems(&kind, &why).isEmpty();
    m_delete->setEnabled(shown && deletable);
    m_delete->setToolTip(deletable ? tr("Delete the selected items after a dry run") : why);
}

void HomeCleanController::openCleanDialog()
{
    QString why;
    const int kind = cleanableKind(&why);
    if (m_busy || kind < 0)
        return;
    auto *dialog = new HomeCleanDialog(m_view.listing(), kind, m_host.window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { execute(dialog->dryRun().plan); });
    dialog->open();
}

void HomeCleanController::prepareDelete()
{
    int kind = -1;
    QString why;
    const QList<QByteArray> keys = deletableItems(&kind, &why);
    if (m_busy || keys.isEmpty())
        return;
    m_busy = true;
    updateActions();
    const HomeListingPtr listing = m_view.listing();
    HomeCleanJob::Request request;
    request.items = keys;
    // Planning reads the scan, the dry run asks /proc who uses each file: both off the GUI thread.
    runInBackground(
        this,
        [snapshot = listing->kinds[size_t(kind)].snapshot, hfHome = listing->snapshot->hfHome, request] {
            return HomeCleanJob::plan(snapshot, hfHome, request);
        },
        [this](const HomeCleanJob::Planned &planned) {
            m_busy = false;
            updateActions();
            if (!planned.error.isEmpty() || planned.plan.isEmpty()) {
                // Nothing to confirm: refused, or everything is kept (the dry run says why).
                auto *box = new QMessageBox(QMessageBox::Information, tr("Delete"),
                                            planned.error.isEmpty() ? tr("Nothing can be deleted now.") : planned.error,
                                            QMessageBox::Close, m_host.window());
                box->setObjectName(QStringLiteral("homeDeleteNothing"));
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->setDetailedText(planned.text);
                box->open();
                return;
            }
            auto *dialog = new DeleteConfirmDialog(planned.plan, planned.check, m_host.window());
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &QDialog::accepted, this, [this, plan = planned.plan] { execute(plan); });
            dialog->open();
        });
}

void HomeCleanController::execute(const DeletePlan &plan)
{
    m_busy = true;
    updateActions();
    auto *progress = new TaskProgressDialog(tr("Deleting"), tr("Deleting in %1…").arg(PathText::display(plan.root)),
                                            m_host.window());
    progress->show();
    runInBackground(
        this,
        [plan, cancel = progress->cancelFlag(), report = progress->reporter()] {
            return HomeCleanJob::execute(plan, cancel.get(), report);
        },
        [this, plan = plan, progress = QPointer<TaskProgressDialog>(progress), cancel = progress->cancelFlag()](
            const DeleteResult &result) mutable {
            if (progress)
                progress->finish();
            m_busy = false;
            m_view.rescan();
            updateActions();
            showSummary(plan, result, cancel->load());
            HomeCleanJob::release(this, std::exchange(plan, {}));
            Q_EMIT finished(result);
        });
}

void HomeCleanController::showSummary(const DeletePlan &plan, const DeleteResult &result, bool cancelled)
{
    const QString headline = DeleteSummary::headline(plan, result);
    DeleteSummary::show(&m_summary, tr("Clean"), cancelled ? tr("Cancelled.") + QLatin1Char(' ') + headline : headline,
                        result, QStringLiteral("homeCleanSummary"), m_host.window());
}

} // namespace hfcache
