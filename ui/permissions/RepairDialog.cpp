// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RepairDialog.h"

#include "common/WindowHost.h"
#include "common/AppSettings.h"
#include "common/BackgroundTask.h"

#include "audit/UserIdentity.h"
#include "util/PathText.h"

#include <QAction>
#include <QCheckBox>
#include <QColor>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hfcache {

namespace {

const QColor kFailedColor(0xb0, 0x1c, 0x1c);

struct GroupChoice
{
    QStringList groups;  // the user's
    QString preferred;   // Settings' default shared group, else the cache root's group
};

// Group names may come from a directory service and the settings from disk: off the GUI thread.
// The default is never the first of the user's groups (for root: `root`, which would hand the
// cache to the superuser's group): the configured group, else the group the cache has, unless
// that is root's.
GroupChoice groupChoice(quint32 folderGid)
{
    GroupChoice choice;
    for (quint32 gid : UserIdentity::current().groups)
        choice.groups << UserIdentity::groupName(gid);
    choice.groups.removeDuplicates();
    choice.preferred = AppSettings::load().sharedGroup;
    if (choice.preferred.isEmpty() && folderGid != 0)
        choice.preferred = UserIdentity::groupName(folderGid);
    return choice;
}

// The folders of a plan as one text: "/srv/hf/hub" or "/srv/hf, /srv/torch".
QString rootsText(const RepairBatch &run)
{
    QStringList roots;
    for (const RepairBatch::Part &part : run.parts()) {
        if (part.refused.isEmpty())
            roots << PathText::display(part.root);
    }
    return roots.join(QStringLiteral(", "));
}

} // namespace

RepairDialog::RepairDialog(WindowHost &host, QWidget *parent)
    : RepairDialog(host, QString(), Planner(), host.snapshot() ? host.snapshot()->rootStat.gid : 0, parent)
{
}

