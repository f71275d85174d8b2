// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RepairFeature.h"

#include "RepairDialog.h"
#include "common/ActionRegistry.h"
#include "common/WindowHost.h"

#include <QAction>
#include <QIcon>

namespace hfcache {

RepairFeature::RepairFeature(WindowHost &host)
    : QObject(&host)
    , m_host(host)
{
    auto *action = new QAction(QIcon::fromTheme(QStringLiteral("tools-wizard")), tr("&Repair..."), this);
    action->setObjectName(QStringLiteral("repairAction"));
    action->setStatusTip(tr("Fix ownership and permissions of the cache"));
    connect(action, &QAction::triggered, this, &RepairFeature::openDialog);
    host.actions()->add(action, ActionRegistry::NoItem | ActionRegistry::AnyItem, ActionRegistry::Group::Manage);
}

void RepairFeature::openDialog()
{
    auto *dialog = new RepairDialog(m_host, m_host.window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_host.closeOnRootChange(dialog);
    dialog->open();
}

} // namespace hfcache
