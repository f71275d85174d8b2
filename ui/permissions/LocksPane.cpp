// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "LocksPane.h"

#include "common/WindowHost.h"
#include "common/BackgroundTask.h"

#include "activity/CacheActivity.h"
#include "audit/GroupMembers.h"
#include "audit/SharedGroupRule.h"
#include "util/HumanFormat.h"
#include "util/PathText.h"

#include <QColor>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QTime>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hfcache {

LocksPane::LocksPane(WindowHost &host)
    : QWidget(nullptr)
    , m_host(host)
    , m_summary(new QLabel(this))
    , m_tree(new QTreeWidget(this))
    , m_timer(new QTimer(this))
{
    m_tree->setObjectName(QStringLiteral("locksTree"));
    m_tree->setHeaderLabels({tr("File"), tr("State"), tr("Holders, size, processes")});
    m_tree->setAccessibleName(tr("Locks and activity"));
    m_tree->setUniformRowHeights(true);
    m_tree->setRootIsDecorated(true);
    m_locks = new QTreeWidgetItem(m_tree);
    m_downloads = new QTreeWidgetItem(m_tree);
    m_users = new QTreeWidgetItem(m_tree);
    for (QTreeWidgetItem *section : {m_locks, m_downloads, m_users}) {
        QFont font = section->font(ItemColumn);
        font.setBold(true);
        section->setFont(ItemColumn, font);
        section->setFirstColumnSpanned(true);
        section->setExpanded(true);
    }
    m_tree->header()->resizeSection(ItemColumn, 420);
    m_tree->header()->resizeSection(StateColumn, 110);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);
    m_summary->setText(tr("Refreshes every %1 s while visible.").arg(kRefreshMs / 1000.0));

    m_timer->setObjectName(QStringLiteral("locksRefresh"));
    m_timer->setInterval(kRefreshMs);
    connect(m_timer, &QTimer::timeout, this, &LocksPane::inspect);
    connect(host.actions(), &ActionRegistry::selectionChanged, this, &LocksPane::fillUsers);
    connect(&host, &WindowHost::rootChanged, this, &LocksPane::forget);
    forget();
    QDockWidget *dock = host.addPane(this, tr("Locks and activity"), QStringLiteral("locksDock"));
    connect(dock, &QDockWidget::visibilityChanged, this, &LocksPane::setLive);
}

void LocksPane::forget()
{
    m_report.reset();
    m_targetsOf.reset();
    for (QTreeWidgetItem *section : {m_locks, m_downloads, m_users})
        qDeleteAll(section->takeChildren());
    // Titles say so until the first inspection of /proc has answered.
    m_locks->setText(ItemColumn, tr("Lock files: looking..."));
    m_downloads->setText(ItemColumn, tr("Downloads: looking..."));
    m_users->setText(ItemColumn, tr("Processes using the selection: looking..."));
}

void LocksPane::setLive(bool live)
{
    if (live == m_timer->isActive())
        return;
    if (live) {
        m_timer->start();
        inspect();
    } else {
        m_timer->stop();
    }
}

void LocksPane::inspect()
{
    const CacheSnapshotPtr snapshot = m_host.snapshot();
    if (m_running || !snapshot)
        return;
    m_running = true;
    // A new scan has other targets: its first report has no rates yet.
    const std::shared_ptr<const ActivityReport> previous = snapshot == m_targetsOf ? m_report : nullptr;
    m_targetsOf = snapshot;
    runInBackground(this, [snapshot, previous] {
        CacheActivity::Options options;
        options.previous = previous.get();
        options.lockRows = CacheActivity::Options::LockRows::ActiveOrUnwritable;
        // In a shared cache, the locks a member of its group cannot open are listed too.
        if (const std::optional<quint32> group = SharedGroupRule::sharedGroup(snapshot->rootStat))
            options.groupMembers = GroupMembers::of(*group);
        return std::make_shared<const ActivityReport>(CacheActivity::inspect(ActivityTargets::fromSnapshot(snapshot), options));
    }, [this, snapshot](const std::shared_ptr<const ActivityReport> &report) {
        m_running = false;
        if (snapshot->root == m_host.root())  // else about a cache no longer shown
            showReport(report);
    });
}

