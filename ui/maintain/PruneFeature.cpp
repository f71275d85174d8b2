// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "PruneFeature.h"

#include "DeleteFeature.h"
#include "app/MainWindow.h"

#include <QAction>

namespace hfcache {

PruneFeature::PruneFeature(MainWindow &window, DeleteFeature &deleter)
    : QObject(&window)
    , m_window(window)
    , m_deleter(deleter)
    , m_action(new QAction(tr("&Prune…"), this))
{
    m_action->setObjectName(QStringLiteral("pruneAction"));
    m_action->setToolTip(tr("Remove detached or unused revisions, interrupted downloads and orphan blobs"));
    window.actions()->add(m_action, ActionRegistry::NoItem | ActionRegistry::AnyItem, ActionRegistry::Group::Manage);
    connect(m_action, &QAction::triggered, this, &PruneFeature::openDialog);
}

void PruneFeature::openDialog()
{
    if (!m_window.snapshot() || m_dialog || m_deleter.isBusy())
        return;
    m_dialog = new PruneDialog(m_window.snapshot(), &m_window);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_window.closeOnRootChange(m_dialog);
    connect(m_dialog, &QDialog::accepted, this, [this] {
        if (m_dialog->isPreviewCurrent())
            m_deleter.execute(m_dialog->plan(), true);
    });
    m_dialog->open();
}

} // namespace hfcache
