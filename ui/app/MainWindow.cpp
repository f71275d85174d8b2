// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "MainWindow.h"

#include "CacheBanner.h"
#include "MainWindowHost.h"
#include "RecentRootsMenu.h"
#include "WindowFeatures.h"
#include "AboutDialog.h"

#include "browser/CacheStatusBar.h"
#include "browser/DetailsPane.h"
#include "common/FolderOpener.h"
#include "GuiLog.h"
#include "browser/SizeBarDelegate.h"
#include "browser/TreemapView.h"
#include "common/BackgroundTask.h"
#include "browser/CacheFilterModel.h"
#include "browser/CacheTreeModel.h"
#include "browser/CacheWatcher.h"
#include "common/ItemIcons.h"
#include "localdir/LocalDirList.h"

#include "audit/CacheAudit.h"
#include "cache/CacheLocations.h"
#include "cache/DemoCache.h"
#include "util/HumanFormat.h"
#include "util/PathText.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QTreeView>

namespace hfcache {

namespace {

QString displayRoot(const QByteArray &root)
{
    return PathText::display(root);
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_model(new CacheTreeModel(this))
    , m_proxy(new CacheFilterModel(m_model, this))
    , m_watcher(new CacheWatcher(this))
    , m_actions(new ActionRegistry(this))
    , m_host(new MainWindowHost(*this))
{
    setWindowTitle(tr("Hugging Face Cache"));
    setWindowIcon(ItemIcons::named(QStringLiteral("app/hfcache")));
    createActions();
    createCentralWidget();
    createMenus();
    createToolBar();
    m_status = new CacheStatusBar(this);
    m_status->setObjectName(QStringLiteral("cacheStatusBar"));
    setStatusBar(m_status);
    connect(m_status, &CacheStatusBar::cancelRequested, this, &MainWindow::cancelScan);

    m_scanner.setBatchInterval(100);  // the first rows show up sooner; later batches stay cheap
    connect(&m_scanner, &CacheScanner::reposScanned, this, &MainWindow::onBatch);
    connect(&m_scanner, &CacheScanner::repoCountKnown, m_status, &CacheStatusBar::setExpectedRepos);
    connect(&m_scanner, &CacheScanner::progress, m_status, &CacheStatusBar::setScanning);
    connect(&m_scanner, &CacheScanner::finished, this, &MainWindow::onScanFinished);
    connect(&m_scanner, &CacheScanner::failed, this, &MainWindow::onScanFailed);
    connect(m_watcher, &CacheWatcher::repoChanged, this, &MainWindow::onRepoChanged);
    installWindowFeatures(*m_host);
    setVisualTabOrder();
    restoreSettings();
    updateTotals();
}

MainWindow::~MainWindow()
{
    m_scanner.cancel();
}

// Tab follows what the eye does: the toolbar's filters, the bar's buttons, the tree, the details,
// the treemap, then the panes below (the toolbar is made after the views, so the creation order
// would start at the tree and reach the filters last).
void MainWindow::setVisualTabOrder()
{
    QList<QWidget *> order{m_filter, m_typeFilter};
    for (QPushButton *button : m_banner->findChildren<QPushButton *>(Qt::FindDirectChildrenOnly))
        order << button;
    order << m_tree << m_details << m_treemap;
    for (qsizetype i = 1; i < order.size(); ++i)
        setTabOrder(order.at(i - 1), order.at(i));
}

void MainWindow::createActions()
{
    const auto make = [this](const QString &text, const QString &icon, const QKeySequence &shortcut) {
        auto *action = new QAction(text, this);
        if (!icon.isEmpty())
            action->setIcon(ItemIcons::named(icon));
        if (!shortcut.isEmpty())
            action->setShortcut(shortcut);
        return action;
    };
    m_openRoot = make(tr("&Open Cache Folder…"), QStringLiteral("folder-open"), QKeySequence::Open);
    connect(m_openRoot, &QAction::triggered, this, &MainWindow::chooseRootFolder);
    m_openDemo = make(tr("Open &Demo Cache"), QStringLiteral("app/hfcache"), {});
    connect(m_openDemo, &QAction::triggered, this, &MainWindow::openDemoCache);
    m_refresh = make(tr("&Refresh"), QStringLiteral("refresh"), QKeySequence::Refresh);
    connect(m_refresh, &QAction::triggered, this, &MainWindow::refresh);
    m_quit = make(tr("&Quit"), {}, QKeySequence::Quit);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);
    m_find = make(tr("&Filter…"), QStringLiteral("edit-find"), QKeySequence::Find);
    connect(m_find, &QAction::triggered, this, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    m_showDetails = make(tr("Show &Details"), QStringLiteral("view-details"), {});
    connect(m_showDetails, &QAction::triggered, this, [this] {
        m_details->show();
        m_toggleDetails->setChecked(true);
        showDetailsOfCurrent();
        m_details->setFocus(Qt::OtherFocusReason);
    });
    m_openInFileManager = make(tr("Open in &File Manager"), QStringLiteral("folder-open"), {});
    connect(m_openInFileManager, &QAction::triggered, this, &MainWindow::openInFileManager);
    m_copyPath = make(tr("Copy &Path"), QStringLiteral("edit-copy"), QKeySequence(tr("Ctrl+Shift+C")));
    connect(m_copyPath, &QAction::triggered, this, &MainWindow::copyPath);
    m_copyRepoId = make(tr("Copy &Repo ID"), QStringLiteral("edit-copy"), QKeySequence(tr("Ctrl+Alt+C")));
    connect(m_copyRepoId, &QAction::triggered, this, &MainWindow::copyRepoId);
    m_toggleTreemap = make(tr("&Treemap"), QStringLiteral("view-treemap"), QKeySequence(Qt::Key_F9));
    m_toggleTreemap->setCheckable(true);
    m_toggleDetails = make(tr("De&tails Pane"), QStringLiteral("view-details"), QKeySequence(Qt::Key_F4));
    m_toggleDetails->setCheckable(true);
    m_cushion = make(tr("&Cushion Shading"), {}, {});
    m_cushion->setCheckable(true);
    m_cushion->setChecked(true);
    m_zoomIn = make(tr("Zoom &In"), QStringLiteral("zoom-in"), QKeySequence::ZoomIn);
    m_zoomOut = make(tr("Zoom &Out"), QStringLiteral("zoom-out"), QKeySequence::ZoomOut);
    m_zoomReset = make(tr("&Whole Cache"), {}, QKeySequence(tr("Ctrl+0")));

    using Group = ActionRegistry::Group;
    const auto localDirToo = ActionRegistry::LocalDir;
    m_actions->add(m_showDetails, ActionRegistry::AnyItem | localDirToo, Group::Open);
    m_actions->add(m_openInFileManager, ActionRegistry::AnyItem | localDirToo, Group::Open);
    m_actions->add(m_copyPath, ActionRegistry::AnyItem | localDirToo, Group::Copy);
    m_actions->add(m_copyRepoId, ActionRegistry::AnyItem | localDirToo, Group::Copy);
    m_actions->add(m_refresh, ActionRegistry::NoItem | ActionRegistry::AnyItem | localDirToo, Group::View);
    for (QAction *action : {m_showDetails, m_openInFileManager, m_copyPath, m_copyRepoId, m_refresh, m_find})
        action->setShortcutContext(Qt::WindowShortcut);
}

void MainWindow::createCentralWidget()
{
    createTree();
    m_details = new DetailsPane(this);
    m_details->setObjectName(QStringLiteral("details"));
    createTreemap();

    m_horizontal = new QSplitter(Qt::Horizontal, this);
    m_horizontal->addWidget(m_tree);
    m_horizontal->addWidget(m_details);
    m_horizontal->setStretchFactor(0, 3);
    m_horizontal->setStretchFactor(1, 1);
    m_horizontal->setSizes({960, 300});
    m_vertical = new QSplitter(Qt::Vertical, this);
    m_vertical->addWidget(m_horizontal);
    QWidget *treemapBox = createTreemapBox();
    m_vertical->addWidget(treemapBox);
    m_vertical->setStretchFactor(0, 3);
    m_vertical->setStretchFactor(1, 2);
    m_vertical->setSizes({480, 320});
    m_toggleTreemap->setChecked(true);
    m_toggleDetails->setChecked(true);
    connect(m_toggleTreemap, &QAction::toggled, treemapBox, &QWidget::setVisible);
    connect(m_toggleDetails, &QAction::toggled, m_details, &QWidget::setVisible);

    // An inline message for "no cache here", "this is the demo" and a root the user may not open.
    m_banner = new CacheBanner(this);
    connect(m_banner, &CacheBanner::demoRequested, this, &MainWindow::openDemoCache);
    connect(m_banner, &CacheBanner::openFolderRequested, this, &MainWindow::chooseRootFolder);
    connect(m_banner, &CacheBanner::repairRequested, this, [this] {
        if (auto *repair = findChild<QAction *>(QStringLiteral("repairAction")))
            repair->trigger();
    });

    m_browserView = new QWidget(this);
    m_browserView->setObjectName(QStringLiteral("hubBrowserView"));
    auto *layout = new QVBoxLayout(m_browserView);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_vertical, 1);
    // The hub browser is one view; features add others (every cache under HF_HOME) as tabs.
    m_views = new QTabWidget(this);
    m_views->setObjectName(QStringLiteral("views"));
    m_views->setDocumentMode(true);
    m_views->addTab(m_browserView, tr("Hub Cache"));
    m_views->tabBar()->setObjectName(QStringLiteral("viewTabs"));
    connect(m_views, &QTabWidget::currentChanged, this, &MainWindow::onViewChanged);
    setCentralWidget(m_views);
}

void MainWindow::addView(QWidget *view, const QString &title)
{
    m_views->addTab(view, title);
}

// The filters and the panes docked under the browser (ownership, locks) are the hub cache's:
// while another view is in front the filters are off and the panes make room, and they come back
// as they were with the browser.
void MainWindow::onViewChanged()
{
    const bool browser = m_views->currentWidget() == m_browserView;
    m_actions->setSelectionInSight(browser);
    for (QWidget *widget : {static_cast<QWidget *>(m_filter), static_cast<QWidget *>(m_typeFilter)})
        widget->setEnabled(browser);
    if (!browser && m_panesHiddenForViews.isEmpty()) {
        for (QDockWidget *dock : findChildren<QDockWidget *>()) {
            if (dock->isVisible()) {
                m_panesHiddenForViews << dock;
                dock->hide();
            }
        }
    } else if (browser) {
        for (QDockWidget *dock : std::exchange(m_panesHiddenForViews, {})) {
            if (dock)
                dock->show();
        }
    }
}

// The repos and their revisions, folders and files, sorted by size, with the state columns first.
void MainWindow::createTree()
{
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("cacheTree"));
    m_tree->setModel(m_proxy);
    m_tree->setAccessibleName(tr("Cached repos"));
    m_tree->setUniformRowHeights(true);  // lets the view skip measuring 2,000 rows
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(CacheTreeModel::SizeOnDiskColumn, Qt::DescendingOrder);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setItemDelegateForColumn(CacheTreeModel::SizeOnDiskColumn, new SizeBarDelegate(m_tree));
    m_tree->header()->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->setSectionsMovable(true);
    m_tree->header()->setFirstSectionMovable(false);
    const std::pair<int, int> widths[] = {
        {CacheTreeModel::NameColumn, 220},         {CacheTreeModel::SizeOnDiskColumn, 130},
        {CacheTreeModel::ApparentSizeColumn, 95},  {CacheTreeModel::FilesColumn, 50},
        {CacheTreeModel::RevisionsColumn, 72},     {CacheTreeModel::RefsColumn, 140},
        {CacheTreeModel::LastAccessedColumn, 100}, {CacheTreeModel::LastModifiedColumn, 100},
        {CacheTreeModel::OwnerColumn, 70},         {CacheTreeModel::StatusColumn, 100},
        {CacheTreeModel::UpdatesColumn, 130},
    };
    for (const auto &[column, width] : widths)
        m_tree->setColumnWidth(column, width);
    // "a few seconds ago", the longest relative time, is not cut.
    m_tree->setColumnWidth(CacheTreeModel::LastAccessedColumn,
                           std::max(100, m_tree->fontMetrics().horizontalAdvance(HumanFormat::timeSince(1, 1)) + 16));
    // First run: what tells the state of a repo comes right after its size, so it is on screen
    // in a small window too; the other columns follow (the header's menu and drag change it).
    const int firstRunOrder[] = {CacheTreeModel::StatusColumn, CacheTreeModel::UpdatesColumn,
                                 CacheTreeModel::LastAccessedColumn, CacheTreeModel::RevisionsColumn,
                                 CacheTreeModel::RefsColumn};
    for (int i = 0; i < int(std::size(firstRunOrder)); ++i)
        m_tree->header()->moveSection(m_tree->header()->visualIndex(firstRunOrder[i]), 2 + i);
    connect(m_tree->header(), &QWidget::customContextMenuRequested, this, &MainWindow::showHeaderMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &MainWindow::showContextMenu);
    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::onSelectionChanged);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::onSelectionChanged);
    connect(m_tree, &QTreeView::activated, this, [this] { m_showDetails->trigger(); });
}

