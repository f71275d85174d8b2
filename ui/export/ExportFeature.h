// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "cache/CachedRepo.h"
#include "export/ExportJob.h"

#include "common/TaskProgressDialog.h"

#include <QObject>
#include <QPointer>

class QAction;

namespace hfcache {

class WindowHost;

// Export… on a repo (its main revision) or a revision: ExportDialog for the options, the
// blocking ExportJob on the thread pool with a progress dialog (rate, ETA, Cancel), then a
// summary with "Open Folder".
class ExportFeature : public QObject
{
    Q_OBJECT
public:
    explicit ExportFeature(WindowHost &host);

    QAction *action() const { return m_action; }
    bool isRunning() const { return bool(m_progress); }

    // The revision an item stands for: the revision itself, or the repo's main (else newest).
    static const CachedRevision *revisionFor(const CachedRepo &repo, const QByteArray &commit);

    void start(const CachedRepoPtr &repo, const QByteArray &commit, const ExportJob::Options &options,
               const ExportSource::Options &sourceOptions = {});

Q_SIGNALS:
    void finished(const hfcache::ExportJob::Result &result);

private:
    void openDialog();
    static QString progressText(const ExportProgress &progress);
    void onFinished(const ExportJob::Result &result);

    WindowHost &m_host;
    QAction *m_action;
    QPointer<TaskProgressDialog> m_progress;  // set while an export runs
};

} // namespace hfcache
