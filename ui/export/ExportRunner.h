// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "export/ExportJob.h"

#include "common/TaskProgressDialog.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace hfcache {

class WindowHost;

// Runs one export at a time for the window: the source is made and the blocking ExportJob run on
// the thread pool, with a progress dialog (rate, ETA, Cancel), then a summary with "Open Folder".
// Export… of a hub revision or local_dir (ExportFeature) and of a datasets builder (the HF_HOME
// tab) both end here.
class ExportRunner : public QObject
{
    Q_OBJECT
public:
    // Walks the source (I/O): called on the export's thread. nullopt and *error when it cannot.
    using SourceMaker = std::function<std::optional<ExportSource>(QString *error)>;

    ExportRunner(WindowHost &host, QObject *parent);

    bool isRunning() const { return bool(m_progress); }
    // `label` names the source in the progress dialog ("org/model@abc1234").
    void start(const QString &label, SourceMaker makeSource, const ExportJob::Options &options);

Q_SIGNALS:
    void finished(const hfcache::ExportJob::Result &result);

private:
    static QString progressText(const ExportProgress &progress);
    void onFinished(const ExportJob::Result &result);

    WindowHost &m_host;
    QPointer<TaskProgressDialog> m_progress;  // set while an export runs
};

} // namespace hfcache
