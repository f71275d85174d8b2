// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ExportRunner.h"

#include "common/BackgroundTask.h"
#include "common/FolderOpener.h"
#include "common/WindowHost.h"

#include "util/HumanFormat.h"
#include "util/PathText.h"

#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>

namespace hfcache {

ExportRunner::ExportRunner(WindowHost &host, QObject *parent)
    : QObject(parent)
    , m_host(host)
{
}

void ExportRunner::start(const QString &label, SourceMaker makeSource, const ExportJob::Options &options)
{
    if (m_progress)
        return;
    m_progress = new TaskProgressDialog(tr("Exporting"), tr("Preparing the export of %1…").arg(label), m_host.window());
    runInBackground(
        this,
        [makeSource, options, cancel = m_progress->cancelFlag(), report = m_progress->reporter()] {
            // Validating the source walks it: that is I/O too, so it runs here.
            ExportJob::Result result;
            QString error;
            auto source = makeSource(&error);
            if (!source) {
                result.error = error;
                return result;
            }
            ExportJob job(std::move(*source), options);
            // The job exists only on this thread: Cancel reaches it with the next report (<= 200 ms).
            job.setProgressCallback([&job, cancel, report](const ExportProgress &progress) {
                if (cancel->load())
                    job.cancel();
                report(progress.bytesTotal ? double(progress.bytesDone) / double(progress.bytesTotal) : 0.0,
                       progressText(progress));
            });
            if (cancel->load()) {
                result.cancelled = true;
                return result;
            }
            return job.run();
        },
        [this](const ExportJob::Result &result) { onFinished(result); });
}

// Runs on the export's thread; tr() and HumanFormat are safe there.
QString ExportRunner::progressText(const ExportProgress &progress)
{
    const QString eta = progress.etaMs < 0 ? tr("estimating…") : HumanFormat::duration(progress.etaMs);
    return tr("%1 of %2 (%3 of %4 files)\n%5/s, %6 left")
        .arg(HumanFormat::size(progress.bytesDone), HumanFormat::size(progress.bytesTotal))
        .arg(progress.filesDone).arg(progress.filesTotal)
        .arg(HumanFormat::size(quint64(progress.bytesPerSecond)), eta);
}

void ExportRunner::onFinished(const ExportJob::Result &result)
{
    if (m_progress)
        m_progress->finish();
    m_progress.clear();
    QString text;
    QString where;  // the target on a line of its own: a long path would otherwise break mid-sentence
    QMessageBox::Icon icon = QMessageBox::Information;
    if (result.cancelled) {
        // The job says whether its temporary could be removed.
        text = tr("The export was cancelled.");
        where = result.error;
    } else if (!result.ok) {
        icon = QMessageBox::Warning;
        text = tr("The export failed: %1").arg(result.error);
    } else {
        text = tr("Exported %n file(s), %1, in %2.", nullptr, result.files)
                   .arg(HumanFormat::size(result.bytes), HumanFormat::duration(result.durationMs));
        where = PathText::display(result.target);
        if (result.outputBytes != result.bytes)
            text += QLatin1Char(' ') + tr("Archive size: %1.").arg(HumanFormat::size(result.outputBytes));
        // A file without a hash (a datasets Arrow file, most of a local_dir) was not matched against one.
        if (result.verified && result.unverifiable == 0)
            text += QLatin1Char(' ') + tr("Every file matched its hash.");
        else if (result.unverifiable > 0)
            text += QLatin1Char(' ') + tr("%n file(s) have no hash to check against.", nullptr, result.unverifiable);
        if (!result.skipped.isEmpty())
            text += QLatin1Char(' ') + tr("%n file(s) of the revision are not in the cache and were left out.", nullptr,
                                          int(result.skipped.size()));
    }
    auto *summary = new QMessageBox(icon, tr("Export"), text, QMessageBox::Close, m_host.window());
    summary->setObjectName(QStringLiteral("exportSummary"));
    summary->setAttribute(Qt::WA_DeleteOnClose);
    summary->setInformativeText(where);
    QStringList details = result.warnings;
    for (const QByteArray &path : result.skipped)
        details << tr("Left out (not in the cache): %1").arg(PathText::display(path));
    if (!details.isEmpty())
        summary->setDetailedText(details.join(QLatin1Char('\n')));
    if (result.ok) {
        QPushButton *open = summary->addButton(tr("Open &Folder"), QMessageBox::ActionRole);
        const QFileInfo target(QFile::decodeName(result.target));
        const QString folder = target.isDir() ? target.absoluteFilePath() : target.absolutePath();
        connect(open, &QPushButton::clicked, this, [this, folder] { FolderOpener::open(m_host.window(), folder); });
    }
    summary->open();
    Q_EMIT finished(result);
}

} // namespace hfcache
