// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RepairDialog.h"

#include "MainWindow.h"
#include "models/AppSettings.h"
#include "models/BackgroundTask.h"

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
GroupChoice groupChoice(const CacheSnapshotPtr &snapshot)
{
    GroupChoice choice;
    for (quint32 gid : UserIdentity::current().groups)
        choice.groups << UserIdentity::groupName(gid);
    choice.groups.removeDuplicates();
    choice.preferred = AppSettings::load().sharedGroup;
    if (choice.preferred.isEmpty() && snapshot && snapshot->rootStat.gid != 0)
        choice.preferred = UserIdentity::groupName(snapshot->rootStat.gid);
    return choice;
}

} // namespace

RepairDialog::RepairDialog(MainWindow &window, QWidget *parent)
    : QDialog(parent)
    , m_window(window)
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
    setWindowTitle(tr("Repair ownership and permissions"));
    m_recipe->addItem(tr("Mine: everything owned by me, readable and writable"), int(RepairRecipe::Kind::Mine));
    m_recipe->addItem(tr("Share with a group: group-owned, setgid folders, group-writable"), int(RepairRecipe::Kind::ShareGroup));
    m_recipe->addItem(tr("Locks only: make .locks usable again"), int(RepairRecipe::Kind::LocksOnly));
    m_group->setEditable(true);
    m_group->lineEdit()->setPlaceholderText(tr("group to share with"));
    runInBackground(this, [snapshot = window.snapshot()] { return groupChoice(snapshot); }, [this](const GroupChoice &choice) {
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
    const QRect screen = window.screen()->availableGeometry();
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
    connect(&window, &MainWindow::scanFinished, this, [this] {
        if (!m_awaitingRescan)
            return;
        m_awaitingRescan = false;
        rebuildPlan(KeepTable);
    });
    updateControls();
}

void RepairDialog::install(MainWindow &window)
{
    auto *action = new QAction(QIcon::fromTheme(QStringLiteral("tools-wizard")), tr("&Repair..."), &window);
    action->setObjectName(QStringLiteral("repairAction"));
    action->setStatusTip(tr("Fix ownership and permissions of the cache"));
    QObject::connect(action, &QAction::triggered, &window, [&window] {
        auto *dialog = new RepairDialog(window, &window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        window.closeOnRootChange(dialog);
        dialog->open();
    });
    window.actions()->add(action, ActionRegistry::NoItem | ActionRegistry::AnyItem, ActionRegistry::Group::Manage);
}

RepairRecipe RepairDialog::recipe() const
{
    RepairRecipe recipe;
    recipe.kind = RepairRecipe::Kind(m_recipe->currentData().toInt());
    recipe.defaultAcl = recipe.kind == RepairRecipe::Kind::ShareGroup && m_acl->isChecked();
    return recipe;
}

void RepairDialog::rebuildPlan(TableUse use)
{
    if (m_busy)
        return;
    const CacheSnapshotPtr snapshot = m_window.snapshot();
    RepairRecipe recipe = this->recipe();
    const QString groupName = m_group->currentText().trimmed();
    m_apply->setEnabled(false);
    if (use == ShowPlan)
        m_table->setRowCount(0);
    if (!snapshot) {
        m_summary->setText(tr("No cache scanned yet."));
        return;
    }
    m_summary->setText(tr("Planning..."));
    const quint64 generation = ++m_generation;
    // The group lookup may ask a directory service: off the GUI thread with the plan.
    runInBackground(this, [snapshot, recipe, groupName]() mutable {
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
        // What doctor finds for this recipe decides the plan (and, after applying, what is left).
        const RepairInvoker invoker = RepairInvoker::current();
        const RepairPlan plan = recipe.plan(snapshot, invoker, &planned.error);
        if (planned.error.isEmpty())
            RepairRecipe::split(plan, invoker, &planned.inProcess, &planned.helper);
        return planned;
    }, [this, generation, use](const Planned &planned) {
        if (generation != m_generation)
            return;
        if (!planned.error.isEmpty())
            m_summary->setText(planned.error);
        else
            showPlan(planned.helper, planned.inProcess, use);
    });
}

void RepairDialog::showPlan(const RepairPlan &helper, const RepairPlan &inProcess, TableUse use)
{
    m_helperPart = helper;
    m_inProcessPart = inProcess;
    if (use == KeepTable) {
        m_summary->setText(tr("Results of the changes made in %1:").arg(PathText::display(m_window.root())));
        Q_EMIT planShown();
        return;
    }
    const QByteArray root = helper.root.isEmpty() ? inProcess.root : helper.root;
    // chmod and setgid of one folder are one row with the mode it ends with (two rows showed
    // two different "After" modes for the same folder).
    int row = 0;
    m_rowOfOperation.clear();
    m_table->setRowCount(int(helper.operations.size() + inProcess.operations.size()));
    for (const RepairPlan *part : {&helper, &inProcess}) {
        QHash<QByteArray, int> chmodOf, setgidOf;  // path -> operation index in this part
        for (qsizetype i = 0; i < part->operations.size(); ++i) {
            const RepairOperation &op = part->operations.at(i);
            if (op.kind == RepairOperation::Kind::Chmod)
                chmodOf.insert(op.path, int(i));
            else if (op.kind == RepairOperation::Kind::SetGid)
                setgidOf.insert(op.path, int(i));
        }
        const int first = int(m_rowOfOperation.size());
        m_rowOfOperation.resize(first + part->operations.size(), -1);
        for (qsizetype i = 0; i < part->operations.size(); ++i) {
            const RepairOperation &op = part->operations.at(i);
            const int chmod = chmodOf.value(op.path, -1);
            const int setgid = setgidOf.value(op.path, -1);
            const bool paired = chmod >= 0 && setgid >= 0
                                && (op.kind == RepairOperation::Kind::Chmod || op.kind == RepairOperation::Kind::SetGid);
            if (paired && m_rowOfOperation.at(first + (chmod == i ? setgid : chmod)) >= 0) {
                m_rowOfOperation[first + i] = m_rowOfOperation.at(first + (chmod == i ? setgid : chmod));
                continue;  // its pair has the row
            }
            RepairOperation shown = paired ? part->operations.at(chmod) : op;
            if (paired)
                shown.mode |= 02000;
            const QString path = op.path == "." ? tr("(cache root)") : PathText::display(op.path);
            const QStringList cells{path, paired ? tr("chmod + setgid") : op.kindName(), op.beforeText(), shown.afterText(),
                                    part == &helper ? tr("helper (root)") : tr("you")};
            for (int column = 0; column < cells.size(); ++column)
                m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
            m_table->item(row, PathColumn)->setToolTip(path);
            m_table->setItem(row, ResultColumn, new QTableWidgetItem);
            m_rowOfOperation[first + i] = row++;
        }
    }
    m_table->setRowCount(row);
    m_table->resizeColumnsToContents();
    // A lock file's 64-hex name must not push Change, Before and After off the dialog.
    m_table->setColumnWidth(PathColumn, std::min(m_table->columnWidth(PathColumn), std::max(200, m_table->viewport()->width() * 2 / 5)));
    if (row == 0) {
        m_summary->setText(tr("Nothing to change in %1 for this recipe.").arg(PathText::display(m_window.root())));
    } else {
        m_summary->setText(tr("%n change(s) in %1", nullptr, row).arg(PathText::display(root))
                           + (helper.operations.isEmpty() ? QString()
                                                          : tr("; %n need administrator rights (hfcache-helper)", nullptr,
                                                               int(helper.operations.size()))));
    }
    m_apply->setEnabled(row > 0);
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
    if (m_busy || m_table->rowCount() == 0)
        return;
    setBusy(true);
    m_progress->setRange(0, int(m_rowOfOperation.size()));
    m_progress->setValue(0);
    m_status->setText(m_helperPart.operations.isEmpty() ? tr("Applying...")
                                                        : tr("Asking for administrator rights to run hfcache-helper..."));
    const RepairPlan helper = m_helperPart;
    const RepairPlan inProcess = m_inProcessPart;
    const int helperRows = int(helper.operations.size());
    QPointer<RepairDialog> self(this);
    // Results come from the worker: queued to this dialog, which cannot close while busy.
    auto post = [self](int row, QString status, QString before, QString after, QString error) {
        if (!self)
            return;
        QMetaObject::invokeMethod(self.data(), [=] {
            if (self)
                self->showResult(row, status, before, after, error);
        }, Qt::QueuedConnection);
    };
    runInBackground(this, [helper, inProcess, helperRows, post] {
        Applied outcome;
        // The helper part first: it may make folders traversable for the in-process part.
        if (!helper.operations.isEmpty()) {
            outcome.helperRan = true;
            const auto mode = RepairAuthorization::requiredMode(helper, RepairInvoker::current());
            outcome.helper = RepairHelperClient::run(helper, mode, [&post](const RepairExecutor::Result &result) {
                post(int(result.index), RepairExecutor::statusName(result.status), result.before, result.after,
                     result.error);
            });
            if (!outcome.helper.ran || outcome.helper.exitCode != 0)
                return outcome;
        }
        if (!inProcess.operations.isEmpty()) {
            RepairExecutor executor(inProcess, RepairInvoker::current());
            if (!executor.preflight(&outcome.inProcessError))
                return outcome;
            outcome.inProcess = executor.apply([&](const RepairExecutor::Result &result) {
                post(helperRows + int(result.index), RepairExecutor::statusName(result.status), result.before,
                     result.after, result.error);
            });
        }
        return outcome;
    }, [this](const Applied &outcome) { finishApply(outcome); });
}

void RepairDialog::finishApply(const Applied &outcome)
{
    setBusy(false);
    QStringList text;
    if (outcome.helperRan) {
        const RepairHelperClient::Outcome &helper = outcome.helper;
        if (helper.authorizationRefused) {
            text << tr("Administrator rights were refused, or no polkit authentication agent is running "
                       "(start one, or run hfcache repair with sudo). Nothing that needs root was changed: %1")
                        .arg(helper.error);
        } else if (!helper.ran || helper.exitCode != 0) {
            text << tr("hfcache-helper (%1) failed: %2").arg(RepairHelperClient::methodName(helper.method), helper.error);
        } else {
            text << tr("Helper (%1): %2 changed, %3 unchanged, %4 failed.")
                        .arg(RepairHelperClient::methodName(helper.method))
                        .arg(helper.summary.changed).arg(helper.summary.unchanged).arg(helper.summary.failed);
        }
    }
    if (!outcome.inProcessError.isEmpty())
        text << tr("Nothing applied: %1").arg(outcome.inProcessError);
    else if (!m_inProcessPart.operations.isEmpty())
        text << tr("Your entries: %1 changed, %2 unchanged, %3 failed.")
                    .arg(outcome.inProcess.changed).arg(outcome.inProcess.unchanged).arg(outcome.inProcess.failed);
    text << tr("Rescanning to check what is left...");
    m_status->setText(text.join(QLatin1Char('\n')));
    m_apply->setEnabled(false);
    Q_EMIT applied();
    m_awaitingRescan = true;
    connect(this, &RepairDialog::planShown, this, [this, text]() mutable {
        text.removeLast();
        const int left = int(m_helperPart.operations.size() + m_inProcessPart.operations.size());
        text << (left == 0 ? tr("Re-diagnosis: nothing left to repair.")
                           : tr("Re-diagnosis: %n change(s) still needed; choose the recipe again to see them.", nullptr, left));
        m_status->setText(text.join(QLatin1Char('\n')));
        Q_EMIT rediagnosed();
    }, Qt::SingleShotConnection);
    m_window.refresh();
}

void RepairDialog::reject()
{
    if (!m_busy)
        QDialog::reject();
}

} // namespace hfcache
