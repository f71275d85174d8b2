// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "RepairExecutor.h"
#include "RepairHelperClient.h"
#include "RepairInvoker.h"
#include "RepairPlan.h"
#include "RepairRecipe.h"

#include "cache/CacheSnapshot.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace hfcache {

// One repair as both faces run it (`hfcache repair` and the window's Repair dialog only show it):
//   plan()        canonical root, scan (or the caller's scan of that root), doctor's findings for
//                 the recipe, the plan split into the helper's part and the invoker's own, and the
//                 helper's own authorization checked before anything is shown;
//   apply()       the helper's part first (it may make folders traversable), then the invoker's
//                 part in-process. The policy when the helper fails (refused, not authorized,
//                 not started): the invoker's own part is applied all the same -- it needs no
//                 rights, the executor re-checks every entry on fds, and whatever depended on
//                 root's changes fails with its own reason -- and the helper's rows stay "not
//                 applied";
//   rediagnose()  scan and diagnose again: what the recipe would still change.
// Synchronous: a GUI calls each step from a worker thread.
class RepairRun
{
public:
    // Which step of plan() failed: the CLI adds its --cache-dir hint to the scan's and the
    // authorization's reasons.
    enum class Failure { None, Scan, Diagnose, Authorization };

    RepairRun(const QByteArray &root, const RepairRecipe &recipe, const RepairInvoker &invoker);

    // The user a repair is for: the caller, or under sudo/pkexec (real uid root) the user the
    // launcher names. False and *error when that user has no account.
    [[nodiscard]] static bool invokerOfThisProcess(RepairInvoker *invoker, QString *error);
    // realpath() of `given` (the helper walks only canonical roots); `given` when it cannot be resolved.
    static QByteArray canonicalRoot(const QByteArray &given);

    // `scanned`: the caller's scan, used when it is of the canonical root (the window's, usually).
    [[nodiscard]] bool plan(QString *error, const CacheSnapshotPtr &scanned = {});
    Failure failure() const { return m_failure; }

    const QByteArray &root() const { return m_root; }
    const RepairRecipe &recipe() const { return m_recipe; }
    const RepairInvoker &invoker() const { return m_invoker; }
    CacheSnapshotPtr snapshot() const { return m_snapshot; }
    const RepairPlan &helperPart() const { return m_helper; }
    const RepairPlan &inProcessPart() const { return m_inProcess; }
    // Rows: the helper's part, then the invoker's, in that order (how apply() numbers results).
    qsizetype rowCount() const { return m_helper.operations.size() + m_inProcess.operations.size(); }
    const RepairOperation &operation(qsizetype row) const;
    bool isHelperRow(qsizetype row) const { return row < m_helper.operations.size(); }

    struct Applied
    {
        bool helperRan = false;                 // the helper part was not empty and was tried
        RepairHelperClient::Outcome helper;
        QString inProcessError;                 // the in-process preflight's refusal
        RepairExecutor::Summary inProcess;
    };
    // `row`: as rowCount() numbers them; called from the thread running apply().
    using ResultCallback = std::function<void(qsizetype row, const RepairExecutor::Result &result)>;
    Applied apply(const ResultCallback &onResult) const;
    // apply() and the check of plan() for any plan split with RepairRecipe::split (HomeRepair's too).
    static Applied applyParts(const RepairPlan &helper, const RepairPlan &inProcess, const RepairInvoker &invoker,
                              const ResultCallback &onResult);
    [[nodiscard]] static bool authorizeParts(const RepairPlan &plan, const RepairPlan &helper,
                                             const RepairInvoker &invoker, QString *error);

    struct Rediagnosis
    {
        CacheSnapshotPtr snapshot;  // null: the rescan failed
        QString error;              // the rescan's or the diagnosis' reason
        qsizetype remaining = -1;   // changes the recipe would still make; -1: not known
        int handled = -1;           // findings of the recipe's kinds left; -1: not known
        int errors = 0;             // findings it does not handle
        int warnings = 0;
        bool diagnosed() const { return remaining >= 0; }
    };
    // `scanned`: a rescan the caller made of the canonical root after apply().
    Rediagnosis rediagnose(const CacheSnapshotPtr &scanned = {}) const;

private:
    [[nodiscard]] bool diagnoseAndSplit(QString *error);
    CacheSnapshotPtr scan(const CacheSnapshotPtr &scanned, QString *error) const;

    QByteArray m_root;
    RepairRecipe m_recipe;
    RepairInvoker m_invoker;
    CacheSnapshotPtr m_snapshot;
    RepairPlan m_plan;
    RepairPlan m_helper;
    RepairPlan m_inProcess;
    Failure m_failure = Failure::None;
};

} // namespace hfcache
