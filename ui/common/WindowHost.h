// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "ActionRegistry.h"

#include "cache/CacheSnapshot.h"

#include <QObject>

class QAction;
class QDialog;
class QDockWidget;
class QMenu;
class QWidget;

namespace hfcache {

class CacheTreeModel;
struct NodeRef;

// What a feature (an item action, a dialog, a pane) sees of the window it plugs into. Every
// feature is constructed with the host, parented to it, and reaches the window only through it:
// adding a feature never widens MainWindow. ui/app/MainWindowHost implements it.
class WindowHost : public QObject
{
    Q_OBJECT
public:
    enum class Menu { File, Edit, View, Help };

    using QObject::QObject;

    // The parent of the feature's dialogs and the owner of its window-wide shortcuts.
    virtual QWidget *window() const = 0;
    // The item actions: register with a group and the kinds of item they act on; the selection.
    virtual ActionRegistry *actions() const = 0;
    // The rows the window shows (live updates included) and their extra columns.
    virtual CacheTreeModel *model() const = 0;
    virtual QByteArray root() const = 0;
    // The last complete scan (live updates change single repos in the model, not this).
    virtual CacheSnapshotPtr snapshot() const = 0;

    virtual void openRoot(const QByteArray &root) = 0;
    // Rescans the current root, keeping the selection.
    virtual void refresh() = 0;
    // Shows a new value of a repo already listed (e.g. with what verify found), keeping the selection.
    virtual void showRepo(const CachedRepoPtr &repo) = 0;
    // Selects the row of `ref`; false (and nothing changed) when the filters hide it.
    virtual bool select(const NodeRef &ref) = 0;

    // An item action in the toolbar, after Open and Refresh, before the filter.
    virtual void addToolBarAction(QAction *action) = 0;
    virtual QMenu *menu(Menu menu) const = 0;
    // A pane docked under the browser (tabbed with the others), its toggle in the View group.
    virtual QDockWidget *addPane(QWidget *pane, const QString &title, const QString &objectName) = 0;
    virtual void addStatusWidget(QWidget *widget) = 0;
    // A view of its own beside the hub browser (a tab of the central area), e.g. every cache
    // under HF_HOME; showView() brings one to the front, showBrowser() the hub browser.
    virtual void addView(QWidget *view, const QString &title) = 0;
    virtual void showView(QWidget *view) = 0;
    virtual void showBrowser() = 0;
    virtual void showStatusMessage(const QString &text, int timeoutMs) = 0;

    // Rejects `dialog` when another cache is opened: what it shows or plans is about the old one.
    void closeOnRootChange(QDialog *dialog);

Q_SIGNALS:
    // Another cache was opened: selection, details and snapshot of the old one are gone; its scan starts.
    void rootChanged(const QByteArray &root);
    void scanFinished();
};

} // namespace hfcache
