// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "cache/CachedRepo.h"
#include "export/ExportJob.h"

#include <QObject>

class QAction;

namespace hfcache {

class ExportRunner;
class WindowHost;

// Export… on a repo (its main revision) or a revision: ExportDialog for the options, then the
// export through ExportRunner (progress, Cancel, summary with "Open Folder").
class ExportFeature : public QObject
{
    Q_OBJECT
public:
    explicit ExportFeature(WindowHost &host);

    QAction *action() const { return m_action; }
    bool isRunning() const;

    // The revision an item stands for: the revision itself, or the repo's main (else newest).
    static const CachedRevision *revisionFor(const CachedRepo &repo, const QByteArray &commit);

    void start(const CachedRepoPtr &repo, const QByteArray &commit, const ExportJob::Options &options,
               const ExportSource::Options &sourceOptions = {});

Q_SIGNALS:
    void finished(const hfcache::ExportJob::Result &result);

private:
    void openDialog();

    WindowHost &m_host;
    QAction *m_action;
    ExportRunner *m_runner;
};

} // namespace hfcache