void MainWindow::createTreemap()
{
    m_treemap = new TreemapView(this);
    m_treemap->setObjectName(QStringLiteral("treemap"));
    m_treemap->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_treemap, &QWidget::customContextMenuRequested, this, &MainWindow::showContextMenu);
    connect(m_treemap, &TreemapView::clicked, this, &MainWindow::onTreemapClicked);
    connect(m_treemap, &TreemapView::activated, this, [this] { m_showDetails->trigger(); });
    connect(m_zoomIn, &QAction::triggered, m_treemap, &TreemapView::zoomIn);
    connect(m_zoomOut, &QAction::triggered, m_treemap, &TreemapView::zoomOut);
    connect(m_zoomReset, &QAction::triggered, m_treemap, &TreemapView::resetZoom);
    connect(m_cushion, &QAction::toggled, this, [this](bool on) {
        m_treemap->setShading(on ? TreemapLayout::Shading::Cushion : TreemapLayout::Shading::Flat);
    });
}

// The treemap under the path of its zoom (Cache › repo › revision), each step a link back.
QWidget *MainWindow::createTreemapBox()
{
    m_breadcrumb = new QLabel(this);
    m_breadcrumb->setObjectName(QStringLiteral("treemapBreadcrumb"));
    m_breadcrumb->setAccessibleName(tr("Treemap zoom path"));
    m_breadcrumb->setTextFormat(Qt::RichText);
    m_breadcrumb->setContentsMargins(6, 2, 6, 2);
    connect(m_breadcrumb, &QLabel::linkActivated, this, [this](const QString &link) {
        m_treemap->setZoomRoot(link == QLatin1String("cache")
                                   ? NodeRef{}
                                   : NodeRef{NodeRef::Kind::Repo, m_treemap->zoomRoot().folderName, {}, {}});
    });
    connect(m_treemap, &TreemapView::zoomRootChanged, this, &MainWindow::updateBreadcrumb);
    updateBreadcrumb({});
    auto *treemapBox = new QWidget(this);
    auto *treemapLayout = new QVBoxLayout(treemapBox);
    treemapLayout->setContentsMargins(0, 0, 0, 0);
    treemapLayout->setSpacing(0);
    treemapLayout->addWidget(m_breadcrumb);
    treemapLayout->addWidget(m_treemap, 1);
    return treemapBox;
}

