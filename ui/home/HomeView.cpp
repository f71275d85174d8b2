// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeView.h"

#include "DatasetExportAction.h"
#include "HomeCleanController.h"
#include "HomeDetailsPane.h"
#include "HomeRepairActions.h"
#include "HomeTreeModel.h"
#include "KindFindingsModel.h"
#include "KindLocksModel.h"
#include "KindTreemapView.h"

#include "common/BackgroundTask.h"
#include "common/FolderOpener.h"
#include "common/WindowHost.h"

#include "home/HomeEnvironment.h"
#include "home/HomeLocations.h"
#include "home/HomeScan.h"
#include "util/HumanFormat.h"
#include "util/PathText.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QStringList>
#include <QTabWidget>
#include <QToolButton>
#include <QTableView>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace hfcache {

namespace {

const QString HubKindId = QStringLiteral("hub");

} // namespace

HomeView::HomeView(WindowHost &host)
    : QWidget(host.window())
    , m_host(host)
    , m_model(new HomeTreeModel(this))
    , m_locks(new KindLocksModel(this))
    , m_findings(new KindFindingsModel(this))
    , m_repair(new HomeRepairActions(host, this))
    , m_export(new DatasetExportAction(host, this))
{
    connect(m_repair, &HomeRepairActions::repaired, this, &HomeView::rescan);
    setObjectName(QStringLiteral("homeView"));
    m_progressTimer.setInterval(30);  // a cache's row is filled at most this long after its scan ends
    connect(&m_progressTimer, &QTimer::timeout, this, &HomeView::showProgress);
    createTree();
    m_details = new HomeDetailsPane(this);
    m_details->setObjectName(QStringLiteral("homeDetails"));
    m_details->showOverview(nullptr);

    auto *horizontal = new QSplitter(Qt::Horizontal, this);
    horizontal->addWidget(m_tree);
    horizontal->addWidget(m_details);
    horizontal->setStretchFactor(0, 3);
    horizontal->setStretchFactor(1, 1);
    horizontal->setSizes({900, 300});
    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(horizontal);
    vertical->addWidget(createBelow());
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    vertical->setSizes({420, 280});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(createHeader());
    layout->addWidget(vertical, 1);
    host.addView(this, tr("Every Cache (HF_HOME)"));
    m_clean = new HomeCleanController(host, *this);
    for (QAction *action : {m_export->action(), m_repair->kindAction(), m_repair->homeAction()})
        addRowAction(action);
}

HomeView::~HomeView()
{
    delete m_clean;
    if (m_cancel)
        m_cancel->store(true);
}

QWidget *HomeView::createHeader()
{
    auto *header = new QWidget(this);
    auto *layout = new QVBoxLayout(header);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(2);
    m_summary = new QLabel(header);
    m_summary->setObjectName(QStringLiteral("homeSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_openHub = new QPushButton(tr("Open in Hub Browser"), header);
    m_openHub->setObjectName(QStringLiteral("homeOpenHub"));
    m_openHub->setToolTip(tr("Browse the hub cache's repos, revisions and files in the hub browser"));
    m_openHub->setEnabled(false);
    connect(m_openHub, &QPushButton::clicked, this, &HomeView::openHubBrowser);
    m_rescan = new QPushButton(tr("Rescan"), header);
    m_rescan->setObjectName(QStringLiteral("homeRescan"));
    connect(m_rescan, &QPushButton::clicked, this, &HomeView::rescan);
    // The summary on a line of its own: beside the row actions it had no room at 800 px.
    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_rescan);
    m_rowActionButtons = new QHBoxLayout;
    auto *actions = new QHBoxLayout;
    actions->addLayout(m_rowActionButtons);
    actions->addStretch(1);
    actions->addWidget(m_openHub);
    layout->addLayout(top);
    layout->addLayout(actions);
    return header;
}

void HomeView::createTree()
{
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("homeTree"));
    m_tree->setAccessibleName(tr("Caches under HF_HOME"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);  // a million entry rows are never measured
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);  // Delete takes several items
    const std::pair<int, int> widths[] = {
        {HomeTreeModel::NameColumn, 250},   {HomeTreeModel::SizeColumn, 80},     {HomeTreeModel::ProblemsColumn, 65},
        {HomeTreeModel::OwnersColumn, 150}, {HomeTreeModel::EntriesColumn, 65},  {HomeTreeModel::LocksColumn, 50},
        {HomeTreeModel::TypeColumn, 90},    {HomeTreeModel::ModifiedColumn, 110}, {HomeTreeModel::DetailsColumn, 300},
    };
    for (const auto &[column, width] : widths)
        m_tree->setColumnWidth(column, width);
    // "a few seconds ago", the longest relative time, is not cut.
    m_tree->setColumnWidth(HomeTreeModel::ModifiedColumn,
                           std::max(110, m_tree->fontMetrics().horizontalAdvance(HumanFormat::timeSince(1, 1)) + 16));
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &HomeView::onCurrentChanged);
    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this, &HomeView::selectionChanged);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &HomeView::showContextMenu);
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const HomeNode node = m_model->node(index);
        if (node.level == HomeNode::Level::Kind
            && m_listing->kinds[size_t(node.kind)].snapshot->location.kindId == HubKindId)
            openHubBrowser();
    });
}

