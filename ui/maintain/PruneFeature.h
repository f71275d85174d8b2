// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "PruneDialog.h"

#include <QObject>
#include <QPointer>

class QAction;

namespace hfcache {

class DeleteFeature;
class WindowHost;

// Prune… (Repo menu, whatever is selected: prune is cache-wide): PruneDialog previews, the
// DeleteFeature executes and rescans.
class PruneFeature : public QObject
{
    Q_OBJECT
public:
    PruneFeature(WindowHost &host, DeleteFeature &deleter);

    QAction *action() const { return m_action; }

private:
    void openDialog();

    WindowHost &m_host;
    DeleteFeature &m_deleter;
    QAction *m_action;
    QPointer<PruneDialog> m_dialog;
};

} // namespace hfcache
