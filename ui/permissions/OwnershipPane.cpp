// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "OwnershipPane.h"

#include "common/WindowHost.h"
#include "common/BackgroundTask.h"

#include "audit/AccessCheck.h"
#include "audit/CacheAudit.h"
#include "util/PathText.h"

#include <QAction>
#include <QColor>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace hfcache {

namespace {

const QColor kDeniedColor(0xb0, 0x1c, 0x1c);
constexpr qsizetype kMaxEntriesPerRepo = 2000;
constexpr int kColumnWidthSample = 100;

WhyPath judgeChain(const QList<PathComponent> &chain, const UserIdentity &user, int lastWant)
{
    WhyPath why;
    why.components = chain;
    for (int i = 0; i < chain.size(); ++i) {
        const PathComponent &component = chain.at(i);
        if (!component.known)
            continue;
        const EntryStat &stat = component.effective();
        int want = AccessCheck::Search;
        if (i == chain.size() - 1)
            want = stat.isDirectory() && lastWant == AccessCheck::Read ? AccessCheck::Read | AccessCheck::Search : lastWant;
        if (!AccessCheck::allows(user, stat, want)) {
            why.denied = i;
            why.want = want;
            why.reason = AccessCheck::explainDenial(user, stat, want);
            break;
        }
    }
    return why;
}

} // namespace

// Everything the GUI thread needs to build rows without touching the file system; entry rows
// of a repo are made from the snapshot only when the repo is expanded, so a cache of 300,000
// entries costs 2,000 rows, not 300,000.
struct OwnershipPane::Result
{
    AuditReport report;
    QString error;
    CacheSnapshotPtr snapshot;
    QHash<QByteArray, EntryStatus> statusOfPath;
    QHash<quint32, QString> users;
    QHash<quint32, QString> groups;
};

OwnershipPane::OwnershipPane(WindowHost &host)
    : QWidget(nullptr)
    , m_host(host)
    , m_summary(new QLabel(this))
    , m_tree(new QTreeWidget(this))
    , m_why(new QPlainTextEdit(this))
    , m_repair(new QPushButton(tr("Repair..."), this))
{
    m_summary->setObjectName(QStringLiteral("ownershipSummary"));  // "Checked for ..." once the audit is shown
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tree->setObjectName(QStringLiteral("ownershipTree"));
    m_tree->setHeaderLabels({tr("Path"), tr("Owner"), tr("Group"), tr("Mode"), tr("Octal"), tr("Status")});
    m_tree->setAccessibleName(tr("Ownership of cache entries"));
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(true);
    // Column widths from the first rows: Qt's default measures 1,000 rows (29 ms of the GUI thread
    // for a 2,000-repo cache's audit), and repo rows look alike.
    m_tree->header()->setResizeContentsPrecision(kColumnWidthSample);
    m_why->setObjectName(QStringLiteral("whyPath"));
    m_why->setReadOnly(true);
    m_why->setAccessibleName(tr("Why-path of the selected entry"));
    m_why->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_why->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_why->setPlaceholderText(tr("Select an entry to see every folder from / down to it, as namei -l shows them."));

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_repair);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_tree);
    split->addWidget(m_why);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(&host, &WindowHost::scanFinished, this, &OwnershipPane::refresh);
    connect(&host, &WindowHost::rootChanged, this, &OwnershipPane::refresh);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &OwnershipPane::showWhyPath);
    connect(m_tree, &QTreeWidget::itemExpanded, this, &OwnershipPane::populateRepo);
    connect(m_repair, &QPushButton::clicked, this, &OwnershipPane::requestRepair);
    refresh();
    host.addPane(this, tr("Ownership"), QStringLiteral("ownershipDock"));
}

OwnershipPane::Result OwnershipPane::audit(const CacheSnapshotPtr &snapshot)
{
    Result result;
    result.snapshot = snapshot;
    result.report = CacheAudit::run(*snapshot, CacheAudit::Options{}, &result.error);
    if (!result.error.isEmpty())
        return result;
    const AuditReport &report = result.report;
    QHash<QByteArray, Severity> worst;
    auto note = [&](const Findings &findings) {
        for (const Finding &finding : findings) {
            auto slot = worst.find(finding.path);
            if (slot != worst.end() && *slot >= finding.severity)
                continue;
            worst.insert(finding.path, finding.severity);
            result.statusOfPath.insert(finding.path, {finding.message, finding.severity != Severity::Info});
        }
    };
    note(report.findings);
    for (const RepoAccess &access : report.repos)
        note(access.findings);

    // Names are looked up here because NSS may read files or ask a directory server.
    auto name = [&result](const EntryStat &stat) {
        if (!result.users.contains(stat.uid))
            result.users.insert(stat.uid, UserIdentity::userName(stat.uid));
        if (!result.groups.contains(stat.gid))
            result.groups.insert(stat.gid, UserIdentity::groupName(stat.gid));
    };
    if (!report.rootChain.isEmpty())
        name(report.rootChain.last().stat);
    for (const CachedRepoPtr &repo : snapshot->repos) {
        name(repo->stat);
        for (const QList<RepoEntry> *entries : {&repo->otherEntries, &repo->locks}) {
            for (const RepoEntry &entry : *entries)
                name(entry.stat);
        }
        for (const CachedBlob &blob : repo->blobs)
            name(blob.stat);
    }
    return result;
}