void MainWindow::createMenus()
{
    QMenu *file = m_fileMenu = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openRoot);
    auto *recent = new RecentRootsMenu(file);
    connect(recent, &RecentRootsMenu::openRequested, this, [this](const QByteArray &root) { openRoot(root); });
    file->addMenu(recent);
    file->addAction(m_openDemo);
    file->addSeparator();
    file->addAction(m_quit);

    QMenu *edit = m_editMenu = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_copyPath);
    edit->addAction(m_copyRepoId);
    edit->addSeparator();
    edit->addAction(m_find);

    QMenu *view = m_viewMenu = menuBar()->addMenu(tr("&View"));
    view->addAction(m_refresh);
    view->addSeparator();
    view->addAction(m_toggleTreemap);
    view->addAction(m_toggleDetails);
    view->addSeparator();
    view->addAction(m_cushion);
    view->addAction(m_zoomIn);
    view->addAction(m_zoomOut);
    view->addAction(m_zoomReset);

    // Later features put their item actions (Export…, Repair…, Delete) into the registry's
    // Manage group; the Repo menu shows whatever is registered.
    QMenu *repo = menuBar()->addMenu(tr("&Repo"));
    connect(repo, &QMenu::aboutToShow, this, [this, repo] {
        repo->clear();
        m_actions->populate(repo);
    });

    QMenu *help = m_helpMenu = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About hfcache"), this, [this] { AboutDialog(this).exec(); });
}

