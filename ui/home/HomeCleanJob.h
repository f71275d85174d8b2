// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "common/TaskProgressDialog.h"

#include "home/KindSnapshot.h"
#include "maintain/DeletePlan.h"
#include "maintain/DeleteResult.h"
#include "maintain/HomeCleanPlanner.h"
#include "maintain/HomeCleanTarget.h"

#include <QList>
#include <QObject>
#include <QString>

#include <atomic>

namespace hfcache {

// The window's side of `hfcache clean` for one cache of HF_HOME: the same HomeCleanPlanner and
// DeleteExecutor as the CLI (plan, dry run, execute), on one kind's root only. Every function
// blocks (the planner and the executor ask /proc who uses each file): call them on the pool.
class HomeCleanJob
{
public:
    // What to delete in the cache: named leftovers, the whole cache, or some of its items.
    struct Request
    {
        QList<HomeCleanTarget> targets;
        bool wholeKind = false;
        QList<QByteArray> items;  // HomeGroup keys
        quint64 shardLimit = HomeCleanPlanner::DefaultShardLimit;
    };

    // The plan and its dry run (DeleteExecutor::check), as `hfcache clean --dry-run` shows them.
    struct Planned
    {
        DeletePlan plan;    // empty when nothing is to go (plan.kept may still say what stays)
        DeleteResult check;
        QString error;      // the request was refused (the planner's reason)
        // The dry-run text: the plan, then what the check keeps or refuses; its first MaxTextLines
        // (a cache of a million downloads makes a million lines, too many for a text view).
        QString text;

        bool canExecute() const { return error.isEmpty() && !plan.isEmpty() && !check.refused; }
    };
    static constexpr int MaxTextLines = 2000;

    static Planned plan(const KindSnapshotPtr &kind, const QString &hfHome, const Request &request);
    // Lets the last reference to a big plan go on the pool: freeing 100,000 operations takes
    // longer than a frame.
    static void release(QObject *owner, DeletePlan plan);
    // The confirmed plan, checked again by the executor; `report` gets the progress, `cancel`
    // stops between items.
    static DeleteResult execute(const DeletePlan &plan, const std::atomic_bool *cancel,
                                const TaskProgressDialog::Reporter &report);
};

} // namespace hfcache