QTabWidget *HomeView::createBelow()
{
    m_below = new QTabWidget(this);
    m_below->setObjectName(QStringLiteral("homeTabs"));
    m_below->setDocumentMode(true);

    m_treemap = new KindTreemapView(m_below);
    m_treemap->setObjectName(QStringLiteral("homeTreemap"));
    connect(m_treemap, &KindTreemapView::groupClicked, this, [this](qint32 group) { selectGroup(m_shownKind, group); });
    m_below->addTab(m_treemap, tr("Treemap"));

    m_owners = new QTreeWidget(m_below);
    m_owners->setObjectName(QStringLiteral("homeOwners"));
    m_owners->setRootIsDecorated(false);
    m_owners->setHeaderLabels({tr("Owner"), tr("Size on disk"), tr("Share"), tr("Entries")});
    m_owners->setColumnWidth(0, 180);
    m_below->addTab(m_owners, tr("Owners"));

    const auto table = [this](QAbstractItemModel *model, const QString &name) {
        auto *view = new QTableView(m_below);
        view->setObjectName(name);
        view->setModel(model);
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->setAlternatingRowColors(true);
        view->verticalHeader()->hide();
        view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
        view->horizontalHeader()->setStretchLastSection(true);
        view->setWordWrap(false);
        return view;
    };
    m_lockTable = table(m_locks, QStringLiteral("homeLocks"));
    m_lockTable->setColumnWidth(KindLocksModel::PathColumn, 380);
    m_below->addTab(m_lockTable, tr("Lock Files"));
    m_findingTable = table(m_findings, QStringLiteral("homeProblems"));
    m_findingTable->setColumnWidth(KindFindingsModel::CodeColumn, 170);
    m_findingTable->setColumnWidth(KindFindingsModel::MessageColumn, 420);
    m_below->addTab(m_findingTable, tr("Problems"));
    return m_below;
}

void HomeView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_everScanned)
        rescan();
}

void HomeView::rescan()
{
    m_everScanned = true;
    if (m_cancel)
        m_cancel->store(true);
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_rescan->setEnabled(false);
    m_summary->setText(tr("Scanning every cache under HF_HOME…"));
    const HomeEnvironment env;  // read now: the variables may have changed since the last scan
    const QString hfHome = QDir::cleanPath(QDir::current().absoluteFilePath(env.hub().hfHome));
    const QList<KindLocation> locations = HomeLocations::resolve(env);
    m_progress = std::make_shared<Progress>();
    m_firstRowsShown = false;
    m_progressTimer.start();
    m_scans.run(this, [hfHome, locations, cancel = m_cancel, progress = m_progress] {
        HomeScanOptions options;
        options.cancel = cancel.get();
        HomeListingPtr shown;  // the last partial listing: its kinds are not listed again
        options.onProgress = [&shown, &progress](const HomeSnapshotPtr &partial) {
            shown = HomeListing::build(partial, shown.get());
            const std::lock_guard<std::mutex> locked(progress->mutex);
            progress->latest = shown;
        };
        const HomeSnapshotPtr home = HomeScan::run(hfHome, locations, options);
        return HomeListing::build(home, shown.get());
    }, [this](const HomeListingPtr &listing) {
        m_progressTimer.stop();
        m_progress.reset();
        m_rescan->setEnabled(true);
        showListing(listing);
        Q_EMIT scanFinished();
    });
}