QTreeWidgetItem *OwnershipPane::addRow(QTreeWidgetItem *parent, const QByteArray &path, const QString &label, const EntryStat &stat)
{
    auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
    const EntryStatus status = m_statusOfPath.value(path);
    item->setText(PathColumn, label);
    item->setText(OwnerColumn, m_users.value(stat.uid, QString::number(stat.uid)));
    item->setText(GroupColumn, m_groups.value(stat.gid, QString::number(stat.gid)));
    item->setText(ModeColumn, AccessCheck::modeString(stat.mode));
    item->setText(OctalColumn, AccessCheck::octal(stat.permissions()));
    setStatus(item, status.text, status.bad);
    item->setToolTip(PathColumn, PathText::display(path));
    item->setData(PathColumn, Qt::UserRole, path);
    return item;
}

void OwnershipPane::setStatus(QTreeWidgetItem *item, const QString &text, bool bad)
{
    item->setText(StatusColumn, text.isEmpty() ? tr("ok") : text);
    item->setToolTip(StatusColumn, text);
    for (int column = 0; column <= StatusColumn; ++column)
        item->setForeground(column, bad ? QBrush(kDeniedColor) : QBrush());
}

void OwnershipPane::populateRepo(QTreeWidgetItem *repoItem)
{
    const QVariant index = repoItem->data(PathColumn, RepoIndexRole);
    if (!m_snapshot || !index.isValid() || repoItem->data(PathColumn, PopulatedRole).toBool())
        return;
    repoItem->setData(PathColumn, PopulatedRole, true);
    const CachedRepo &repo = *m_snapshot->repos.at(index.toInt());
    QList<std::pair<QByteArray, EntryStat>> entries;
    for (const RepoEntry &entry : repo.otherEntries)
        entries.append({repo.path + '/' + entry.path, entry.stat});
    for (const CachedBlob &blob : repo.blobs)
        entries.append({repo.blobPath(blob), blob.stat});
    for (const RepoEntry &lock : repo.locks)
        entries.append({repo.lockFilePath(m_snapshot->root, lock), lock.stat});
    // A huge repo would make a list nobody reads: keep its folders and what is wrong.
    if (entries.size() > kMaxEntriesPerRepo) {
        const qsizetype before = entries.size();
        entries.removeIf([this](const auto &entry) {
            return !entry.second.isDirectory() && !m_statusOfPath.contains(entry.first);
        });
        const QString notListed = tr("%n entries without findings not listed", nullptr, int(before - entries.size()));
        const QString status = repoItem->toolTip(StatusColumn);  // the raw text: empty when ok
        setStatus(repoItem, status.isEmpty() ? notListed : status + QStringLiteral("; ") + notListed,
                  repoItem->data(PathColumn, BadRole).toBool());
    }
    std::sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    const QByteArray repoPrefix = repo.path + '/';
    for (const auto &[path, stat] : entries) {
        const QByteArray shown = path.startsWith(repoPrefix) ? path.mid(repoPrefix.size()) : path.mid(m_snapshot->root.size() + 1);
        addRow(repoItem, path, PathText::display(shown), stat);
    }
}

void OwnershipPane::refresh()
{
    const CacheSnapshotPtr snapshot = m_host.snapshot();
    if (!snapshot) {
        m_audits.invalidate();
        m_report = {};
        m_snapshot.reset();
        m_tree->clear();
        m_why->clear();
        m_summary->setText(m_host.root().isEmpty() ? tr("No cache scanned yet.")
                                                     : tr("Scanning %1...").arg(PathText::display(m_host.root())));
        return;
    }
    m_summary->setText(tr("Auditing %1...").arg(PathText::display(snapshot->root)));
    m_audits.run(this, [snapshot] { return audit(snapshot); }, [this](const Result &result) { showResult(result); });
}

