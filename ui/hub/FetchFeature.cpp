// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "FetchFeature.h"

#include "FetchDialog.h"
#include "common/WindowHost.h"

#include "hub/HubClient.h"
#include "hub/HubSettings.h"

#include <QAction>

namespace hfcache {

FetchFeature::FetchFeature(WindowHost &host)
    : QObject(&host)
    , m_host(host)
    , m_download(new QAction(tr("Download &Missing Files…"), this))
    , m_repair(new QAction(tr("Re&pair Corrupt Files…"), this))
{
    m_download->setObjectName(QStringLiteral("downloadMissingAction"));
    m_download->setStatusTip(tr("Download the files of this revision that are not in the cache"));
    m_repair->setStatusTip(tr("Hash the files of this revision and download again those that differ from the Hub"));
    connect(m_download, &QAction::triggered, this, [this] { run({.missingOnly = true}); });
    connect(m_repair, &QAction::triggered, this, [this] { run({}); });
    host.actions()->add(m_download, ActionRegistry::Revision, ActionRegistry::Group::Manage);
    host.actions()->add(m_repair, ActionRegistry::Revision, ActionRegistry::Group::Manage);
}

FetchDialog *FetchFeature::run(HubFetch::Options options)
{
    const QList<ActionRegistry::Item> &selection = m_host.actions()->selection();
    if (selection.size() != 1 || !selection.first().repo || selection.first().ref.commit.isEmpty())
        return nullptr;
    const ActionRegistry::Item &item = selection.first();
    auto *client = new HubClient(HubSettings::fromEnvironment());
    auto *dialog = new FetchDialog(client, m_host.root(), item.repo->type, item.repo->repoId,
                                   QString::fromLatin1(item.ref.commit), options, m_host.window());
    client->setParent(dialog);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &FetchDialog::fetchFinished, &m_host, &WindowHost::refresh);
    dialog->show();
    dialog->start();
    return dialog;
}

} // namespace hfcache
