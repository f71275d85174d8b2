// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "WindowFixture.h"

#include "app/MainWindow.h"
#include "browser/CacheFilterModel.h"
#include "browser/CacheStatusBar.h"
#include "browser/CacheTreeModel.h"
#include "browser/DetailsPane.h"
#include "browser/TreemapView.h"
#include "common/WindowHost.h"
#include "home/HomeView.h"
#include "home/KindTreemapView.h"
#include "permissions/LocksPane.h"

#include "cache/DemoCache.h"
#include "util/PathText.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTextBlock>
#include <QTextDocument>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>

namespace hfcache {

namespace {

// Calls `visit(point)` for every other pixel of a treemap (where a pointer could hit a tile).
template<typename Visit>
void forEachPoint(const QWidget &treemap, Visit &&visit)
{
    constexpr int step = 2;  // the smallest tiles of the test caches are wider
    for (int y = 0; y < treemap.height(); y += step) {
        for (int x = 0; x < treemap.width(); x += step)
            visit(QPoint(x, y));
    }
}

} // namespace

void WindowFixture::setUp(const QString &testName)
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("hfcache-tests"));
    QApplication::setApplicationName(testName);
    QVERIFY(m_tmp.isValid());
}

void WindowFixture::forgetSettings()
{
    QFile::remove(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral(".conf"));
    QSettings().clear();
}

QString WindowFixture::freshDemo(const QString &name)
{
    const QString dir = m_tmp.filePath(name);
    QString error;
    if (!DemoCache::write(QFile::encodeName(dir), &error))
        qWarning("%s", qPrintable(error));
    return dir;
}

void WindowFixture::open(MainWindow &window, const QString &root, QSize size)
{
    QSignalSpy finished(&window, &MainWindow::scanFinished);
    window.resize(size);
    window.show();
    window.openRoot(QFile::encodeName(root));
    QVERIFY(finished.wait(20000));
    QTRY_VERIFY(treemap(window)->isUpToDate());
}

void WindowFixture::openHomeView(MainWindow &window, QSize size)
{
    HomeView *view = homeView(window);
    QVERIFY(view);
    QSignalSpy finished(view, &HomeView::scanFinished);
    window.resize(size);
    window.show();
    window.host()->showView(view);
    QVERIFY(finished.wait(60000));
}

HomeView *WindowFixture::homeView(const MainWindow &window)
{
    return window.findChild<HomeView *>(QStringLiteral("homeView"));
}

void WindowFixture::selectRefs(MainWindow &window, const QList<NodeRef> &refs)
{
    QItemSelectionModel *selection = tree(window)->selectionModel();
    selection->clearSelection();
    for (const NodeRef &ref : refs) {
        const QModelIndex index = proxy(window)->mapFromSource(model(window)->indexOf(ref));
        QVERIFY(index.isValid());
        selection->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        if (ref == refs.first())
            selection->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    }
}

void WindowFixture::saveShot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("HFCACHE_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(widget->grab().save(dir + QLatin1Char('/') + name));
}

void WindowFixture::saveDialogShot(QWidget *dialog, const QString &name)
{
    if (qEnvironmentVariableIsEmpty("HFCACHE_SCREENSHOT_DIR"))
        return;
    dialog->adjustSize();
    saveShot(dialog, name);
}

CachedRepoPtr WindowFixture::repoWithRevisions(const MainWindow &window, int atLeast)
{
    for (const CachedRepoPtr &repo : model(window)->repos()) {
        if (repo->revisions.size() >= atLeast)
            return repo;
    }
    return {};
}

NodeRef WindowFixture::firstFile(const MainWindow &window, const QByteArray &folderName)
{
    const CacheTreeModel *tree = model(window);
    QModelIndex index = tree->indexOf({NodeRef::Kind::Repo, folderName, {}, {}});
    while (index.isValid() && tree->nodeRef(index).kind != NodeRef::Kind::File)
        index = tree->index(0, 0, index);
    return tree->nodeRef(index);
}

QTreeView *WindowFixture::tree(const MainWindow &window)
{
    return window.findChild<QTreeView *>(QStringLiteral("cacheTree"));
}

