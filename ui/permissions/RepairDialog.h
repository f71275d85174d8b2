// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "common/LatestResult.h"
#include "repair/RepairRecipe.h"
#include "repair/RepairRun.h"

#include <QDialog>

#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace hfcache {

class WindowHost;

// Repair...: pick a recipe, see the plan as a table (path, change, before, after, who does it),
// apply it with per-operation results, then show what is left (the re-diagnosis). The repair
// itself is RepairRun's, the same as `hfcache repair`'s (canonical root, helper part first, the
// policy on a helper failure); this dialog runs its steps on the thread pool and shows them.
class RepairDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column { PathColumn, ChangeColumn, BeforeColumn, AfterColumn, ByColumn, ResultColumn };

    explicit RepairDialog(WindowHost &host, QWidget *parent = nullptr);

    // Kind and ACL option; the group is looked up when planning (off the GUI thread).
    RepairRecipe recipe() const;
    bool isBusy() const { return m_busy; }

    // Rebuilds the plan for the window's root (from its last snapshot when that is a scan of the
    // canonical root).
    void rebuildPlan();
    void apply();

Q_SIGNALS:
    void planShown();
    void applied();
    void rediagnosed();

protected:
    void reject() override;

private:
    using RunPtr = std::shared_ptr<const RepairRun>;
    struct Planned
    {
        RunPtr run;
        QString error;
    };
    struct Finished
    {
        RepairRun::Applied applied;
        RepairRun::Rediagnosis after;
    };
    void showPlan(const RunPtr &run);
    void showResult(int operation, const QString &status, const QString &before, const QString &after, const QString &error);
    void finishApply(const Finished &finished);
    void setBusy(bool busy);

    WindowHost &m_host;
    QComboBox *m_recipe;
    QComboBox *m_group;
    QCheckBox *m_acl;
    QLabel *m_summary;
    QTableWidget *m_table;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPushButton *m_apply;
    QDialogButtonBox *m_buttons;
    RunPtr m_run;  // the plan shown
    QList<int> m_rowOfOperation;  // the run's operation -> table row (chmod + setgid share one)
    LatestResult m_plans;  // only the plan for the newest choices is shown
    bool m_busy = false;
};

} // namespace hfcache