void HomeView::showProgress()
{
    if (!m_progress)
        return;
    HomeListingPtr latest;
    {
        const std::lock_guard<std::mutex> locked(m_progress->mutex);
        latest = std::exchange(m_progress->latest, nullptr);
    }
    if (latest)
        showListing(latest);
}

void HomeView::showListing(const HomeListingPtr &listing)
{
    // The same kind stays selected, and the expanded kinds expanded, across a rescan and while
    // the scan's progress comes in (the items are new rows).
    const HomeNode before = currentNode();
    const QString keptKind = before.isValid() ? m_listing->kinds[size_t(before.kind)].snapshot->location.kindId : QString();
    QStringList expandedKinds;
    for (int kind = 0; m_listing && kind < int(m_listing->kinds.size()); ++kind) {
        if (m_tree->isExpanded(m_model->kindIndex(kind)))
            expandedKinds << m_listing->kinds[size_t(kind)].snapshot->location.kindId;
    }
    HomeListingPtr previous = std::exchange(m_listing, listing);
    m_model->setListing(listing);
    m_shownKind = -1;
    showKindBelow(-1);
    // Freeing a million entries takes longer than a frame: the last reference goes on the pool.
    if (previous)
        runInBackground(this, [previous = std::move(previous)]() mutable {
            previous.reset();
            return true;
        }, [](bool) {});
    const HomeSnapshot &home = *listing->snapshot;
    int present = 0;
    int problems = 0;
    int pending = 0;
    for (const HomeListing::Kind &kind : listing->kinds) {
        present += kind.snapshot->exists ? 1 : 0;
        problems += kind.problems;
        pending += kind.snapshot->pending ? 1 : 0;
    }
    // The counts first: a narrow window cuts the path, which the hub row and the details show too.
    if (pending > 0)
        m_summary->setText(tr("Scanning every cache under HF_HOME… %1 of %2 done — HF_HOME %3")
                               .arg(home.kinds.size() - pending)
                               .arg(home.kinds.size())
                               .arg(PathText::display(QFile::encodeName(home.hfHome))));
    else
        m_summary->setText(tr("%1 of %2 caches there, %3 on disk, %n problem(s), scanned in %4 — HF_HOME %5", nullptr, problems)
                               .arg(present)
                               .arg(home.kinds.size())
                               .arg(HumanFormat::size(home.sizeOnDisk()), HumanFormat::duration(home.durationMs),
                                    PathText::display(QFile::encodeName(home.hfHome))));
    m_summary->setToolTip(m_summary->text());
    for (int kind = 0; kind < int(listing->kinds.size()); ++kind) {
        const QString &id = listing->kinds[size_t(kind)].snapshot->location.kindId;
        if (expandedKinds.contains(id))
            m_tree->expand(m_model->kindIndex(kind));
        if (id == keptKind)
            m_tree->setCurrentIndex(m_model->kindIndex(kind));
    }
    onCurrentChanged();
    if (!m_firstRowsShown) {
        m_firstRowsShown = true;
        Q_EMIT firstRowsShown();
    }
    Q_EMIT selectionChanged();  // a reset selects nothing without saying so
}

QList<HomeNode> HomeView::selectedNodes() const
{
    QList<HomeNode> nodes;
    const QModelIndex current = m_tree->currentIndex();
    if (m_tree->selectionModel()->isSelected(current))
        nodes.append(m_model->node(current));
    for (const QModelIndex &index : m_tree->selectionModel()->selectedRows()) {
        if (index != current.siblingAtColumn(0))
            nodes.append(m_model->node(index));
    }
    return nodes;
}

void HomeView::addRowAction(QAction *action)
{
    auto *button = new QToolButton(this);
    button->setDefaultAction(action);
    button->setObjectName(action->objectName().replace(QLatin1String("Action"), QLatin1String("Button")));
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    m_rowActionButtons->addWidget(button);
    m_rowActions.append(action);
}

HomeNode HomeView::currentNode() const
{
    return m_model->node(m_tree->currentIndex());
}

void HomeView::onCurrentChanged()
{
    const HomeNode node = currentNode();
    m_repair->setCurrent(m_listing, node);
    m_export->setCurrent(m_listing, node);
    if (!node.isValid()) {
        m_details->showOverview(m_listing);
        m_openHub->setEnabled(false);
        return;
    }
    m_details->showNode(m_listing, node);
    const KindSnapshot &kind = *m_listing->kinds[size_t(node.kind)].snapshot;
    m_openHub->setEnabled(kind.location.kindId == HubKindId && kind.exists);
    showKindBelow(node.kind);
    m_treemap->setSelectedGroup(node.level == HomeNode::Level::Kind ? HomeListing::NoItem : node.group);
}