CacheTreeModel *WindowFixture::model(const MainWindow &window)
{
    return window.host()->model();
}

CacheFilterModel *WindowFixture::proxy(const MainWindow &window)
{
    return qobject_cast<CacheFilterModel *>(tree(window)->model());
}

TreemapView *WindowFixture::treemap(const MainWindow &window)
{
    return window.findChild<TreemapView *>(QStringLiteral("treemap"));
}

DetailsPane *WindowFixture::details(const MainWindow &window)
{
    return window.findChild<DetailsPane *>(QStringLiteral("details"));
}

CacheStatusBar *WindowFixture::cacheStatusBar(const MainWindow &window)
{
    return window.findChild<CacheStatusBar *>(QStringLiteral("cacheStatusBar"));
}

ActionRegistry *WindowFixture::actions(const MainWindow &window)
{
    return window.host()->actions();
}

QLineEdit *WindowFixture::filterEdit(const MainWindow &window)
{
    return window.findChild<QLineEdit *>(QStringLiteral("filter"));
}

QComboBox *WindowFixture::typeFilter(const MainWindow &window)
{
    return window.findChild<QComboBox *>(QStringLiteral("typeFilter"));
}

QMenu *WindowFixture::fileMenu(const MainWindow &window)
{
    return window.host()->menu(WindowHost::Menu::File);
}

QMenu *WindowFixture::recentMenu(const MainWindow &window)
{
    return window.findChild<QMenu *>(QStringLiteral("recentMenu"));
}

QString WindowFixture::detailsText(const MainWindow &window)
{
    QString text;
    for (QTextBlock block = details(window)->document()->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            const QString whole = fragment.charFormat().toolTip();
            text += whole.isEmpty() ? fragment.text() : whole;
        }
        text += QLatin1Char('\n');
    }
    return text.replace(QChar::Nbsp, QLatin1Char(' '));
}

QString WindowFixture::bannerText(const MainWindow &window)
{
    const auto *banner = window.findChild<QWidget *>(QStringLiteral("cacheBanner"));
    const auto *text = window.findChild<QLabel *>(QStringLiteral("bannerText"));
    return banner && text && banner->isVisibleTo(&window) ? text->text() : QString();
}

QPoint WindowFixture::tileCenter(const TreemapView &treemap, const NodeRef &ref)
{
    // A point shows `ref` when its innermost tile is ref's or one inside it.
    const auto inside = [&ref](const NodeRef &at) {
        if (!at.isValid() || at.folderName != ref.folderName)
            return false;
        switch (ref.kind) {
        case NodeRef::Kind::Repo: return true;
        case NodeRef::Kind::Revision: return at.commit == ref.commit;
        case NodeRef::Kind::Folder:
            return at.commit == ref.commit && (at.path == ref.path || at.path.startsWith(ref.path + '/'));
        default: return at == ref;
        }
    };
    QRect bounds;
    forEachPoint(treemap, [&](QPoint point) {
        if (inside(treemap.refAt(point)))
            bounds |= QRect(point, QSize(1, 1));
    });
    return bounds.isNull() ? QPoint(-1, -1) : bounds.center();
}

QPoint WindowFixture::groupTileCenter(const KindTreemapView &treemap, qint32 group)
{
    QRect bounds;
    forEachPoint(treemap, [&](QPoint point) {
        if (treemap.groupAt(point) == group)
            bounds |= QRect(point, QSize(1, 1));
    });
    return bounds.isNull() ? QPoint(-1, -1) : bounds.center();
}

QSet<QByteArray> WindowFixture::treemapRepos(const TreemapView &treemap)
{
    QSet<QByteArray> folders;
    forEachPoint(treemap, [&](QPoint point) {
        if (const NodeRef at = treemap.refAt(point); at.isValid())
            folders.insert(at.folderName);
    });
    return folders;
}

