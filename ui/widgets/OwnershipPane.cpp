#include "OwnershipPane.h"

#include "MainWindow.h"
#include "PaneDock.h"
#include "models/BackgroundTask.h"

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
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

#include <algorithm>

namespace hfcache {

namespace {

const QColor kDeniedColor(0xb0, 0x1c, 0x1c);
constexpr qsizetype kMaxEntriesPerRepo = 2000;

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

struct OwnershipPane::Row
{
    int depth = 0;  // 0 the root, 1 a repo, 2 an entry of a repo
    QByteArray path;
    QString label;
    EntryStat stat;
    QString owner;
    QString group;
    QString status;
    bool bad = false;
};

struct OwnershipPane::Result
{
    AuditReport report;
    QString error;
    QList<Row> rows;
};

OwnershipPane::OwnershipPane(MainWindow &window, QWidget *parent)
    : QWidget(parent)
    , m_window(window)
    , m_summary(new QLabel(this))
    , m_tree(new QTreeWidget(this))
    , m_why(new QPlainTextEdit(this))
    , m_repair(new QPushButton(tr("Repair..."), this))
{
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tree->setHeaderLabels({tr("Path"), tr("Owner"), tr("Group"), tr("Mode"), tr("Octal"), tr("Status")});
    m_tree->setAccessibleName(tr("Ownership of cache entries"));
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(true);
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

    connect(&window, &MainWindow::scanFinished, this, &OwnershipPane::refresh);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, &OwnershipPane::showWhyPath);
    connect(m_repair, &QPushButton::clicked, this, &OwnershipPane::requestRepair);
    refresh();
}

void OwnershipPane::install(MainWindow &window)
{
    addPaneDock(window, new OwnershipPane(window), tr("Ownership"), QStringLiteral("ownershipDock"));
}

OwnershipPane::Result OwnershipPane::audit(const CacheSnapshotPtr &snapshot)
{
    Result result;
    result.report = CacheAudit::run(*snapshot, CacheAudit::Options{}, &result.error);
    if (!result.error.isEmpty())
        return result;
    const AuditReport &report = result.report;
    QHash<QByteArray, const Finding *> worst;
    auto note = [&worst](const Findings &findings) {
        for (const Finding &finding : findings) {
            const Finding *&slot = worst[finding.path];
            if (!slot || slot->severity < finding.severity)
                slot = &finding;
        }
    };
    note(report.findings);
    for (const RepoAccess &access : report.repos)
        note(access.findings);

    QHash<quint32, QString> users;
    QHash<quint32, QString> groups;
    auto add = [&](int depth, const QByteArray &path, const QString &label, const EntryStat &stat) {
        Row row;
        row.depth = depth;
        row.path = path;
        row.label = label;
        row.stat = stat;
        if (!users.contains(stat.uid))
            users.insert(stat.uid, UserIdentity::userName(stat.uid));
        if (!groups.contains(stat.gid))
            groups.insert(stat.gid, UserIdentity::groupName(stat.gid));
        row.owner = users.value(stat.uid);
        row.group = groups.value(stat.gid);
        if (const Finding *finding = worst.value(path)) {
            row.status = finding->message;
            row.bad = finding->severity != Severity::Info;
        }
        result.rows.append(row);
        return &result.rows.last();
    };

    add(0, report.root, PathText::display(report.root),
        report.rootChain.isEmpty() ? EntryStat{} : report.rootChain.last().stat);
    if (report.rootReadDenial.isDenied() || report.rootWriteDenial.isDenied()) {
        Row &root = result.rows.last();
        root.bad = true;
        root.status = report.rootReadDenial.isDenied() ? report.rootReadDenial.reason : report.rootWriteDenial.reason;
    }
    QHash<QByteArray, const RepoAccess *> accessByPath;
    for (const RepoAccess &access : report.repos)
        accessByPath.insert(access.path, &access);
    for (const CachedRepoPtr &repo : snapshot->repos) {
        Row *repoRow = add(1, repo->path, repo->cacheId(), repo->stat);
        if (const RepoAccess *access = accessByPath.value(repo->path)) {
            if (!access->canRead || !access->canWrite) {
                repoRow->bad = true;
                repoRow->status = !access->canRead ? tr("cannot read: %1").arg(access->readDenial.reason)
                                                   : tr("cannot write: %1").arg(access->writeDenial.reason);
            }
        }
        QList<std::pair<QByteArray, EntryStat>> entries;
        for (const RepoEntry &entry : repo->otherEntries)
            entries.append({repo->path + '/' + entry.path, entry.stat});
        for (const CachedBlob &blob : repo->blobs)
            entries.append({repo->blobPath(blob), blob.stat});
        for (const RepoEntry &lock : repo->locks) {
            const QByteArray lockDir = snapshot->root + "/.locks/" + repo->folderName;
            entries.append({lock.path.isEmpty() ? lockDir : lockDir + '/' + lock.path, lock.stat});
        }
        // A huge repo would make a tree nobody reads: keep its folders and what is wrong.
        if (entries.size() > kMaxEntriesPerRepo) {
            const qsizetype before = entries.size();
            entries.removeIf([&worst](const auto &entry) {
                return !entry.second.isDirectory() && !worst.contains(entry.first);
            });
            if (repoRow->status.isEmpty())
                repoRow->status = tr("%n entries without findings not listed", nullptr, int(before - entries.size()));
        }
        std::sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        for (const auto &[path, stat] : entries) {
            const QByteArray shown = path.startsWith(repo->path + '/') ? path.mid(repo->path.size() + 1)
                                                                        : path.mid(snapshot->root.size() + 1);
            add(2, path, PathText::display(shown), stat);
        }
    }
    return result;
}

void OwnershipPane::refresh()
{
    const CacheSnapshotPtr snapshot = m_window.snapshot();
    const quint64 generation = ++m_generation;
    m_upToDate = false;
    if (!snapshot) {
        m_summary->setText(tr("No cache scanned yet."));
        return;
    }
    m_summary->setText(tr("Auditing %1...").arg(PathText::display(snapshot->root)));
    runInBackground(this, [snapshot] { return audit(snapshot); }, [this, generation](const Result &result) {
        if (generation == m_generation)
            showResult(result);
    });
}

void OwnershipPane::showResult(const Result &result)
{
    m_report = result.report;
    m_tree->clear();
    m_why->clear();
    if (!result.error.isEmpty()) {
        m_summary->setText(result.error);
        m_upToDate = true;
        Q_EMIT updated();
        return;
    }
    const int problems = m_report.countFindings(Severity::Warning);
    QString summary = tr("Checked for %1 (%2)").arg(m_report.user.name, m_report.userReason);
    if (m_report.shared)
        summary += tr("; shared with group %1").arg(m_report.sharedGroup);
    summary += problems ? tr("; %n problem(s) in red", nullptr, problems) : tr("; no problems");
    m_summary->setText(summary);

    QTreeWidgetItem *root = nullptr;
    QTreeWidgetItem *repo = nullptr;
    for (const Row &row : result.rows) {
        QTreeWidgetItem *parent = row.depth == 0 ? nullptr : row.depth == 1 ? root : repo;
        auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
        item->setText(PathColumn, row.label);
        item->setText(OwnerColumn, row.owner);
        item->setText(GroupColumn, row.group);
        item->setText(ModeColumn, AccessCheck::modeString(row.stat.mode));
        item->setText(OctalColumn, AccessCheck::octal(row.stat.permissions()));
        item->setText(StatusColumn, row.status.isEmpty() ? tr("ok") : row.status);
        item->setToolTip(StatusColumn, row.status);
        item->setToolTip(PathColumn, PathText::display(row.path));
        item->setData(PathColumn, Qt::UserRole, row.path);
        if (row.bad) {
            for (int column = 0; column <= StatusColumn; ++column)
                item->setForeground(column, kDeniedColor);
        }
        if (row.depth == 0)
            root = item;
        else if (row.depth == 1)
            repo = item;
    }
    if (root)
        root->setExpanded(true);
    // Sized on the visible rows (cheap), but never narrower than a typical user name, and the
    // path never takes more than half the width.
    for (int column = PathColumn; column < StatusColumn; ++column)
        m_tree->resizeColumnToContents(column);
    const int nameWidth = m_tree->fontMetrics().horizontalAdvance(QStringLiteral("wwwwwwwwww"));
    for (int column : {int(OwnerColumn), int(GroupColumn)})
        m_tree->setColumnWidth(column, std::max(m_tree->columnWidth(column), nameWidth));
    m_tree->setColumnWidth(PathColumn, std::min(m_tree->columnWidth(PathColumn), std::max(280, m_tree->viewport()->width() / 2)));
    m_upToDate = true;
    Q_EMIT updated();
}

QTreeWidgetItem *OwnershipPane::itemForPath(const QByteArray &path) const
{
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        if ((*it)->data(PathColumn, Qt::UserRole).toByteArray() == path)
            return *it;
    }
    return nullptr;
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
    const quint64 generation = m_generation;
    runInBackground(this, [path, user] { return whyPathText(path, user); }, [this, generation, item](const QString &text) {
        if (generation != m_generation || m_tree->currentItem() != item)
            return;
        m_why->setPlainText(text);
        Q_EMIT whyPathShown();
    });
}

void OwnershipPane::requestRepair()
{
    for (QAction *action : m_window.actions()->actions(ActionRegistry::Group::Manage)) {
        if (action->objectName() == QLatin1String("repairAction")) {
            action->trigger();
            return;
        }
    }
}

} // namespace hfcache