void MainWindow::createToolBar()
{
    QToolBar *bar = m_toolBar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    // Low priority: icon only (the text is the tooltip), so the item actions features add after
    // the first separator (Export…) fit an 800 px window instead of hiding behind the chevron.
    for (QAction *action : {m_refresh, m_zoomOut, m_toggleTreemap, m_toggleDetails})
        action->setPriority(QAction::LowPriority);
    bar->addAction(m_openRoot);
    bar->addAction(m_refresh);
    bar->addSeparator();
    m_itemActionsEnd = bar->addSeparator();
    m_filter = new QLineEdit(bar);
    m_filter->setPlaceholderText(tr("Filter by repo or file name (Ctrl+F)"));
    m_filter->setAccessibleName(tr("Filter"));
    m_filter->setObjectName(QStringLiteral("filter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(ItemIcons::named(QStringLiteral("edit-find")), QLineEdit::LeadingPosition)->setText(tr("Filter"));
    m_filter->setMinimumWidth(160);
    bar->addWidget(m_filter);
    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(150);
    connect(m_filter, &QLineEdit::textChanged, &m_filterDelay, qOverload<>(&QTimer::start));
    connect(&m_filterDelay, &QTimer::timeout, this, [this] {
        m_proxy->setFilterText(m_filter->text());
        updateTreemap();
        if (!m_filter->text().trimmed().isEmpty() && m_proxy->rowCount() <= 3)
            m_tree->expandToDepth(0);
    });
    m_typeFilter = new QComboBox(bar);
    m_typeFilter->setAccessibleName(tr("Repo type"));
    m_typeFilter->addItem(tr("All types"), -1);
    for (RepoType type : {RepoType::Model, RepoType::Dataset, RepoType::Space, RepoType::Kernel})
        m_typeFilter->addItem(ItemIcons::repoType(type), repoTypeFolderPrefix(type).replace(0, 1, repoTypeFolderPrefix(type).at(0).toUpper()), int(type));
    // As wide as its longest entry ("Datasets"), whatever room the toolbar has left: the filter
    // line edit gives way instead.
    m_typeFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_typeFilter->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_typeFilter->setObjectName(QStringLiteral("typeFilter"));
    connect(m_typeFilter, &QComboBox::currentIndexChanged, this, &MainWindow::applyTypeFilter);
    bar->addWidget(m_typeFilter);
    bar->addSeparator();
    bar->addAction(m_zoomOut);
    bar->addAction(m_toggleTreemap);
    bar->addAction(m_toggleDetails);
}

void MainWindow::applyTypeFilter()
{
    const int type = m_typeFilter->currentData().toInt();
    m_proxy->setRepoTypes(type < 0 ? QSet<RepoType>() : QSet<RepoType>{RepoType(type)});
    updateTreemap();
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    m_vertical->restoreState(settings.value(QStringLiteral("window/vertical")).toByteArray());
    m_horizontal->restoreState(settings.value(QStringLiteral("window/horizontal")).toByteArray());
    const QByteArray header = settings.value(QStringLiteral("window/treeHeader")).toByteArray();
    if (!header.isEmpty())
        m_tree->header()->restoreState(header);
    m_toggleTreemap->setChecked(settings.value(QStringLiteral("window/treemap"), true).toBool());
    m_toggleDetails->setChecked(settings.value(QStringLiteral("window/details"), true).toBool());
    m_cushion->setChecked(settings.value(QStringLiteral("window/cushion"), true).toBool());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/vertical"), m_vertical->saveState());
    settings.setValue(QStringLiteral("window/horizontal"), m_horizontal->saveState());
    settings.setValue(QStringLiteral("window/treeHeader"), m_tree->header()->saveState());
    settings.setValue(QStringLiteral("window/treemap"), m_toggleTreemap->isChecked());
    settings.setValue(QStringLiteral("window/details"), m_toggleDetails->isChecked());
    settings.setValue(QStringLiteral("window/cushion"), m_cushion->isChecked());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::openRoot(const QByteArray &root, bool isDemo)
{
    const bool sameRoot = root == m_root;
    m_rootChecks.invalidate();
    m_root = root;
    m_isDemo = isDemo;
    if (!sameRoot) {
        // Nothing of the old cache may stay actionable: a model reset clears the view's
        // selection without a signal, so the actions, details and panes are reset here.
        m_snapshot.reset();
        m_keepSelection.clear();
        m_model->clear();
        clearSelection();
        m_treemap->setRepos({});
        m_treemap->resetZoom();
        m_watcher->setRoot(root);
        if (root != demoCacheDir())
            RecentRootsMenu::remember(root);
        Q_EMIT rootChanged(root);
    }
    setWindowTitle(tr("%1 — Hugging Face Cache").arg(displayRoot(root)));
    if (isDemo) {
        m_banner->showMessage(tr("This is the demo cache in %1, written by hfcache to show what the browser does. "
                      "It is not your Hugging Face cache.").arg(displayRoot(root)));
    } else {
        m_banner->hide();
    }
    m_firstBatchSeen = false;
    m_scanClock.start();
    m_status->setExpectedRepos(0);
    m_status->setScanning(0);
    m_status->refreshFreeSpace(root);
    qCDebug(lcGui) << "scanning" << root << (m_isDemo ? "(demo cache)" : "");
    // A folder the user added as a local_dir stays one even without its .cache/huggingface/.
    m_scanner.start(root, LocalDirList::contains(root) ? CacheScanner::Layout::LocalDir : CacheScanner::Layout::Detect);
}

void MainWindow::refresh()
{
    if (m_root.isEmpty())
        return;
    // The current row first: it becomes current again.
    QList<NodeRef> keep;
    if (const NodeRef current = currentRef(); current.isValid())
        keep << current;
    for (const QModelIndex &row : m_tree->selectionModel()->selectedRows()) {
        const NodeRef ref = m_model->nodeRef(m_proxy->mapToSource(row));
        if (!keep.contains(ref))
            keep << ref;
    }
    openRoot(m_root, m_isDemo);
    m_keepSelection = keep;
}

void MainWindow::cancelScan()
{
    if (!m_scanner.isRunning())
        return;
    m_scanner.cancel();
    m_status->setIdle(tr("Scan cancelled: showing the %n repo(s) found so far", nullptr, m_model->repoCount()));
}

void MainWindow::onBatch(const QList<CachedRepoPtr> &batch)
{
    m_model->addRepos(batch);
    if (!m_firstBatchSeen)
        showLayout(!batch.isEmpty() && batch.first()->isLocalDir);
    m_watcher->watchRepos(batch);
    updateTreemap();
    updateTotals();
    if (!m_firstBatchSeen) {
        m_firstBatchSeen = true;
        Q_EMIT firstReposShown();
    }
}

void MainWindow::onScanFinished(const CacheSnapshotPtr &snapshot)
{
    qCDebug(lcGui) << "scan of" << snapshot->root << "finished:" << snapshot->repos.size() << "repos in" << m_scanClock.elapsed() << "ms";
    m_snapshot = snapshot;
    m_model->retainOnly(snapshot->repos);
    updateTreemap();
    updateTotals();
    showLayout(snapshot->isLocalDir());
    m_status->setIdle((snapshot->isLocalDir() ? tr("Scanned the local_dir folder in %1; watching for changes")
                                              : tr("Scanned %n repo(s) in %1; watching for changes", nullptr,
                                                   int(snapshot->repos.size())))
                          .arg(HumanFormat::duration(m_scanClock.elapsed())));
    if (snapshot->repos.isEmpty() && !m_isDemo) {
        m_banner->showMessage(tr("There are no cached repos in %1. Open another cache folder, or look around in a demo cache.")
                       .arg(displayRoot(m_root)), CacheBanner::Offer::Demo);
    }
    // F5, a fetch or a repair rescan: the rows were rebuilt, the user's selection is kept.
    const QList<NodeRef> keep = std::exchange(m_keepSelection, {});
    for (const NodeRef &ref : keep) {
        const QModelIndex index = m_proxy->mapFromSource(m_model->indexOf(ref));
        if (!index.isValid())
            continue;
        for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
            m_tree->expand(parent);
        m_tree->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        if (ref == keep.first())
            m_tree->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    }
    if (!selectedCurrentIndex().isValid())
        m_details->showSummary(m_root, m_model->repoCount(), m_model->totalSizeOnDisk());
    Q_EMIT scanFinished();
}

void MainWindow::onScanFailed(const QString &message)
{
    qCDebug(lcGui) << "scan of" << m_root << "failed:" << message;
    showLayout(false);
    m_model->clear();
    m_treemap->setRepos({});
    updateTotals();
    m_status->setIdle(tr("Cannot scan: %1").arg(message));
    // A root the user may not open is a cache all the same: explain it as doctor does (the
    // audit's why-path) and offer the repair, which plans from the root-only snapshot.
    struct Denied
    {
        CacheSnapshotPtr snapshot;
        WhyPath why;
        QString user;
    };
    const QByteArray root = m_root;
    m_rootChecks.run(this, [root] {
        Denied denied;
        CacheAudit audit;
        QString error;
        if (audit.prepare(root, {}, &error) && (denied.snapshot = audit.deniedRoot())) {
            const AuditReport report = audit.finish(*denied.snapshot, {});
            denied.why = report.rootReadDenial;
            denied.user = report.user.name;
        }
        return denied;
    }, [this, root, message](const Denied &denied) {
        if (denied.snapshot) {
            m_snapshot = denied.snapshot;
            m_banner->showDenied(denied.user, displayRoot(root), denied.why.lines());
        } else {
            m_banner->showMessage(tr("No Hugging Face cache here: %1. Open another cache folder, or look around in a demo cache.")
                           .arg(message), CacheBanner::Offer::Demo);
        }
        Q_EMIT scanFinished();
    });
}

void MainWindow::onRepoChanged(const QByteArray &folderName, const CachedRepoPtr &repo)
{
    // The rows below a rescanned repo are rebuilt: keep the user's place by reference.
    const NodeRef current = currentRef();
    m_model->replaceRepo(folderName, repo);
    updateTreemap();
    updateTotals();
    if (current.isValid() && current.folderName == folderName) {
        select(current);
        onSelectionChanged();  // details and actions must not show the old value
    }
    m_status->refreshFreeSpace(m_root);
}

void MainWindow::updateTreemap()
{
    // The treemap shows what the tree shows: a repo the filters hide has no tile to click.
    QList<CachedRepoPtr> repos;
    repos.reserve(m_proxy->rowCount());
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        if (CachedRepoPtr repo = m_model->repoAt(m_proxy->mapToSource(m_proxy->index(row, 0))))
            repos << repo;
    }
    m_treemap->setRepos(repos);
}

void MainWindow::updateBreadcrumb(const NodeRef &zoom)
{
    const auto link = [](const QString &href, const QString &text) {
        return QStringLiteral("<a href=\"%1\">%2</a>").arg(href, text.toHtmlEscaped());
    };
    const auto current = [](const QString &text) { return QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()); };
    const QString separator = QStringLiteral(" › ");
    const QString cache = tr("Whole cache");
    if (!zoom.isValid()) {
        m_breadcrumb->setText(current(cache));
        return;
    }
    const CachedRepoPtr repo = m_model->repoAt(m_model->indexOf({NodeRef::Kind::Repo, zoom.folderName, {}, {}}));
    const QString repoName = repo ? repo->cacheId() : PathText::display(zoom.folderName);
    QString text = link(QStringLiteral("cache"), cache) + separator;
    if (zoom.kind == NodeRef::Kind::Repo)
        text += current(repoName);
    else
        text += link(QStringLiteral("repo"), repoName) + separator + current(QString::fromLatin1(zoom.commit.left(12)));
    m_breadcrumb->setText(text);
    m_breadcrumb->setToolTip(tr("Backspace zooms out one level, Escape to the whole cache"));
}

void MainWindow::updateTotals()
{
    m_status->setTotals(m_model->repoCount(), m_model->totalSizeOnDisk());
}

QByteArray MainWindow::demoCacheDir()
{
    return QFile::encodeName(QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)
                             + QStringLiteral("/hfcache/demo-cache"));
}