NodeRef WindowFixture::treemapSelection(TreemapView &treemap)
{
    QSignalSpy activated(&treemap, &TreemapView::activated);
    QTest::keyClick(&treemap, Qt::Key_Return);
    return activated.isEmpty() ? NodeRef() : activated.first().first().value<NodeRef>();
}

QTreeWidgetItem *WindowFixture::lockRow(const QWidget &window, const QByteArray &path)
{
    const auto *tree = window.findChild<QTreeWidget *>(QStringLiteral("locksTree"));
    QTreeWidgetItem *locks = tree ? tree->topLevelItem(0) : nullptr;  // the "Lock files" section
    if (!locks)
        return nullptr;
    const QString shown = PathText::display(path);  // the row's tooltip: the whole path
    for (int i = 0; i < locks->childCount(); ++i) {
        if (locks->child(i)->toolTip(0) == shown)
            return locks->child(i);
    }
    return nullptr;
}

QTreeWidgetItem *WindowFixture::lockRowIn(const QWidget &window, const QByteArray &path, const QString &state)
{
    QTreeWidgetItem *row = lockRow(window, path);
    return row && row->text(LocksPane::StateColumn) == state ? row : nullptr;
}

void WindowFixture::showLocksPane(const QWidget &window)
{
    auto *dock = window.findChild<QDockWidget *>(QStringLiteral("locksDock"));
    dock->show();
    dock->raise();
}

bool WindowFixture::locksPaneLive(const QWidget &window)
{
    const auto *timer = window.findChild<QTimer *>(QStringLiteral("locksRefresh"));
    return timer && timer->isActive();
}

bool WindowFixture::ownershipAudited(const QWidget &window)
{
    const auto *summary = window.findChild<QLabel *>(QStringLiteral("ownershipSummary"));
    return summary && summary->text().startsWith(QStringLiteral("Checked for "));
}

QTreeWidgetItem *WindowFixture::ownershipRow(const QWidget &window, const QByteArray &path)
{
    const auto *tree = window.findChild<QTreeWidget *>(QStringLiteral("ownershipTree"));
    QTreeWidgetItem *root = tree ? tree->topLevelItem(0) : nullptr;
    const auto pathOf = [](const QTreeWidgetItem *item) { return item->data(0, Qt::UserRole).toByteArray(); };
    if (!root || pathOf(root) == path)
        return root;
    for (int i = 0; i < root->childCount(); ++i) {
        QTreeWidgetItem *repo = root->child(i);
        const QByteArray repoPath = pathOf(repo);
        if (repoPath == path)
            return repo;
        // The repo's rows: its entries and its lock files under .locks/<repo folder>/.
        const QByteArray lockDir = pathOf(root) + "/.locks/" + repoPath.mid(repoPath.lastIndexOf('/') + 1);
        if (!path.startsWith(repoPath + '/') && path != lockDir && !path.startsWith(lockDir + '/'))
            continue;
        repo->setExpanded(true);
        for (int j = 0; j < repo->childCount(); ++j) {
            if (pathOf(repo->child(j)) == path)
                return repo->child(j);
        }
        return nullptr;
    }
    return nullptr;
}

void WindowFixture::choosePruneOptions(QDialog &dialog, const PruneOptions &options)
{
    const auto box = [&dialog](const char *name) { return dialog.findChild<QCheckBox *>(QLatin1String(name)); };
    const auto spin = [&dialog](const char *name) { return dialog.findChild<QSpinBox *>(QLatin1String(name)); };
    box("pruneDetached")->setChecked(options.detached);
    box("pruneIncomplete")->setChecked(options.incomplete);
    box("pruneOrphans")->setChecked(options.orphans);
    box("pruneOlderThan")->setChecked(options.olderThanSeconds >= 0);
    if (options.olderThanSeconds >= 0)
        spin("pruneDays")->setValue(int(std::max<qint64>(1, options.olderThanSeconds / (24 * 3600))));
    box("pruneKeepLatest")->setChecked(options.keepLatest >= 0);
    if (options.keepLatest >= 0)
        spin("pruneKeep")->setValue(options.keepLatest);
    box("pruneIncludeRefs")->setChecked(options.includeRefs);
}

} // namespace hfcache