RepairDialog::RepairDialog(WindowHost &host, const QString &subject, Planner planner, quint32 folderGid, QWidget *parent)
    : QDialog(parent)
    , m_host(host)
    , m_planner(std::move(planner))
    , m_recipe(new QComboBox(this))
    , m_group(new QComboBox(this))
    , m_acl(new QCheckBox(tr("Default ACL on every folder, so new files stay group-writable"), this))
    , m_summary(new QLabel(this))
    , m_table(new QTableWidget(0, 6, this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_apply(new QPushButton(tr("&Apply"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setWindowTitle(subject.isEmpty() ? tr("Repair ownership and permissions")
                                     : tr("Repair ownership and permissions: %1").arg(subject));
    setObjectName(QStringLiteral("repairDialog"));
    m_recipe->setObjectName(QStringLiteral("repairRecipe"));
    m_group->setObjectName(QStringLiteral("repairGroup"));
    m_acl->setObjectName(QStringLiteral("repairDefaultAcl"));
    m_summary->setObjectName(QStringLiteral("repairSummary"));
    m_table->setObjectName(QStringLiteral("repairPlan"));
    m_status->setObjectName(QStringLiteral("repairStatus"));
    m_apply->setObjectName(QStringLiteral("repairApply"));
    m_recipe->addItem(tr("Mine: everything owned by me, readable and writable"), int(RepairRecipe::Kind::Mine));
    m_recipe->addItem(tr("Share with a group: group-owned, setgid folders, group-writable"), int(RepairRecipe::Kind::ShareGroup));
    m_recipe->addItem(tr("Locks only: make .locks usable again"), int(RepairRecipe::Kind::LocksOnly));
    m_group->setEditable(true);
    m_group->lineEdit()->setPlaceholderText(tr("group to share with"));
    runInBackground(this, [folderGid] { return groupChoice(folderGid); }, [this](const GroupChoice &choice) {
        const QString typed = m_group->currentText();
        m_group->addItems(choice.groups);
        m_group->setEditText(!typed.isEmpty() ? typed : choice.preferred);
    });
    m_summary->setWordWrap(true);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setHorizontalHeaderLabels({tr("Path"), tr("Change"), tr("Before"), tr("After"), tr("By"), tr("Result")});
    m_table->setAccessibleName(tr("Repair plan"));
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_progress->setVisible(false);
    m_buttons->addButton(m_apply, QDialogButtonBox::ApplyRole);

    auto *form = new QFormLayout;
    form->addRow(tr("&Recipe:"), m_recipe);
    form->addRow(tr("&Group:"), m_group);
    form->addRow(QString(), m_acl);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    // Wide enough for the plan's columns, never wider than the screen (800x600 included).
    const QRect screen = host.window()->screen()->availableGeometry();
    resize(std::min(900, screen.width() - 40), std::min(520, screen.height() - 60));

    auto updateControls = [this] {
        const bool share = recipe().kind == RepairRecipe::Kind::ShareGroup;
        m_group->setEnabled(share);
        m_acl->setEnabled(share);
        rebuildPlan();
    };
    connect(m_recipe, &QComboBox::currentIndexChanged, this, updateControls);
    connect(m_group, &QComboBox::currentTextChanged, this, [this] { rebuildPlan(); });
    connect(m_acl, &QCheckBox::toggled, this, [this] { rebuildPlan(); });
    connect(m_apply, &QPushButton::clicked, this, &RepairDialog::apply);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &RepairDialog::reject);
    updateControls();
}

RepairRecipe RepairDialog::recipe() const
{
    RepairRecipe recipe;
    recipe.kind = RepairRecipe::Kind(m_recipe->currentData().toInt());
    recipe.defaultAcl = recipe.kind == RepairRecipe::Kind::ShareGroup && m_acl->isChecked();
    return recipe;
}

RepairDialog::Planner RepairDialog::hubPlanner() const
{
    const CacheSnapshotPtr snapshot = m_host.snapshot();
    if (!snapshot)
        return {};
    const QByteArray root = m_host.root();
    return [snapshot, root](const RepairRecipe &recipe, const RepairInvoker &invoker,
                            QString *error) -> std::shared_ptr<RepairBatch> {
        auto run = std::make_shared<RepairRun>(root, recipe, invoker);
        if (!run->plan(error, snapshot))
            return nullptr;
        return std::make_shared<RepairBatch>(std::move(run));
    };
}

void RepairDialog::rebuildPlan()
{
    if (m_busy)
        return;
    RepairRecipe recipe = this->recipe();
    const QString groupName = m_group->currentText().trimmed();
    m_apply->setEnabled(false);
    m_table->setRowCount(0);
    m_run.reset();
    const Planner planner = m_planner ? m_planner : hubPlanner();
    if (!planner) {
        m_summary->setText(tr("No cache scanned yet."));
        return;
    }
    m_summary->setText(tr("Planning..."));
    // The group lookup may ask a directory service: off the GUI thread with the plan.
    m_plans.run(this, [planner, recipe, groupName]() mutable {
        Planned planned;
        if (recipe.kind == RepairRecipe::Kind::ShareGroup) {
            if (groupName.isEmpty()) {
                planned.error = tr("Type or choose the group to share the cache with.");
                return planned;
            }
            recipe.group = UserIdentity::groupId(groupName);
            if (recipe.group < 0) {
                planned.error = tr("There is no group named \"%1\".").arg(groupName);
                return planned;
            }
        }
        RepairInvoker invoker;
        if (!RepairRun::invokerOfThisProcess(&invoker, &planned.error))
            return planned;
        planned.run = planner(recipe, invoker, &planned.error);
        return planned;
    }, [this](const Planned &planned) {
        if (!planned.run)
            m_summary->setText(planned.error);
        else
            showPlan(planned.run);
    });
}

QString RepairDialog::notesOf(const RepairBatch &run) const
{
    QStringList notes;
    for (const RepairBatch::Part &part : run.parts()) {
        if (!part.refused.isEmpty())
            notes << tr("Not repaired: %1").arg(part.refused);
    }
    if (recipe().kind == RepairRecipe::Kind::ShareGroup && run.tokenTrap().applies())
        notes << RepairBatch::tokenTrapText(run.tokenTrap(), run.tokenTrapPlanned());
    return notes.join(QLatin1Char('\n'));
}

void RepairDialog::showPlan(const RunPtr &run)
{
    m_run = run;
    // chmod and setgid of one folder (by the same hand) are one row with the mode it ends with
    // (two rows showed two different "After" modes for the same folder).
    const int operations = int(run->rowCount());
    QHash<QByteArray, int> chmodOf, setgidOf;  // (by helper, path) -> operation index
    const auto keyOf = [&run](int i) {
        return QByteArray(run->isHelperRow(i) ? "h:" : "u:") + run->partOf(i).root + '/' + run->operation(i).path;
    };
    // Several folders (HF_HOME's kinds): each row names its full path.
    const bool several = run->parts().size() > 1;
    for (int i = 0; i < operations; ++i) {
        const RepairOperation &op = run->operation(i);
        if (op.kind == RepairOperation::Kind::Chmod)
            chmodOf.insert(keyOf(i), i);
        else if (op.kind == RepairOperation::Kind::SetGid)
            setgidOf.insert(keyOf(i), i);
    }
    m_rowOfOperation.fill(-1, operations);
    m_table->setRowCount(operations);
    int row = 0;
    for (int i = 0; i < operations; ++i) {
        const RepairOperation &op = run->operation(i);
        const int chmod = chmodOf.value(keyOf(i), -1);
        const int setgid = setgidOf.value(keyOf(i), -1);
        const bool paired = chmod >= 0 && setgid >= 0
                            && (op.kind == RepairOperation::Kind::Chmod || op.kind == RepairOperation::Kind::SetGid);
        const int partner = chmod == i ? setgid : chmod;
        if (paired && m_rowOfOperation.at(partner) >= 0) {
            m_rowOfOperation[i] = m_rowOfOperation.at(partner);
            continue;  // its pair has the row
        }
        RepairOperation shown = paired ? run->operation(chmod) : op;
        if (paired)
            shown.mode |= 02000;
        const QByteArray &root = run->partOf(i).root;
        const QString path = several ? PathText::display(op.path == "." ? root : root + '/' + op.path)
                             : op.path == "." ? tr("(cache root)") : PathText::display(op.path);
        const QStringList cells{path, paired ? tr("chmod + setgid") : op.kindName(), op.beforeText(), shown.afterText(),
                                run->isHelperRow(i) ? tr("helper (root)") : tr("you")};
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        m_table->item(row, PathColumn)->setToolTip(path);
        m_table->setItem(row, ResultColumn, new QTableWidgetItem);
        m_rowOfOperation[i] = row++;
    }
    const int rows = row;
    m_table->setRowCount(rows);
    m_table->resizeColumnsToContents();
    // A lock file's 64-hex name must not push Change, Before and After off the dialog.
    m_table->setColumnWidth(PathColumn, std::min(m_table->columnWidth(PathColumn), std::max(200, m_table->viewport()->width() * 2 / 5)));
    const QString root = rootsText(*run);
    const int helperRows = int(run->helperRowCount());
    QString summary;
    if (rows == 0) {
        summary = tr("Nothing to change in %1 for this recipe.").arg(root);
    } else {
        summary = tr("%n change(s) in %1", nullptr, rows).arg(root)
                  + (helperRows == 0 ? QString() : tr("; %n need administrator rights (hfcache-helper)", nullptr, helperRows));
    }
    const QString notes = notesOf(*run);
    m_summary->setText(notes.isEmpty() ? summary : summary + QLatin1Char('\n') + notes);
    m_apply->setEnabled(rows > 0);
    Q_EMIT planShown();
}

void RepairDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_apply->setEnabled(!busy);
    m_recipe->setEnabled(!busy);
    m_group->setEnabled(!busy && recipe().kind == RepairRecipe::Kind::ShareGroup);
    m_acl->setEnabled(!busy && recipe().kind == RepairRecipe::Kind::ShareGroup);
    m_buttons->button(QDialogButtonBox::Close)->setEnabled(!busy);
    m_progress->setVisible(busy);
}

void RepairDialog::showResult(int operation, const QString &status, const QString &before, const QString &after,
                              const QString &error)
{
    const int row = m_rowOfOperation.value(operation, -1);
    if (row < 0 || row >= m_table->rowCount())
        return;
    QTableWidgetItem *item = m_table->item(row, ResultColumn);
    const QString result = error.isEmpty() ? (before.isEmpty() ? status : tr("%1 (%2 -> %3)").arg(status, before, after))
                                           : tr("%1: %2").arg(status, error);
    // A merged row (chmod + setgid) shows both results.
    item->setText(item->text().isEmpty() ? result : item->text() + QStringLiteral("; ") + result);
    item->setToolTip(item->text());
    if (!error.isEmpty())
        item->setForeground(kFailedColor);
    m_progress->setValue(m_progress->value() + 1);
}

void RepairDialog::apply()
{
    if (m_busy || !m_run || m_run->rowCount() == 0)
        return;
    setBusy(true);
    m_progress->setRange(0, int(m_rowOfOperation.size()));
    m_progress->setValue(0);
    m_status->setText(m_run->helperRowCount() == 0 ? tr("Applying...")
                                                   : tr("Asking for administrator rights to run hfcache-helper..."));
    const RunPtr run = m_run;
    QPointer<RepairDialog> self(this);
    // Results come from the worker: queued to this dialog, which cannot close while busy.
    auto post = [self](qsizetype row, const RepairExecutor::Result &result) {
        if (!self)
            return;
        QMetaObject::invokeMethod(self.data(), [self, row, result] {
            if (self)
                self->showResult(int(row), RepairExecutor::statusName(result.status), result.before, result.after,
                                 result.error);
        }, Qt::QueuedConnection);
    };
    runInBackground(this, [run, post] {
        Finished finished;
        finished.applied = run->apply(post);
        finished.after = run->rediagnose();
        return finished;
    }, [this](const Finished &finished) { finishApply(finished); });
}

void RepairDialog::finishApply(const Finished &finished)
{
    setBusy(false);
    QStringList text;
    const bool several = finished.applied.size() > 1;
    for (const RepairBatch::PartApplied &part : finished.applied) {
        const QString where = several ? PathText::display(part.root) + QStringLiteral(": ") : QString();
        const RepairRun::Applied &outcome = part.applied;
        if (outcome.helperRan) {
            const RepairHelperClient::Outcome &helper = outcome.helper;
            if (helper.authorizationRefused) {
                text << where + tr("Administrator rights were refused, or no polkit authentication agent is running "
                                   "(start one, or run hfcache repair with sudo). Nothing that needs root was changed: %1")
                                    .arg(helper.error);
            } else if (!helper.ran || helper.exitCode != 0) {
                text << where + tr("hfcache-helper (%1) failed: %2").arg(RepairHelperClient::methodName(helper.method), helper.error);
            } else {
                text << where + tr("Helper (%1): %2 changed, %3 unchanged, %4 failed.")
                                    .arg(RepairHelperClient::methodName(helper.method))
                                    .arg(helper.summary.changed).arg(helper.summary.unchanged).arg(helper.summary.failed);
            }
        }
        if (!outcome.inProcessError.isEmpty())
            text << where + tr("Nothing of yours applied: %1").arg(outcome.inProcessError);
        else if (part.inProcessPlanned)
            text << where + tr("Your entries: %1 changed, %2 unchanged, %3 failed.")
                                .arg(outcome.inProcess.changed).arg(outcome.inProcess.unchanged).arg(outcome.inProcess.failed);
    }
    const RepairBatch::Rediagnosis &after = finished.after;
    if (!after.diagnosed())
        text << tr("Re-diagnosis failed: %1").arg(after.error);
    else
        text << (after.remaining == 0 ? tr("Re-diagnosis: nothing left to repair.")
                                      : tr("Re-diagnosis: %n change(s) still needed; choose the recipe again to see them.",
                                           nullptr, int(after.remaining)));
    m_summary->setText(tr("Results of the changes made in %1:").arg(rootsText(*m_run)));
    m_status->setText(text.join(QLatin1Char('\n')));
    m_apply->setEnabled(false);
    Q_EMIT applied();
    Q_EMIT rediagnosed();
    // The window shows the repaired cache too.
    m_host.refresh();
}

void RepairDialog::reject()
{
    if (!m_busy)
        QDialog::reject();
}

} // namespace hfcache
