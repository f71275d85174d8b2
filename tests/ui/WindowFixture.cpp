// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "WindowFixture.h"

#include "app/MainWindow.h"
#include "browser/CacheFilterModel.h"
#include "browser/CacheStatusBar.h"
#include "browser/CacheTreeModel.h"
#include "browser/CacheWatcher.h"
#include "browser/DetailsPane.h"
#include "browser/TreemapView.h"
#include "common/WindowHost.h"
#include "home/HomeView.h"

#include "cache/DemoCache.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

namespace hfcache {

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

CacheWatcher *WindowFixture::watcher(const MainWindow &window)
{
    return window.findChild<CacheWatcher *>();
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

QString WindowFixture::bannerText(const MainWindow &window)
{
    const auto *banner = window.findChild<QWidget *>(QStringLiteral("cacheBanner"));
    const auto *text = window.findChild<QLabel *>(QStringLiteral("bannerText"));
    return banner && text && banner->isVisibleTo(&window) ? text->text() : QString();
}

} // namespace hfcache
