// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HomeListing.h"
#include "HomeNode.h"

#include <QObject>

class QAction;

namespace hfcache {

class ExportRunner;
class WindowHost;

// Export… on a datasets builder item of the HF_HOME tab: the hub browser's ExportDialog (with
// the map caches offered, off) and its ExportRunner, over a DatasetExportSource -- what
// `hfcache export --kind datasets ITEM` writes.
class DatasetExportAction : public QObject
{
    Q_OBJECT
public:
    DatasetExportAction(WindowHost &host, QObject *parent);

    QAction *action() const { return m_action; }
    ExportRunner *runner() const { return m_runner; }
    void setCurrent(const HomeListingPtr &listing, const HomeNode &node);

private:
    void openDialog();

    WindowHost &m_host;
    QAction *m_action;
    ExportRunner *m_runner;
    HomeListingPtr m_listing;
    HomeNode m_node;
};

} // namespace hfcache