void HomeView::showKindBelow(int kind)
{
    if (kind == m_shownKind)
        return;
    m_shownKind = kind;
    m_treemap->setKind(m_listing, kind);
    m_locks->setKind(m_listing, kind);
    m_findings->setKind(m_listing, kind);
    m_owners->clear();
    if (kind < 0)
        return;
    const KindSnapshot &snapshot = *m_listing->kinds[size_t(kind)].snapshot;
    for (const OwnerUsage &owner : snapshot.owners) {
        const double share = snapshot.sizeOnDisk ? 100.0 * double(owner.sizeOnDisk) / double(snapshot.sizeOnDisk) : 0;
        auto *row = new QTreeWidgetItem(m_owners, {m_listing->userName(owner.uid), HumanFormat::size(owner.sizeOnDisk),
                                                   QStringLiteral("%1 %").arg(share, 0, 'f', 1),
                                                   QString::number(owner.entries)});
        for (int column = 1; column < 4; ++column)
            row->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
    }
    m_below->setTabText(m_below->indexOf(m_lockTable), tr("Lock Files (%1)").arg(m_locks->rowCount()));
    m_below->setTabText(m_below->indexOf(m_findingTable), tr("Problems (%1)").arg(m_findings->rowCount()));
}

void HomeView::selectGroup(int kind, qint32 group)
{
    if (!m_listing || kind < 0)
        return;
    const auto &items = m_listing->kinds[size_t(kind)].items;
    const auto it = std::find(items.cbegin(), items.cend(), group);
    if (it == items.cend())
        return;
    const int row = int(it - items.cbegin());
    const QModelIndex parent = m_model->kindIndex(kind);
    while (m_model->rowCount(parent) <= row && m_model->canFetchMore(parent))
        m_model->fetchMore(parent);
    m_tree->expand(parent);
    const QModelIndex index = m_model->index(row, 0, parent);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
}

QByteArray HomeView::absolutePath(const HomeNode &node) const
{
    const KindSnapshot &kind = *m_listing->kinds[size_t(node.kind)].snapshot;
    const QByteArray root = QFile::encodeName(kind.location.path);
    if (node.level == HomeNode::Level::Entry)
        return root + '/' + kind.entries[node.entry].path;
    if (node.level == HomeNode::Level::Item && node.group >= 0)
        return root + '/' + kind.groups[node.group].key;
    return root;
}

void HomeView::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_tree->indexAt(pos);
    const HomeNode node = m_model->node(index);
    if (!node.isValid())
        return;
    if (!m_tree->selectionModel()->isSelected(index))  // a click into a selection keeps it (Delete of several)
        m_tree->setCurrentIndex(index);
    const QByteArray path = absolutePath(node);
    const bool isFolder = node.level != HomeNode::Level::Entry
                          || m_listing->kinds[size_t(node.kind)].snapshot->entries[node.entry].stat.isDirectory();
    QMenu menu(this);
    // A file manager opens folders; for a file, the folder it is in.
    menu.addAction(tr("Open in &File Manager"), this, [this, path, isFolder] {
        FolderOpener::open(this, QFile::decodeName(isFolder ? path : path.left(path.lastIndexOf('/'))));
    });
    menu.addAction(tr("Copy &Path"), this, [path] { QApplication::clipboard()->setText(QFile::decodeName(path)); });
    const KindSnapshot &kind = *m_listing->kinds[size_t(node.kind)].snapshot;
    if (node.level == HomeNode::Level::Kind && kind.location.kindId == HubKindId && kind.exists)
        menu.addAction(tr("Open in &Hub Browser"), this, &HomeView::openHubBrowser);
    menu.addSeparator();
    menu.addActions(m_rowActions);
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

void HomeView::openHubBrowser()
{
    const HomeNode node = currentNode();
    if (!m_listing || !node.isValid())
        return;
    const KindSnapshot &kind = *m_listing->kinds[size_t(node.kind)].snapshot;
    if (kind.location.kindId != HubKindId || !kind.exists)
        return;
    const QByteArray root = QFile::encodeName(kind.location.path);
    if (m_host.root() != root)
        m_host.openRoot(root);
    m_host.showBrowser();
}

} // namespace hfcache
