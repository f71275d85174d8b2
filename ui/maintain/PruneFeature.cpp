// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "PruneFeature.h"

#include "DeleteFeature.h"
#include "common/WindowHost.h"

#include <QAction>

namespace hfcache {

PruneFeature::PruneFeature(WindowHost &host, DeleteFeature &deleter)
    : QObject(&host)
    , m_host(host)
    , m_deleter(deleter)
    , m_action(new QAction(tr("&Prune…"), this))
{
    m_action->setObjectName(QStringLiteral("pruneAction"));
    m_action->setToolTip(tr("Remove detached or unused revisions, interrupted downloads and orphan blobs"));
    host.actions()->add(m_action, ActionRegistry::NoItem | ActionRegistry::AnyItem, ActionRegistry::Group::Manage);
    connect(m_action, &QAction::triggered, this, &PruneFeature::openDialog);
}

void PruneFeature::openDialog()
{
    if (!m_host.snapshot() || m_dialog || m_deleter.isBusy())
        return;
    m_dialog = new PruneDialog(m_host.snapshot(), m_host.window());
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_host.closeOnRootChange(m_dialog);
    connect(m_dialog, &QDialog::accepted, this, [this] {
        if (m_dialog->isPreviewCurrent())
            m_deleter.execute(m_dialog->plan(), true);
    });
    m_dialog->open();
}

} // namespace hfcache
