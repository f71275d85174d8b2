// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "MainWindowHost.h"

#include "MainWindow.h"
#include "browser/CacheStatusBar.h"

#include <QDockWidget>
#include <QToolBar>

namespace hfcache {

MainWindowHost::MainWindowHost(MainWindow &window)
    : WindowHost(&window)
    , m_window(window)
{
    connect(&window, &MainWindow::rootChanged, this, &WindowHost::rootChanged);
    connect(&window, &MainWindow::scanFinished, this, &WindowHost::scanFinished);
}

QWidget *MainWindowHost::window() const
{
    return &m_window;
}

ActionRegistry *MainWindowHost::actions() const
{
    return m_window.m_actions;
}

CacheTreeModel *MainWindowHost::model() const
{
    return m_window.m_model;
}

QByteArray MainWindowHost::root() const
{
    return m_window.root();
}

CacheSnapshotPtr MainWindowHost::snapshot() const
{
    return m_window.snapshot();
}

void MainWindowHost::openRoot(const QByteArray &root)
{
    m_window.openRoot(root);
}

void MainWindowHost::refresh()
{
    m_window.refresh();
}

void MainWindowHost::showRepo(const CachedRepoPtr &repo)
{
    m_window.onRepoChanged(repo->folderName, repo);
}

bool MainWindowHost::select(const NodeRef &ref)
{
    return m_window.select(ref);
}

void MainWindowHost::addToolBarAction(QAction *action)
{
    m_window.m_toolBar->insertAction(m_window.m_itemActionsEnd, action);
}

QMenu *MainWindowHost::menu(Menu menu) const
{
    switch (menu) {
    case Menu::File:
        return m_window.m_fileMenu;
    case Menu::Edit:
        return m_window.m_editMenu;
    case Menu::View:
        return m_window.m_viewMenu;
    case Menu::Help:
        return m_window.m_helpMenu;
    }
    return nullptr;
}

QDockWidget *MainWindowHost::addPane(QWidget *pane, const QString &title, const QString &objectName)
{
    auto *dock = new QDockWidget(title, &m_window);
    dock->setObjectName(objectName);
    dock->setWidget(pane);
    QDockWidget *neighbour = nullptr;
    for (QDockWidget *other : m_window.findChildren<QDockWidget *>()) {
        if (other != dock && m_window.dockWidgetArea(other) == Qt::BottomDockWidgetArea)
            neighbour = other;
    }
    m_window.addDockWidget(Qt::BottomDockWidgetArea, dock);
    if (neighbour)
        m_window.tabifyDockWidget(neighbour, dock);
    // A strip under the browser, not a third of the window; a saved layout restores the user's size.
    m_window.resizeDocks({dock}, {170}, Qt::Vertical);
    actions()->add(dock->toggleViewAction(), ActionRegistry::NoItem | ActionRegistry::AnyItem | ActionRegistry::LocalDir,
                   ActionRegistry::Group::View);
    return dock;
}

void MainWindowHost::addStatusWidget(QWidget *widget)
{
    m_window.m_status->addPermanentWidget(widget);
}

void MainWindowHost::addView(QWidget *view, const QString &title)
{
    m_window.addView(view, title);
}

void MainWindowHost::showView(QWidget *view)
{
    m_window.m_views->setCurrentWidget(view);
}

void MainWindowHost::showBrowser()
{
    m_window.m_views->setCurrentWidget(m_window.m_browserView);
}

void MainWindowHost::showStatusMessage(const QString &text, int timeoutMs)
{
    m_window.m_status->showMessage(text, timeoutMs);
}

} // namespace hfcache
