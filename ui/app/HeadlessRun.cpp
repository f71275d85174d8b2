// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HeadlessRun.h"

#include "MainWindow.h"
#include "browser/TreemapView.h"
#include "browser/CacheTreeModel.h"
#include "common/WindowHost.h"
#include "home/HomeTreeModel.h"
#include "home/HomeView.h"
#include "home/KindTreemapView.h"

#include "cache/RepoTarget.h"
#include "util/OutputFile.h"

#include <QApplication>
#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QPixmap>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <cstdio>

namespace hfcache {

namespace {

// VmRSS / VmHWM of this process in MB (read once at the end, never while scanning).
double memoryMb(const char *key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(qstrlen(key)).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

// Encoded in memory, then written as a new file: root's screenshot never follows a planted link.
bool saveShot(const QPixmap &shot, const QString &path)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    const QByteArray format = QFileInfo(path).suffix().toLower().toLatin1();
    QString error;
    if (!buffer.open(QIODevice::WriteOnly) || !shot.save(&buffer, format.isEmpty() ? "PNG" : format.constData())) {
        error = QStringLiteral("cannot encode %1 as %2").arg(path, QString::fromLatin1(format));
    } else if (OutputFile::write(QFile::encodeName(path), bytes, &error)) {
        return true;
    }
    std::fprintf(stderr, "hfcache-gui: %s\n", qPrintable(error));
    return false;
}

} // namespace

HeadlessRun::HeadlessRun(MainWindow *window, const Options &options, const QElapsedTimer &sinceStart)
    : QObject(window)
    , m_window(window)
    , m_options(options)
    , m_sinceStart(sinceStart)
{
}

// The views are found as tests find them, by object name: HeadlessRun stays outside MainWindow.
QTreeView *HeadlessRun::tree() const
{
    return m_window->findChild<QTreeView *>(QStringLiteral("cacheTree"));
}

TreemapView *HeadlessRun::treemap() const
{
    return m_window->findChild<TreemapView *>(QStringLiteral("treemap"));
}

bool HeadlessRun::isActive() const
{
    return m_options.benchmark || !m_options.screenshot.isEmpty() || !m_options.treemapScreenshot.isEmpty();
}

HomeView *HeadlessRun::homeView() const
{
    return m_window->findChild<HomeView *>(QStringLiteral("homeView"));
}

QTreeView *HeadlessRun::homeTree() const
{
    return m_window->findChild<QTreeView *>(QStringLiteral("homeTree"));
}

void HeadlessRun::begin()
{
    // In front before the window shows: the tab's scan starts as the window maps, as for a user.
    if (m_options.home)
        m_window->host()->showView(homeView());
    if (!isActive())
        return;
    if (m_options.home) {
        connect(homeView(), &HomeView::firstRowsShown, this, &HeadlessRun::onHomeRows);
        connect(homeTree()->model(), &QAbstractItemModel::modelReset, this, &HeadlessRun::onHomeRows);
        connect(homeView(), &HomeView::scanFinished, this, &HeadlessRun::onHomeScanFinished, Qt::SingleShotConnection);
    } else {
        connect(m_window, &MainWindow::firstReposShown, this, &HeadlessRun::onFirstRepos);
        connect(m_window, &MainWindow::scanFinished, this, &HeadlessRun::onScanFinished, Qt::SingleShotConnection);
    }
    if (m_options.benchmark) {
        m_probe.start();
        m_beginMs = double(m_sinceStart.nsecsElapsed()) / 1e6;
    }
}

void HeadlessRun::onFirstRepos()
{
    if (m_firstReposMs >= 0)
        return;
    // Visible means painted: paint the rows now instead of trusting the next update.
    tree()->viewport()->repaint();
    m_firstReposMs = double(m_sinceStart.nsecsElapsed()) / 1e6;
}

void HeadlessRun::onHomeRows()
{
    const HomeListingPtr listing = homeView()->listing();
    if (!listing || m_homeFilledMs >= 0)
        return;
    const bool filled = std::any_of(listing->kinds.cbegin(), listing->kinds.cend(), [](const HomeListing::Kind &kind) {
        return !kind.snapshot->pending && kind.snapshot->exists;
    });
    if (m_firstReposMs >= 0 && !filled)
        return;
    homeTree()->viewport()->repaint();  // visible means painted
    const double now = double(m_sinceStart.nsecsElapsed()) / 1e6;
    if (m_firstReposMs < 0)
        m_firstReposMs = now;
    if (filled)
        m_homeFilledMs = now;
}

void HeadlessRun::onHomeScanFinished()
{
    m_scanMs = m_sinceStart.elapsed();
    m_probe.stop();
    // The biggest cache, expanded as a user would: its rows are made a batch at a time.
    const HomeListingPtr listing = homeView()->listing();
    int biggest = -1;
    for (int kind = 0; kind < int(listing->kinds.size()); ++kind) {
        if (biggest < 0 || listing->kinds[size_t(kind)].snapshot->entryCount > listing->kinds[size_t(biggest)].snapshot->entryCount)
            biggest = kind;
    }
    if (m_options.benchmark)
        m_selectProbe.start();
    m_selectClock.start();
    if (biggest >= 0) {
        auto *model = qobject_cast<HomeTreeModel *>(homeTree()->model());
        homeTree()->setCurrentIndex(model->kindIndex(biggest));
        homeTree()->expand(model->kindIndex(biggest));
        homeTree()->viewport()->repaint();
        m_homeExpandedRows = model->rowCount(model->kindIndex(biggest));
    }
    m_homeExpandMs = double(m_selectClock.nsecsElapsed()) / 1e6;
    whenHomeTreemapReady();
}

void HeadlessRun::whenHomeTreemapReady()
{
    auto *view = m_window->findChild<KindTreemapView *>(QStringLiteral("homeTreemap"));
    if (view->isVisible() && !view->isUpToDate()) {
        QTimer::singleShot(10, this, &HeadlessRun::whenHomeTreemapReady);
        return;
    }
    QTimer::singleShot(300, this, &HeadlessRun::finish);
}

void HeadlessRun::printHomeBenchmark()
{
    const HomeListingPtr listing = homeView()->listing();
    int entries = 0;
    for (const HomeListing::Kind &kind : listing->kinds)
        entries += kind.snapshot->entryCount;
    std::printf("caches: %d\n", int(listing->kinds.size()));
    std::printf("entries: %d\n", entries);
    std::printf("first_rows_visible_ms: %.1f\n", m_firstReposMs);
    std::printf("first_scanned_row_visible_ms: %.1f\n", m_homeFilledMs);
    std::printf("scan_done_ms: %lld\n", static_cast<long long>(m_scanMs));
    std::printf("max_gui_stall_ms: %.1f\n", m_probe.maxStallMs());
    std::printf("max_gui_stall_at_ms: %.1f\n", m_probe.maxStallAtMs());
    std::printf("max_gui_busy_ms: %.1f\n", m_probe.maxBusyMs());
    std::printf("probe_ticks: %d\n", m_probe.ticks());
    std::printf("expand_rows: %d\n", m_homeExpandedRows);
    std::printf("expand_shown_ms: %.1f\n", m_homeExpandMs);
    std::printf("expand_max_gui_stall_ms: %.1f\n", m_selectProbe.maxStallMs());
    std::printf("expand_max_gui_busy_ms: %.1f\n", m_selectProbe.maxBusyMs());
}

void HeadlessRun::onScanFinished()
{
    m_scanMs = m_sinceStart.elapsed();
    m_probe.stop();
    if (!m_options.select.isEmpty()) {
        QString error;
        const std::optional<RepoTarget> target = RepoTarget::parse(m_options.select, &error);
        CacheSnapshot snapshot;
        snapshot.repos = m_window->host()->model()->repos();
        const auto resolved = target ? target->resolve(snapshot, !target->revision.isEmpty(), &error) : std::nullopt;
        if (!resolved) {
            std::fprintf(stderr, "hfcache-gui: --select %s: %s\n", qPrintable(m_options.select), qPrintable(error));
        } else {
            NodeRef ref{NodeRef::Kind::Repo, resolved->repo->folderName, {}, {}};
            if (!target->revision.isEmpty()) {
                ref.kind = NodeRef::Kind::Revision;
                ref.commit = resolved->revision->commit;
            }
            m_selectClock.start();
            if (m_options.benchmark)
                m_selectProbe.start();
            m_window->select(ref);
            tree()->expand(tree()->currentIndex());
            tree()->viewport()->repaint();  // lays the tree out: the expanded row's build starts
            whenSelectionShown();
            return;
        }
    }
    whenTreemapReady();
}

void HeadlessRun::whenSelectionShown()
{
    // The rows of a big node arrive in batches: shown means the last batch is painted.
    CacheTreeModel *model = m_window->host()->model();
    if (model->isBuilding()) {
        connect(model, &CacheTreeModel::allRowsBuilt, this, &HeadlessRun::whenSelectionShown, Qt::SingleShotConnection);
        return;
    }
    tree()->viewport()->repaint();
    m_selectShownMs = double(m_selectClock.nsecsElapsed()) / 1e6;
    whenTreemapReady();
}

void HeadlessRun::whenTreemapReady()
{
    TreemapView *view = treemap();
    if (view->isVisible() && !view->isUpToDate()) {
        connect(view, &TreemapView::rendered, this, &HeadlessRun::whenTreemapReady, Qt::SingleShotConnection);
        return;
    }
    // One more turn of the event loop for pending paints and the free-space label.
    QTimer::singleShot(300, this, &HeadlessRun::finish);
}

void HeadlessRun::finish()
{
    if (m_done)
        return;
    m_done = true;
    int status = 0;
    if (!m_options.screenshot.isEmpty() && !saveShot(m_window->grab(), m_options.screenshot))
        status = 1;
    if (!m_options.treemapScreenshot.isEmpty() && !saveShot(treemap()->grab(), m_options.treemapScreenshot))
        status = 1;
    if (m_options.benchmark && m_options.home) {
        m_selectProbe.stop();
        printHomeBenchmark();
        std::printf("rss_mb: %.1f\n", memoryMb("VmRSS:"));
        std::printf("peak_rss_mb: %.1f\n", memoryMb("VmHWM:"));
        std::fflush(stdout);
    } else if (m_options.benchmark) {
        m_selectProbe.stop();
        std::printf("repos: %d\n", m_window->host()->model()->repoCount());
        std::printf("scan_started_ms: %.1f\n", m_beginMs);
        std::printf("first_repos_visible_ms: %.1f\n", m_firstReposMs);
        std::printf("scan_done_ms: %lld\n", static_cast<long long>(m_scanMs));
        std::printf("max_gui_stall_ms: %.1f\n", m_probe.maxStallMs());
        std::printf("max_gui_stall_at_ms: %.1f\n", m_probe.maxStallAtMs());
        std::printf("max_gui_busy_ms: %.1f\n", m_probe.maxBusyMs());
        std::printf("probe_ticks: %d\n", m_probe.ticks());
        if (m_selectShownMs >= 0) {
            // The select and expand run in one go: their own time is a stall the probe sees next.
            std::printf("select_shown_ms: %.1f\n", m_selectShownMs);
            std::printf("select_max_gui_stall_ms: %.1f\n", m_selectProbe.maxStallMs());
            std::printf("select_max_gui_busy_ms: %.1f\n", m_selectProbe.maxBusyMs());
        }
        std::printf("rss_mb: %.1f\n", memoryMb("VmRSS:"));
        std::printf("peak_rss_mb: %.1f\n", memoryMb("VmHWM:"));
        std::fflush(stdout);
    }
    QApplication::exit(status);
}

} // namespace hfcache
