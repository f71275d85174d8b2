// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ExportFeature.h"

#include "common/FolderOpener.h"
#include "common/WindowHost.h"
#include "ExportDialog.h"
#include "common/AppSettings.h"
#include "common/BackgroundTask.h"
#include "common/ItemIcons.h"

#include "util/HumanFormat.h"
#include "util/PathText.h"

#include <QAction>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>

namespace hfcache {

namespace {

QString revisionLabel(const CachedRepo &repo, const CachedRevision &revision)
{
    return QStringLiteral("%1@%2").arg(repo.cacheId(), QString::fromLatin1(revision.commit.left(7)));
}

// "org--name-abc1234": a folder or archive name without slashes that says what it holds.
QString defaultName(const CachedRepo &repo, const CachedRevision &revision)
{
    QString name = repo.repoId;
    name.replace(QLatin1Char('/'), QLatin1String("--"));
    return QStringLiteral("%1-%2").arg(name, QString::fromLatin1(revision.commit.left(7)));
}

} // namespace

ExportFeature::ExportFeature(WindowHost &host)
    : QObject(&host)
    , m_host(host)
    , m_action(new QAction(ItemIcons::named(QStringLiteral("document-export")), tr("&Export…"), this))
{
    m_action->setObjectName(QStringLiteral("exportAction"));
    m_action->setShortcut(QKeySequence(tr("Ctrl+E")));
    m_action->setShortcutContext(Qt::WindowShortcut);
    m_action->setToolTip(tr("Copy the files of the selected revision out of the cache (folder or archive)"));
    host.window()->addAction(m_action);
    host.actions()->add(m_action, ActionRegistry::Repo | ActionRegistry::Revision | ActionRegistry::LocalDir,
                          ActionRegistry::Group::Manage);
    host.addToolBarAction(m_action);
    // One item at a time: an export names one revision.
    connect(host.actions(), &ActionRegistry::selectionChanged, this, [this] {
        if (m_host.actions()->selection().size() > 1)
            m_action->setEnabled(false);
    });
    connect(m_action, &QAction::triggered, this, &ExportFeature::openDialog);
}

const CachedRevision *ExportFeature::revisionFor(const CachedRepo &repo, const QByteArray &commit)
{
    if (!commit.isEmpty())
        return repo.revision(commit);
    for (const CachedRef &ref : repo.refs) {
        if (ref.name == QLatin1String("main"))
            if (const CachedRevision *revision = repo.revision(ref.commit))
                return revision;
    }
    const CachedRevision *newest = nullptr;
    for (const CachedRevision &revision : repo.revisions) {
        if (!newest || revision.stat.mtime > newest->stat.mtime)
            newest = &revision;
    }
    return newest;
}

void ExportFeature::openDialog()
{
    const auto &selection = m_host.actions()->selection();
    if (selection.size() != 1 || !selection.first().repo || m_progress)
        return;
    const CachedRepoPtr repo = selection.first().repo;
    const CachedRevision *revision = revisionFor(*repo, selection.first().ref.commit);
    if (!revision) {
        QMessageBox::information(m_host.window(), tr("Export"), tr("%1 has no cached revision to export.").arg(repo->cacheId()));
        return;
    }
    const QByteArray commit = revision->commit;
    auto *dialog = new ExportDialog(revisionLabel(*repo, *revision), defaultName(*repo, *revision), m_host.window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->applyDefaults(AppSettings::load());
    dialog->setSourceOrigin(ExportSource::originOf(repo->path, repo->isLocalDir));
    m_host.closeOnRootChange(dialog);
    connect(dialog, &QDialog::accepted, this, [this, dialog, repo, commit] {
        start(repo, commit, dialog->options(), dialog->sourceOptions());
    });
    dialog->open();
}

void ExportFeature::start(const CachedRepoPtr &repo, const QByteArray &commit, const ExportJob::Options &options,
                          const ExportSource::Options &sourceOptions)
{
    const CachedRevision *revision = repo ? repo->revision(commit) : nullptr;
    if (!revision || m_progress)
        return;
    m_progress = new TaskProgressDialog(tr("Exporting"), tr("Preparing the export of %1…").arg(revisionLabel(*repo, *revision)),
                                        m_host.window());
    runInBackground(
        this,
        [repo, commit, options, sourceOptions, cancel = m_progress->cancelFlag(), report = m_progress->reporter()] {
            // Validating the source walks the snapshot: that is I/O too, so it runs here.
            ExportJob::Result result;
            QString error;
            auto source = repo->isLocalDir ? ExportSource::fromLocalDir(repo->path, sourceOptions, &error)
                                           : ExportSource::fromRevision(*repo, *repo->revision(commit), sourceOptions, &error);
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
QString ExportFeature::progressText(const ExportProgress &progress)
{
    const QString eta = progress.etaMs < 0 ? tr("estimating…") : HumanFormat::duration(progress.etaMs);
    return tr("%1 of %2 (%3 of %4 files)\n%5/s, %6 left")
        .arg(HumanFormat::size(progress.bytesDone), HumanFormat::size(progress.bytesTotal))
        .arg(progress.filesDone).arg(progress.filesTotal)
        .arg(HumanFormat::size(quint64(progress.bytesPerSecond)), eta);
}

void ExportFeature::onFinished(const ExportJob::Result &result)
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
        if (result.verified)
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
