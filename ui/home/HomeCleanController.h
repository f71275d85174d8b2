// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "maintain/DeletePlan.h"
#include "maintain/DeleteResult.h"

#include <QObject>
#include <QPointer>

class QAction;
class QMessageBox;

namespace hfcache {

class HomeView;
class WindowHost;

// Clean and delete in the view of every cache under HF_HOME, on the core of `hfcache clean`:
// "Clean…" on a cache's row opens HomeCleanDialog; "Delete…" (and the Delete key) on items of
// one cache plans them whole, and DeleteConfirmDialog shows the dry run. Planning and execution
// run on the thread pool (the executor with progress and Cancel), then the view rescans and a
// summary says what was freed, kept and why, and what failed with its path and reason. The hub
// cache's repos are deleted in the hub browser, the token never.
class HomeCleanController : public QObject
{
    Q_OBJECT
public:
    HomeCleanController(WindowHost &host, HomeView &view);

    QAction *cleanAction() const { return m_clean; }
    QAction *deleteAction() const { return m_delete; }

Q_SIGNALS:
    // An execution ended (the rescan it started may still run).
    void finished(const hfcache::DeleteResult &result);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // The selected cache Clean applies to, else -1 with why not.
    int cleanableKind(QString *why) const;
    // The selected items Delete applies to (all of one cache), else empty with why not.
    QList<QByteArray> deletableItems(int *kind, QString *why) const;
    void updateActions();
    void openCleanDialog();
    void prepareDelete();
    void execute(const DeletePlan &plan);
    void showSummary(const DeletePlan &plan, const DeleteResult &result, bool cancelled);

    WindowHost &m_host;
    HomeView &m_view;
    QAction *m_clean;
    QAction *m_delete;
    QPointer<QMessageBox> m_summary;
    bool m_busy = false;
};

} // namespace hfcache
