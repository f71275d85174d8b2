// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HomeListing.h"
#include "HomeNode.h"

#include "common/LatestResult.h"

#include <QTimer>
#include <QWidget>

#include <atomic>
#include <memory>
#include <mutex>

class QAction;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTableView;
class QTreeView;
class QTreeWidget;

namespace hfcache {

class DatasetExportAction;
class HomeCleanController;
class HomeDetailsPane;
class HomeRepairActions;
class HomeTreeModel;
class KindFindingsModel;
class KindLocksModel;
class KindTreemapView;
class WindowHost;

// The window's view of every Hugging Face cache under HF_HOME (the "Every cache" tab beside the
// hub browser): one row per cache kind expanding into its items and their entries, the details
// of the selected row, and below it the selected kind's treemap, owners, lock files and problems.
// The scan (HomeScan) and the listing's sorting run on the thread pool when the view is first
// shown and on Rescan: every cache's row shows at once and is filled as its scan ends (a
// datasets cache of a million files takes seconds, the others milliseconds). The hub cache's
// row opens the hub browser on that folder.
class HomeView : public QWidget
{
    Q_OBJECT
public:
    explicit HomeView(WindowHost &host);
    ~HomeView() override;

    // Scans every cache again (the environment is read anew: HF_HOME and friends).
    void rescan();
    HomeListingPtr listing() const { return m_listing; }
    // The selected rows, the current one first.
    QList<HomeNode> selectedNodes() const;
    // An action on the selected rows: a button in the header and an entry of the context menu.
    void addRowAction(QAction *action);
    QTreeView *tree() const { return m_tree; }

Q_SIGNALS:
    void firstRowsShown();  // a scan's first listing: every cache's row, those not scanned yet say so
    void scanFinished();
    void selectionChanged();

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *createHeader();
    void createTree();
    QTabWidget *createBelow();
    void showListing(const HomeListingPtr &listing);
    void showProgress();
    void onCurrentChanged();
    void showKindBelow(int kind);
    void selectGroup(int kind, qint32 group);
    void openHubBrowser();
    void showContextMenu(const QPoint &pos);
    HomeNode currentNode() const;
    // The full path of a kind's root, an item's folder or an entry.
    QByteArray absolutePath(const HomeNode &node) const;

    WindowHost &m_host;
    HomeTreeModel *m_model;
    KindLocksModel *m_locks;
    KindFindingsModel *m_findings;
    HomeRepairActions *m_repair;     // Repair Cache… and Repair HF_HOME…
    // Clean… and Delete…; deleted first in ~HomeView: it filters this widget's events, and
    // ~QWidget still sends some (Hide, ChildRemoved) when this is no longer a HomeView.
    HomeCleanController *m_clean = nullptr;
    DatasetExportAction *m_export;   // Export… of a datasets builder
    QLabel *m_summary = nullptr;
    QPushButton *m_rescan = nullptr;
    QPushButton *m_openHub = nullptr;
    QHBoxLayout *m_rowActionButtons = nullptr;
    QList<QAction *> m_rowActions;
    QTreeView *m_tree = nullptr;
    HomeDetailsPane *m_details = nullptr;
    QTabWidget *m_below = nullptr;
    KindTreemapView *m_treemap = nullptr;
    QTreeWidget *m_owners = nullptr;
    QTableView *m_lockTable = nullptr;
    QTableView *m_findingTable = nullptr;

    // The listing of the scan so far: written by the scan's thread, taken by m_progressTimer.
    struct Progress
    {
        std::mutex mutex;
        HomeListingPtr latest;
    };

    HomeListingPtr m_listing;
    LatestResult m_scans;
    std::shared_ptr<Progress> m_progress;  // of the scan in flight
    QTimer m_progressTimer;
    bool m_firstRowsShown = false;
    std::shared_ptr<std::atomic_bool> m_cancel;  // of the scan in flight
    int m_shownKind = -1;
    bool m_everScanned = false;
};

} // namespace hfcache
