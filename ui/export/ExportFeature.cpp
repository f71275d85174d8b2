// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ExportFeature.h"

#include "common/WindowHost.h"
#include "ExportDialog.h"
#include "ExportRunner.h"
#include "common/AppSettings.h"
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
    , m_runner(new ExportRunner(host, this))
{
    connect(m_runner, &ExportRunner::finished, this, &ExportFeature::finished);
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

bool ExportFeature::isRunning() const
{
    return m_runner->isRunning();
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
    if (selection.size() != 1 || !selection.first().repo || m_runner->isRunning())
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
    if (!revision)
        return;
    m_runner->start(revisionLabel(*repo, *revision), [repo, commit, sourceOptions](QString *error) {
        return repo->isLocalDir ? ExportSource::fromLocalDir(repo->path, sourceOptions, error)
                                : ExportSource::fromRevision(*repo, *repo->revision(commit), sourceOptions, error);
    }, options);
}

} // namespace hfcache
