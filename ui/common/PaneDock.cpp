// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "PaneDock.h"

#include "app/MainWindow.h"

#include <QAction>
#include <QDockWidget>

namespace hfcache {

QDockWidget *addPaneDock(MainWindow &window, QWidget *pane, const QString &title, const QString &objectName)
{
    auto *dock = new QDockWidget(title, &window);
    dock->setObjectName(objectName);
    dock->setWidget(pane);
    QDockWidget *neighbour = nullptr;
    for (QDockWidget *other : window.findChildren<QDockWidget *>()) {
        if (other != dock && window.dockWidgetArea(other) == Qt::BottomDockWidgetArea)
            neighbour = other;
    }
    window.addDockWidget(Qt::BottomDockWidgetArea, dock);
    if (neighbour)
        window.tabifyDockWidget(neighbour, dock);
    // A strip under the browser, not a third of the window; a saved layout restores the user's size.
    window.resizeDocks({dock}, {170}, Qt::Vertical);
    window.actions()->add(dock->toggleViewAction(), ActionRegistry::NoItem | ActionRegistry::AnyItem | ActionRegistry::LocalDir,
                          ActionRegistry::Group::View);
    return dock;
}

} // namespace hfcache
