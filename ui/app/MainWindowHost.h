// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "common/WindowHost.h"

namespace hfcache {

class MainWindow;

// The browser window as its features see it (WindowHost): a view onto MainWindow's menus,
// toolbar, status bar, docks and rows, nothing more.
class MainWindowHost final : public WindowHost
{
    Q_OBJECT
public:
    explicit MainWindowHost(MainWindow &window);

    QWidget *window() const override;
    ActionRegistry *actions() const override;
    CacheTreeModel *model() const override;
    QByteArray root() const override;
    CacheSnapshotPtr snapshot() const override;
    void openRoot(const QByteArray &root) override;
    void refresh() override;
    void showRepo(const CachedRepoPtr &repo) override;
    bool select(const NodeRef &ref) override;
    void addToolBarAction(QAction *action) override;
    QMenu *menu(Menu menu) const override;
    QDockWidget *addPane(QWidget *pane, const QString &title, const QString &objectName) override;
    void addStatusWidget(QWidget *widget) override;
    void addView(QWidget *view, const QString &title) override;
    void showView(QWidget *view) override;
    void showBrowser() override;
    void showStatusMessage(const QString &text, int timeoutMs) override;

private:
    MainWindow &m_window;
};

} // namespace hfcache