void OwnershipPane::showResult(const Result &result)
{
    m_report = result.report;
    m_snapshot = result.snapshot;
    m_statusOfPath = result.statusOfPath;
    m_users = result.users;
    m_groups = result.groups;
    m_tree->clear();
    m_why->clear();
    if (!result.error.isEmpty()) {
        m_summary->setText(result.error);
        return;
    }
    const int problems = m_report.countFindings(Severity::Warning);
    QString summary = tr("Checked for %1 (%2)").arg(m_report.user.name, m_report.userReason);
    if (m_report.shared)
        summary += tr("; shared with group %1").arg(m_report.sharedGroup);
    summary += problems ? tr("; %n problem(s) in red", nullptr, problems) : tr("; no problems");
    m_summary->setText(summary);

    QTreeWidgetItem *root = addRow(nullptr, m_report.root, PathText::display(m_report.root),
                                   m_report.rootChain.isEmpty() ? EntryStat{} : m_report.rootChain.last().stat);
    if (m_report.rootReadDenial.isDenied() || m_report.rootWriteDenial.isDenied())
        setStatus(root, m_report.rootReadDenial.isDenied() ? m_report.rootReadDenial.reason : m_report.rootWriteDenial.reason, true);
    QHash<QByteArray, const RepoAccess *> accessByPath;
    for (const RepoAccess &access : m_report.repos)
        accessByPath.insert(access.path, &access);
    for (int index = 0; index < m_snapshot->repos.size(); ++index) {
        const CachedRepo &repo = *m_snapshot->repos.at(index);
        QTreeWidgetItem *item = addRow(root, repo.path, repo.cacheId(), repo.stat);
        item->setData(PathColumn, RepoIndexRole, index);
        item->setChildIndicatorPolicy(QTreeWidgetItem::ShowIndicator);
        bool bad = m_statusOfPath.value(repo.path).bad;
        if (const RepoAccess *access = accessByPath.value(repo.path)) {
            const auto repoProblems = std::count_if(access->findings.cbegin(), access->findings.cend(),
                                                [](const Finding &finding) { return finding.severity != Severity::Info; });
            if (!access->canRead || !access->canWrite) {
                setStatus(item, !access->canRead ? tr("cannot read: %1").arg(access->readDenial.reason)
                                                  : tr("cannot write: %1").arg(access->writeDenial.reason), true);
                bad = true;
            } else if (repoProblems > 0 && !bad) {
                setStatus(item, tr("%n entry(s) with problems inside", nullptr, int(repoProblems)), true);
                bad = true;
            }
        }
        item->setData(PathColumn, BadRole, bad);
    }
    root->setExpanded(true);
    // Sized on the first rows (cheap), but never narrower than a typical user name, and the
    // path never takes more than half the width.
    for (int column = PathColumn; column < StatusColumn; ++column)
        m_tree->resizeColumnToContents(column);
    const int nameWidth = m_tree->fontMetrics().horizontalAdvance(QStringLiteral("wwwwwwwwww"));
    for (int column : {int(OwnerColumn), int(GroupColumn)})
        m_tree->setColumnWidth(column, std::max(m_tree->columnWidth(column), nameWidth));
    m_tree->setColumnWidth(PathColumn, std::min(m_tree->columnWidth(PathColumn), std::max(280, m_tree->viewport()->width() / 2)));
}

QString OwnershipPane::whyPathText(const QByteArray &path, const UserIdentity &user)
{
    const QList<PathComponent> chain = CacheAudit::statChain(path);
    QStringList text{PathText::display(path), QString()};
    for (const auto &[want, name] : {std::pair{int(AccessCheck::Read), tr("Read")}, std::pair{int(AccessCheck::Write), tr("Write")}}) {
        const WhyPath why = judgeChain(chain, user, want);
        text << (why.isDenied() ? tr("%1: denied for %2").arg(name, user.name) : tr("%1: allowed for %2").arg(name, user.name));
        text << why.lines() << QString();
    }
    return text.join(QLatin1Char('\n'));
}

void OwnershipPane::showWhyPath()
{
    QTreeWidgetItem *item = m_tree->currentItem();
    if (!item) {
        m_why->clear();
        return;
    }
    const QByteArray path = item->data(PathColumn, Qt::UserRole).toByteArray();
    const UserIdentity user = m_report.user;
    m_audits.runAlongside(this, [path, user] { return whyPathText(path, user); }, [this, item](const QString &text) {
        if (m_tree->currentItem() != item)
            return;
        m_why->setPlainText(text);
        Q_EMIT whyPathShown();
    });
}

void OwnershipPane::requestRepair()
{
    for (QAction *action : m_host.actions()->actions(ActionRegistry::Group::Manage)) {
        if (action->objectName() == QLatin1String("repairAction")) {
            action->trigger();
            return;
        }
    }
}

} // namespace hfcache
