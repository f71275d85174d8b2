// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "cache/CacheSnapshot.h"
#include "repair/RepairExecutor.h"
#include "repair/RepairHelperClient.h"
#include "repair/RepairPlan.h"
#include "repair/RepairRecipe.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace hfcache {

class MainWindow;

// Repair...: pick a recipe, see the plan as a table (path, change, before, after, who does it),
// apply it -- the part that needs root through hfcache-helper (pkexec, sudo -n, or directly as
// root) first, then the invoker's own entries in-process, both on the thread pool -- with
// per-operation results, then rescan and show what is left (the re-diagnosis).
class RepairDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column { PathColumn, ChangeColumn, BeforeColumn, AfterColumn, ByColumn, ResultColumn };

    explicit RepairDialog(MainWindow &window, QWidget *parent = nullptr);
    static void install(MainWindow &window);

    QComboBox *recipeBox() const { return m_recipe; }
    QComboBox *groupBox() const { return m_group; }
    QCheckBox *aclBox() const { return m_acl; }
    QTableWidget *table() const { return m_table; }
    QPushButton *applyButton() const { return m_apply; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *summaryLabel() const { return m_summary; }
    // Kind and ACL option; the group is looked up when planning (off the GUI thread).
    RepairRecipe recipe() const;
    bool isBusy() const { return m_busy; }

    // Rebuilds the plan from the window's last snapshot; after applying, the table keeps the
    // results and only the count of what is left is shown.
    enum TableUse { ShowPlan, KeepTable };
    void rebuildPlan(TableUse use = ShowPlan);
    void apply();

Q_SIGNALS:
    void planShown();
    void applied();
    void rediagnosed();

protected:
    void reject() override;

private:
    struct Planned
    {
        RepairPlan helper;
        RepairPlan inProcess;
        QString error;
    };
    struct Applied
    {
        RepairHelperClient::Outcome helper;
        bool helperRan = false;
        QString inProcessError;
        RepairExecutor::Summary inProcess;
    };
    void showPlan(const RepairPlan &helper, const RepairPlan &inProcess, TableUse use);
    void showResult(int operation, const QString &status, const QString &before, const QString &after, const QString &error);
    void finishApply(const Applied &outcome);
    void setBusy(bool busy);

    MainWindow &m_window;
    QComboBox *m_recipe;
    QComboBox *m_group;
    QCheckBox *m_acl;
    QLabel *m_summary;
    QTableWidget *m_table;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPushButton *m_apply;
    QDialogButtonBox *m_buttons;
    RepairPlan m_helperPart;
    RepairPlan m_inProcessPart;
    QList<int> m_rowOfOperation;  // helper's operations, then the in-process ones -> table row
    quint64 m_generation = 0;
    bool m_busy = false;
    bool m_awaitingRescan = false;
};

} // namespace hfcache
