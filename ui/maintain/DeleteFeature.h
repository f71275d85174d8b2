// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "common/ActionRegistry.h"

#include "cache/CacheSnapshot.h"
#include "maintain/DeletePlan.h"
#include "maintain/DeleteResult.h"

#include <QMessageBox>
#include <QObject>
#include <QPointer>

class QAction;


namespace hfcache {

class WindowHost;

// Delete (Del) on repos and revisions, several at once: the plan and its in-use / held-lock
// check are made on the thread pool, DeleteConfirmDialog asks, DeleteExecutor runs on the pool,
// then the window rescans.
class DeleteFeature : public QObject
{
    Q_OBJECT
public:
    explicit DeleteFeature(WindowHost &host);

    QAction *action() const { return m_action; }
    bool isBusy() const { return m_busy; }

    // The plan for `items` (repos whole, revisions alone), as the confirmation shows it.
    [[nodiscard]] static DeletePlan planFor(const CacheSnapshotPtr &snapshot, const QList<ActionRegistry::Item> &items);

    // Runs a confirmed plan on the thread pool, then rescans. Prune keeps blobs a download
    // locks instead of refusing the whole plan.
    void execute(const DeletePlan &plan, bool skipHeldLocks = false);

Q_SIGNALS:
    void confirmationShown();
    void finished(const hfcache::DeleteResult &result);

private:
    void prepare();
    void showSummary(const DeletePlan &plan, const DeleteResult &result);

    WindowHost &m_host;
    QAction *m_action;
    QPointer<QMessageBox> m_summary;
    bool m_busy = false;
};

} // namespace hfcache