void MainWindow::openDemoCache()
{
    const QByteArray dir = demoCacheDir();
    m_status->setIdle(tr("Writing the demo cache to %1…").arg(displayRoot(dir)));
    const auto write = [dir] {
        QString error;
        if (QDir(QFile::decodeName(dir)).exists(QStringLiteral("CACHEDIR.TAG")))
            return error;  // written before
        if (!DemoCache::write(dir, &error) && error.isEmpty())
            error = QStringLiteral("cannot write the demo cache");
        return error;
    };
    runInBackground(this, write, [this, dir](const QString &error) {
        if (!error.isEmpty()) {
            m_status->setIdle(error);
            m_banner->showMessage(tr("Cannot write the demo cache: %1").arg(error));
            return;
        }
        openRoot(dir, true);
    });
}

// A local_dir folder is one repo of plain files: the cache-only actions are off and a banner
// says what it is (openRoot() hid the banner of the previous root).
void MainWindow::showLayout(bool localDir)
{
    m_actions->setLocalDir(localDir);
    if (localDir) {
        m_banner->showMessage(tr("%1 is a local_dir download folder (written by “hf download --local-dir”), not a hub cache: it is "
                      "shown as one repo of plain files. Delete, prune, repair and updates work on hub caches only.")
                       .arg(displayRoot(m_root)));
    }
}

