// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HomeListing.h"
#include "HomeNode.h"

#include <QObject>

class QAction;

namespace hfcache {

class WindowHost;

// Repair… in the HF_HOME tab: "Repair Cache…" for the kind of the selected row (what
// `hfcache repair --kind K` plans) and "Repair HF_HOME…" for every cache the tab lists with
// HF_HOME's own folder (`hfcache repair --home`). Both open the hub browser's RepairDialog with a
// RepairBatch of those plans: the same recipes, helper and checks, the token trap with the
// share-group recipe. After a repair the tab scans again (repaired()).
class HomeRepairActions : public QObject
{
    Q_OBJECT
public:
    HomeRepairActions(WindowHost &host, QObject *parent);

    QAction *kindAction() const { return m_kindAction; }
    QAction *homeAction() const { return m_homeAction; }
    // What the actions act on: the tab's listing and its selected row.
    void setCurrent(const HomeListingPtr &listing, const HomeNode &node);

Q_SIGNALS:
    void repaired();

private:
    // `folderGid`: the group the dialog offers first (unless Settings name one).
    void openDialog(const QString &subject, const QList<KindLocation> &locations, bool withHomeFolder, quint32 folderGid);
    void repairKind();
    void repairHome();

    WindowHost &m_host;
    QAction *m_kindAction;
    QAction *m_homeAction;
    HomeListingPtr m_listing;
    HomeNode m_node;
};

} // namespace hfcache