void LocksPane::showReport(const std::shared_ptr<const ActivityReport> &report)
{
    m_report = report;
    qDeleteAll(m_locks->takeChildren());
    qDeleteAll(m_downloads->takeChildren());
    const QColor busy(0x1c, 0x5f, 0xb0);
    const QColor denied(0xb0, 0x1c, 0x1c);
    int held = 0;
    int unwritable = 0;
    int unwritableByMembers = 0;  // shared cache: some member of its group cannot open it
    for (const LockFileState &lock : report->locks) {
        auto *item = new QTreeWidgetItem(m_locks);
        item->setText(ItemColumn, shownPath(lock.file.path));
        item->setToolTip(ItemColumn, PathText::display(lock.file.path));
        QString state = lock.held ? tr("held") : tr("free");
        if (lock.isSoft)  // a SoftFileLock marker: its holder may be on another host
            state = lock.soft.stale ? tr("soft lock, stale") : tr("soft lock, held");
        if (!lock.waiters.isEmpty())
            state += tr(", %n waiting", nullptr, int(lock.waiters.size()));
        QString who = ProcessInfo::describeAll(lock.holders);
        if (lock.isSoft && lock.soft.stale)
            who = tr("stale: %1 (hfcache locks --break-stale removes it)").arg(lock.soft.staleReason);
        if (!lock.waiters.isEmpty())
            who += (who.isEmpty() ? QString() : QStringLiteral("; ")) + tr("waiting: %1").arg(ProcessInfo::describeAll(lock.waiters));
        QStringList deniedMembers;
        for (const MemberAccess &member : lock.members) {
            if (!member.writable)
                deniedMembers << member.user;
        }
        if (!lock.writable) {
            ++unwritable;
            state += tr(", not writable by you");
            item->setForeground(StateColumn, denied);
        } else if (!deniedMembers.isEmpty()) {  // you can, other members of the group cannot
            ++unwritableByMembers;
            state += tr(", not writable by %1").arg(deniedMembers.join(QStringLiteral(", ")));
            item->setForeground(StateColumn, denied);
        } else if (lock.isSoft && lock.soft.stale) {
            item->setForeground(StateColumn, denied);
        } else if (lock.held) {
            item->setForeground(StateColumn, busy);
        }
        item->setText(StateColumn, state);
        item->setText(DetailColumn, who);
        held += lock.held ? 1 : 0;
    }
    for (const DownloadState &download : report->downloads) {
        auto *item = new QTreeWidgetItem(m_downloads);
        item->setText(ItemColumn, shownPath(download.file.path));
        item->setToolTip(ItemColumn, PathText::display(download.file.path));
        item->setText(StateColumn, download.active() ? tr("downloading") : tr("interrupted"));
        QString detail = HumanFormat::size(download.size);
        if (download.rate >= 0)
            detail += tr(" at %1/s").arg(HumanFormat::size(quint64(download.rate)));
        if (!download.writers.isEmpty())
            detail += QStringLiteral(" -- ") + ProcessInfo::describeAll(download.writers);
        item->setText(DetailColumn, detail);
        if (download.active())
            item->setForeground(StateColumn, busy);
    }
    // A cache keeps a lock file per blob ever downloaded: only the ones that matter get a row.
    QString locksTitle = tr("Lock files: %1 of %2 held").arg(held).arg(report->lockFileCount);
    if (unwritable > 0)
        locksTitle += tr(", %n not writable by you", nullptr, unwritable);
    if (unwritableByMembers > 0)
        locksTitle += tr(", %n not writable by other members of the group", nullptr, unwritableByMembers);
    if (report->locks.size() < report->lockFileCount)
        locksTitle += tr(" (free ones you can use are not listed)");
    m_locks->setText(ItemColumn, locksTitle);
    m_downloads->setText(ItemColumn, tr("Downloads: %1").arg(report->downloads.size()));
    QString summary = tr("Updated %1; %n process(es) inspected", nullptr, report->inspectedProcesses)
                          .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")));
    if (report->unreadableProcesses > 0)
        summary += tr(", %n not readable (holders among them are not shown)", nullptr, report->unreadableProcesses);
    if (!report->procLocksError.isEmpty())
        summary += QStringLiteral("; ") + report->procLocksError;
    m_summary->setText(summary);
    fillUsers();
}

QString LocksPane::shownPath(const QByteArray &path) const
{
    const QByteArray root = m_targetsOf ? m_targetsOf->root + '/' : QByteArray();
    return PathText::display(!root.isEmpty() && path.startsWith(root) ? path.mid(root.size()) : path);
}

QString LocksPane::selectedCacheId() const
{
    const QList<ActionRegistry::Item> &selection = m_host.actions()->selection();
    return selection.isEmpty() || !selection.first().repo ? QString() : selection.first().repo->cacheId();
}

void LocksPane::fillUsers()
{
    qDeleteAll(m_users->takeChildren());
    if (!m_report)
        return;
    const QString cacheId = selectedCacheId();
    for (const WatchedFile &file : m_report->usedFiles) {
        if (!cacheId.isEmpty() && file.cacheId != cacheId)
            continue;
        for (const FileUse &use : m_report->usesOf(FileKey{file.stat.device, file.stat.inode})) {
            auto *item = new QTreeWidgetItem(m_users);
            item->setText(ItemColumn, shownPath(file.path));
            item->setToolTip(ItemColumn, PathText::display(file.path));
            item->setText(StateColumn, use.open && use.mapped ? tr("open, mapped") : use.mapped ? tr("mapped") : tr("open"));
            item->setText(DetailColumn, m_report->process(use.pid).describe());
        }
    }
    m_users->setText(ItemColumn, cacheId.isEmpty() ? tr("Processes using cached files: %1").arg(m_users->childCount())
                                                   : tr("Processes using %1: %2").arg(cacheId).arg(m_users->childCount()));
}

} // namespace hfcache