void MainWindow::chooseRootFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Cache Folder"), QFile::decodeName(m_root));
    if (!dir.isEmpty())
        openRoot(QFile::encodeName(dir));
}

void MainWindow::showHeaderMenu(const QPoint &pos)
{
    QHeaderView *header = m_tree->header();
    QMenu menu(this);
    for (int column = CacheTreeModel::NameColumn + 1; column < CacheTreeModel::ColumnCount; ++column) {
        QAction *action = menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        connect(action, &QAction::toggled, this, [this, header, column](bool on) {
            header->setSectionHidden(column, !on);
            saveSettings();
        });
    }
    menu.addSeparator();
    menu.addAction(tr("Resize Columns to Contents"), this, [this] {
        for (int column = 0; column < CacheTreeModel::ColumnCount; ++column)
            m_tree->resizeColumnToContents(column);
    });
    menu.exec(header->mapToGlobal(pos));
}

void MainWindow::showContextMenu(const QPoint &pos)
{
    // The menu acts on what was clicked, or on nothing: never on a selection made elsewhere.
    QWidget *source = qobject_cast<QWidget *>(sender());
    if (source == m_treemap) {
        if (!select(m_treemap->refAt(pos)))
            clearSelection();
    } else if (!m_tree->indexAt(pos).isValid()) {
        clearSelection();
    }
    QMenu menu(this);
    m_actions->populate(&menu);
    if (source == m_treemap) {
        menu.addSeparator();
        menu.addAction(m_zoomIn);
        menu.addAction(m_zoomOut);
        menu.addAction(m_zoomReset);
    }
    const QPoint global = source == m_tree ? m_tree->viewport()->mapToGlobal(pos) : source->mapToGlobal(pos);
    menu.exec(global);
}

