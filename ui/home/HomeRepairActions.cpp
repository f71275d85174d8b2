// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeRepairActions.h"

#include "common/WindowHost.h"
#include "permissions/RepairDialog.h"

#include "home/HomeEnvironment.h"
#include "repair/RepairBatch.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QIcon>

namespace hfcache {

namespace {

const QString TokenKindId = QStringLiteral("token");

} // namespace

HomeRepairActions::HomeRepairActions(WindowHost &host, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_kindAction(new QAction(QIcon::fromTheme(QStringLiteral("tools-wizard")), tr("&Repair Cache…"), this))
    , m_homeAction(new QAction(QIcon::fromTheme(QStringLiteral("tools-wizard")), tr("Repair &HF_HOME…"), this))
{
    m_kindAction->setObjectName(QStringLiteral("homeRepairKindAction"));
    m_kindAction->setToolTip(tr("Fix ownership and permissions of the selected cache (hfcache repair --kind)"));
    m_homeAction->setObjectName(QStringLiteral("homeRepairHomeAction"));
    m_homeAction->setToolTip(tr("Fix ownership and permissions of every cache listed here and of HF_HOME's own folder "
                                "(hfcache repair --home)"));
    m_kindAction->setEnabled(false);
    m_homeAction->setEnabled(false);
    connect(m_kindAction, &QAction::triggered, this, &HomeRepairActions::repairKind);
    connect(m_homeAction, &QAction::triggered, this, &HomeRepairActions::repairHome);
}

void HomeRepairActions::setCurrent(const HomeListingPtr &listing, const HomeNode &node)
{
    m_listing = listing;
    m_node = node;
    m_homeAction->setEnabled(bool(listing));
    const KindSnapshot *kind = listing && node.isValid() ? listing->kinds[size_t(node.kind)].snapshot.get() : nullptr;
    // A legacy cache in the hub cache's folder is the hub cache's to repair.
    m_kindAction->setEnabled(kind && kind->exists && kind->sameFolderAs.isEmpty());
}

void HomeRepairActions::repairKind()
{
    if (!m_listing || !m_node.isValid())
        return;
    const HomeListing::Kind &kind = m_listing->kinds[size_t(m_node.kind)];
    // As `repair --kind token`: the token's folder (HF_HOME) is the one thing to repair there.
    openDialog(kind.name, {kind.snapshot->location}, kind.snapshot->location.kindId == TokenKindId, kind.snapshot->rootStat.gid);
}

void HomeRepairActions::repairHome()
{
    if (!m_listing)
        return;
    QList<KindLocation> locations;
    quint32 gid = 0;  // the group the caches have: the first present kind's folder's
    for (const HomeListing::Kind &kind : m_listing->kinds) {
        locations << kind.snapshot->location;
        if (gid == 0 && kind.snapshot->exists)
            gid = kind.snapshot->rootStat.gid;
    }
    openDialog(QStringLiteral("HF_HOME"), locations, true, gid);
}

void HomeRepairActions::openDialog(const QString &subject, const QList<KindLocation> &locations, bool withHomeFolder,
                                   quint32 folderGid)
{
    // The folders of caches, HF_HOME first, as `hfcache repair` takes them.
    const QByteArray hfHome = QFile::encodeName(m_listing->snapshot->hfHome);
    const QByteArray torchHome = QFile::encodeName(QDir::cleanPath(QDir::current().absoluteFilePath(HomeEnvironment().torchHome())));
    auto planner = [hfHome, torchHome, locations, withHomeFolder](const RepairRecipe &recipe, const RepairInvoker &invoker,
                                                                   QString *error) -> std::shared_ptr<RepairBatch> {
        auto batch = std::make_shared<RepairBatch>(QList<QByteArray>{hfHome, torchHome}, locations, recipe, invoker,
                                                   withHomeFolder);
        if (!batch->plan(error))
            return nullptr;
        return batch;
    };
    auto *dialog = new RepairDialog(m_host, subject, planner, folderGid, m_host.window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RepairDialog::applied, this, &HomeRepairActions::repaired);
    dialog->open();
}

} // namespace hfcache
