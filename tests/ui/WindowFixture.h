// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "browser/NodeRef.h"
#include "cache/CachedRepo.h"
#include "maintain/PruneOptions.h"

#include <QSet>
#include <QSize>
#include <QString>
#include <QTemporaryDir>
#include <QWidget>

#include <algorithm>

class QComboBox;
class QDialog;
class QLineEdit;
class QMenu;
class QPoint;
class QTreeView;
class QTreeWidgetItem;
class QWidget;

namespace hfcache {

class ActionRegistry;
class CacheFilterModel;
class CacheStatusBar;
class CacheTreeModel;
class DetailsPane;
class HomeView;
class KindTreemapView;
class MainWindow;
class TreemapView;

// The set-up every window test shares: test-mode paths and settings, a temporary folder with
// demo caches, opening a root in a shown window, and the window's parts found by object name
// (the window has no accessors for tests). QVERIFY failures inside end the calling test.
class WindowFixture
{
public:
    // From initTestCase: QStandardPaths' test mode, the settings file named after the test.
    void setUp(const QString &testName);
    // From init(): every test starts as a first run (no geometry, header state or settings).
    static void forgetSettings();
    QTemporaryDir &tmp() { return m_tmp; }
    // A demo cache written to a new folder `name` of tmp().
    QString freshDemo(const QString &name);

    // Shows `window` at `size`, opens `root` and waits for the scan and the treemap's layout.
    static void open(MainWindow &window, const QString &root, QSize size = {1100, 700});
    // Shows `window` at `size` with the view of every cache under HF_HOME in front, and waits
    // for its first scan (of the HF_HOME the environment names).
    static void openHomeView(MainWindow &window, QSize size = {1100, 700});
    static HomeView *homeView(const MainWindow &window);
    // Selects `refs` (the first one current), as a user's clicks would.
    static void selectRefs(MainWindow &window, const QList<NodeRef> &refs);
    // Renders `widget` to $HFCACHE_SCREENSHOT_DIR/name when that is set, for people to look at.
    static void saveShot(QWidget *widget, const QString &name);
    // The same for a dialog that was never shown: laid out at its preferred size first.
    static void saveDialogShot(QWidget *dialog, const QString &name);

    static QTreeView *tree(const MainWindow &window);
    static CacheTreeModel *model(const MainWindow &window);
    static CacheFilterModel *proxy(const MainWindow &window);
    static TreemapView *treemap(const MainWindow &window);
    static DetailsPane *details(const MainWindow &window);
    static CacheStatusBar *cacheStatusBar(const MainWindow &window);
    static ActionRegistry *actions(const MainWindow &window);
    static QLineEdit *filterEdit(const MainWindow &window);
    static QComboBox *typeFilter(const MainWindow &window);
    static QMenu *fileMenu(const MainWindow &window);
    static QMenu *recentMenu(const MainWindow &window);
    // The first repo of the window's scan with at least `atLeast` revisions, else null.
    static CachedRepoPtr repoWithRevisions(const MainWindow &window, int atLeast);
    // The first file row under the repo `folderName` (first revision, first entries down).
    static NodeRef firstFile(const MainWindow &window, const QByteArray &folderName);
    // The details pane's text as a user reads it: each path, hash or id it elides to its width
    // as its tooltip gives it in full.
    static QString detailsText(const MainWindow &window);
    // The inline message's text while it is shown, else empty.
    static QString bannerText(const MainWindow &window);
    // The centre of the treemap's tile of `ref` as the view shows it (found with refAt, as a
    // pointer would), or (-1, -1) when no tile shows it.
    static QPoint tileCenter(const TreemapView &treemap, const NodeRef &ref);
    // The same for the tile of item `group` in the HF_HOME view's treemap.
    static QPoint groupTileCenter(const KindTreemapView &treemap, qint32 group);
    // The repo folders that have a tile on screen.
    static QSet<QByteArray> treemapRepos(const TreemapView &treemap);
    // The treemap's selected tile, as Enter on it activates it (the window then shows its
    // details); invalid when nothing is selected.
    static NodeRef treemapSelection(TreemapView &treemap);
    // The Locks pane's row of the lock file `path`, when it lists it.
    static QTreeWidgetItem *lockRow(const QWidget &window, const QByteArray &path);
    // The row of `path` while it shows `state` ("held", "soft lock, held"); null otherwise.
    static QTreeWidgetItem *lockRowIn(const QWidget &window, const QByteArray &path, const QString &state);
    // Shows the Locks pane in front of its dock's tabs (it inspects only while visible).
    static void showLocksPane(const QWidget &window);
    // Whether the Locks pane inspects on its timer (it does only while visible).
    static bool locksPaneLive(const QWidget &window);
    // Whether the Ownership pane shows the audit of the window's last scan (no audit running).
    static bool ownershipAudited(const QWidget &window);
    // The Ownership pane's row of `path`; expands the repo it is in, which fills in its rows.
    static QTreeWidgetItem *ownershipRow(const QWidget &window, const QByteArray &path);
    // Ticks the prune dialog's boxes and sets its spin boxes to `options`, as a user would.
    static void choosePruneOptions(QDialog &dialog, const PruneOptions &options);
    // The shown widget of type T named `objectName` among `window`'s children (the features'
    // dialogs are), else null: a closed dialog lingers, hidden, until its deferred delete.
    template<typename T>
    static T *shown(const QWidget &window, const QString &objectName)
    {
        const QList<T *> found = window.findChildren<T *>(objectName);
        const auto it = std::find_if(found.cbegin(), found.cend(), [](const T *widget) { return widget->isVisible(); });
        return it == found.cend() ? nullptr : *it;
    }

private:
    QTemporaryDir m_tmp;
};

} // namespace hfcache