NodeRef MainWindow::currentRef() const
{
    return m_model->nodeRef(m_proxy->mapToSource(selectedCurrentIndex()));
}

bool MainWindow::select(const NodeRef &ref)
{
    const QModelIndex source = m_model->indexOf(ref);
    const QModelIndex index = m_proxy->mapFromSource(source);
    if (!ref.isValid() || !index.isValid())
        return false;
    for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
        m_tree->expand(parent);
    m_tree->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_tree->scrollTo(index);
    return true;
}

void MainWindow::clearSelection()
{
    m_tree->selectionModel()->clear();
    onSelectionChanged();  // also when the selection was already empty: a model reset clears it silently
}

WindowHost *MainWindow::host() const
{
    return m_host;
}

void MainWindow::onTreemapClicked(const NodeRef &ref)
{
    m_syncingSelection = true;
    const bool shown = select(ref);
    m_syncingSelection = false;
    if (!shown)
        clearSelection();  // a file tile the filter hides in the tree: nothing to act on
}

void MainWindow::onSelectionChanged()
{
    QList<ActionRegistry::Item> items;
    const QModelIndexList rows = m_tree->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows) {
        const QModelIndex source = m_proxy->mapToSource(row);
        items << ActionRegistry::Item{m_model->nodeRef(source), m_model->repoAt(source), m_model->absolutePath(source)};
    }
    m_actions->setSelection(items);
    if (!m_syncingSelection)
        m_treemap->setSelected(currentRef());
    showDetailsOfCurrent();
}

