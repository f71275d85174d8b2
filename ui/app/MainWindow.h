// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "browser/NodeRef.h"
#include "common/ActionRegistry.h"
#include "common/LatestResult.h"

#include "cache/CacheScanner.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class QComboBox;
class QDockWidget;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTabWidget;
class QToolBar;
class QTreeView;

namespace hfcache {

class CacheBanner;
class CacheFilterModel;
class CacheStatusBar;
class CacheTreeModel;
class CacheWatcher;
class DetailsPane;
class MainWindowHost;
class TreemapView;
class WindowHost;

// The browser window: tree (with details beside it) over a treemap, one scan feeding both,
// live updates from CacheWatcher, and the item actions of ActionRegistry.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Scans `root` (keeping the rows already shown for the same root, for a refresh).
    void openRoot(const QByteArray &root, bool isDemo = false);
    QByteArray root() const { return m_root; }
    void refresh();
    // Where the demo cache lives; written on first use.
    static QByteArray demoCacheDir();
    void openDemoCache();
    // Selects the row of `ref`; false (and nothing changed) when the filters hide it.
    bool select(const NodeRef &ref);
    void clearSelection();
    NodeRef currentRef() const;
    // The last complete scan (live updates change single repos in the model, not this).
    CacheSnapshotPtr snapshot() const { return m_snapshot; }
    // What the features see of this window.
    WindowHost *host() const;

Q_SIGNALS:
    // Another cache was opened: selection, details and snapshot of the old one are gone; its scan starts.
    void rootChanged(const QByteArray &root);
    void firstReposShown();
    void scanFinished();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    friend class MainWindowHost;  // the features' view of the menus, toolbar, status bar and rows

    void createActions();
    void createMenus();
    void createToolBar();
    void createCentralWidget();
    // A feature's view beside the hub browser (WindowHost::addView).
    void addView(QWidget *view, const QString &title);
    void onViewChanged();
    void createTree();
    void createTreemap();
    QWidget *createTreemapBox();
    void setVisualTabOrder();
    void restoreSettings();
    void saveSettings() const;

    void onBatch(const QList<CachedRepoPtr> &batch);
    void onScanFinished(const CacheSnapshotPtr &snapshot);
    void onScanFailed(const QString &message);
    void onRepoChanged(const QByteArray &folderName, const CachedRepoPtr &repo);
    void cancelScan();
    void onSelectionChanged();
    void onTreemapClicked(const NodeRef &ref);
    void showDetailsOfCurrent();
    QModelIndex selectedCurrentIndex() const;  // the current row when it is selected
    void updateTotals();
    void updateTreemap();
    void updateBreadcrumb(const NodeRef &zoom);
    void showLayout(bool localDir);
    void showHeaderMenu(const QPoint &pos);
    void showContextMenu(const QPoint &pos);
    void chooseRootFolder();
    void openInFileManager();
    void copyPath();
    void copyRepoId();
    void applyTypeFilter();

    CacheTreeModel *m_model;
    CacheFilterModel *m_proxy;
    CacheScanner m_scanner;
    CacheSnapshotPtr m_snapshot;
    CacheWatcher *m_watcher;
    ActionRegistry *m_actions;
    MainWindowHost *m_host;

    QTreeView *m_tree = nullptr;
    TreemapView *m_treemap = nullptr;
    QLabel *m_breadcrumb = nullptr;  // the treemap's zoom path
    DetailsPane *m_details = nullptr;
    CacheStatusBar *m_status = nullptr;
    QSplitter *m_vertical = nullptr;
    QSplitter *m_horizontal = nullptr;
    CacheBanner *m_banner = nullptr;
    QTabWidget *m_views = nullptr;      // the hub browser first, then the features' views
    QWidget *m_browserView = nullptr;
    QList<QPointer<QDockWidget>> m_panesHiddenForViews;  // shown again with the browser
    QLineEdit *m_filter = nullptr;
    QComboBox *m_typeFilter = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_editMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QTimer m_filterDelay;
    QToolBar *m_toolBar = nullptr;
    QAction *m_itemActionsEnd = nullptr;

    QAction *m_openRoot = nullptr;
    QAction *m_openDemo = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_find = nullptr;
    QAction *m_showDetails = nullptr;
    QAction *m_openInFileManager = nullptr;
    QAction *m_copyPath = nullptr;
    QAction *m_copyRepoId = nullptr;
    QAction *m_toggleTreemap = nullptr;
    QAction *m_toggleDetails = nullptr;
    QAction *m_cushion = nullptr;
    QAction *m_zoomIn = nullptr;
    QAction *m_zoomOut = nullptr;
    QAction *m_zoomReset = nullptr;

    LatestResult m_rootChecks;  // why a root failed to scan, for the root shown now
    QList<NodeRef> m_keepSelection;  // reselected when the rescan of the same root finishes
    QByteArray m_root;
    bool m_isDemo = false;
    bool m_syncingSelection = false;
    bool m_firstBatchSeen = false;
    QElapsedTimer m_scanClock;
};

} // namespace hfcache
