// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "common/LatestResult.h"
#include "repair/RepairBatch.h"
#include "repair/RepairRecipe.h"
#include "repair/RepairRun.h"

#include <QDialog>

#include <functional>
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
// policy on a helper failure), or for the caches of HF_HOME a RepairBatch of the plans
// `hfcache repair --home` / `--kind K` make; this dialog runs its steps on the thread pool and
// shows them.
class RepairDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column { PathColumn, ChangeColumn, BeforeColumn, AfterColumn, ByColumn, ResultColumn };

    // Plans the repair for a recipe, on a worker thread; null and *error when it cannot.
    using Planner = std::function<std::shared_ptr<RepairBatch>(const RepairRecipe &recipe, const RepairInvoker &invoker,
                                                               QString *error)>;

    // The hub cache of the window's root (from its last snapshot when that is a scan of the
    // canonical root).
    explicit RepairDialog(WindowHost &host, QWidget *parent = nullptr);
    // What `planner` plans (the HF_HOME tab's kinds); `subject` names it in the title. Without a
    // shared group in Settings, the group of the folder repaired (`folderGid`, unless root's) is offered.
    RepairDialog(WindowHost &host, const QString &subject, Planner planner, quint32 folderGid, QWidget *parent = nullptr);

    // Kind and ACL option; the group is looked up when planning (off the GUI thread).
    RepairRecipe recipe() const;
    bool isBusy() const { return m_busy; }

    // Rebuilds the plan for the current choices.
    void rebuildPlan();
    void apply();

Q_SIGNALS:
    void planShown();
    void applied();
    void rediagnosed();

protected:
    void reject() override;

private:
    using RunPtr = std::shared_ptr<const RepairBatch>;
    struct Planned
    {
        RunPtr run;
        QString error;
    };
    struct Finished
    {
        QList<RepairBatch::PartApplied> applied;
        RepairBatch::Rediagnosis after;
    };
    // The planner of the window's hub cache, for its snapshot now.
    Planner hubPlanner() const;
    void showPlan(const RunPtr &run);
    // The plan's notes: folders left out and why, the token trap (share-group recipe).
    QString notesOf(const RepairBatch &run) const;
    void showResult(int operation, const QString &status, const QString &before, const QString &after, const QString &error);
    void finishApply(const Finished &finished);
    void setBusy(bool busy);

    WindowHost &m_host;
    Planner m_planner;  // empty: the window's hub cache
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