QModelIndex MainWindow::selectedCurrentIndex() const
{
    // The view keeps a current row without selecting it (focus at start-up, a cleared
    // selection): details and treemap follow the selection, not that row.
    const QModelIndex current = m_tree->currentIndex();
    return current.isValid() && m_tree->selectionModel()->isRowSelected(current.row(), current.parent()) ? current
                                                                                                          : QModelIndex();
}

void MainWindow::showDetailsOfCurrent()
{
    const QModelIndex source = m_proxy->mapToSource(selectedCurrentIndex());
    if (source.isValid())
        m_details->showItem(m_model, source);
    else
        m_details->showSummary(m_root, m_model->repoCount(), m_model->totalSizeOnDisk());
}

void MainWindow::openInFileManager()
{
    const auto &items = m_actions->selection();
    if (items.isEmpty())
        return;
    // A file manager opens folders; for a file, show the folder it is in.
    const ActionRegistry::Item &item = items.first();
    QByteArray path = item.path;
    if (item.ref.kind == NodeRef::Kind::File)
        path = path.left(path.lastIndexOf('/'));
    FolderOpener::open(this, QFile::decodeName(path));
}

void MainWindow::copyPath()
{
    QStringList paths;
    for (const ActionRegistry::Item &item : m_actions->selection())
        paths << QFile::decodeName(item.path);
    if (!paths.isEmpty())
        QApplication::clipboard()->setText(paths.join(QLatin1Char('\n')));
}

void MainWindow::copyRepoId()
{
    QStringList ids;
    for (const ActionRegistry::Item &item : m_actions->selection()) {
        QString id = item.repo->repoId;
        if (item.ref.kind != NodeRef::Kind::Repo)
            id += QLatin1Char('@') + QString::fromLatin1(item.ref.commit);
        if (!ids.contains(id))
            ids << id;
    }
    if (!ids.isEmpty())
        QApplication::clipboard()->setText(ids.join(QLatin1Char('\n')));
}

} // namespace hfcache
