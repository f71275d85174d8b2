// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ClusterLocksDialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hfcache {

ClusterLocksDialog::ClusterLocksDialog(const LocksMerge &merge, const QString &source, QWidget *parent)
    : QDialog(parent)
    , m_summary(new QLabel(this))
    , m_tree(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("clusterLocksDialog"));
    setWindowTitle(tr("Cluster Locks — %1").arg(QFileInfo(source).fileName()));
    m_summary->setObjectName(QStringLiteral("clusterLocksSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    const QStringList nodes = merge.nodes();
    m_summary->setText(tr("%n node(s): %1. Read-only: the report shows each node's holders when it was taken; "
                          "run `hfcache locks --json` on the nodes again for a new one.",
                          nullptr, int(nodes.size()))
                           .arg(nodes.join(QStringLiteral(", "))));
    m_summary->setToolTip(source);

    m_tree->setObjectName(QStringLiteral("clusterLocksTree"));
    m_tree->setHeaderLabels({tr("File"), tr("Node"), tr("PID"), tr("User"), tr("Command")});
    m_tree->setUniformRowHeights(true);
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->header()->setStretchLastSection(true);
    m_locks = new QTreeWidgetItem(m_tree);
    m_downloads = new QTreeWidgetItem(m_tree);
    m_users = new QTreeWidgetItem(m_tree);
    fill(m_locks, merge.locks(), tr("No lock is held or waited on (%n free lock file(s))", nullptr, merge.freeLocks()));
    fill(m_downloads, merge.downloads(), tr("No download in progress"));
    fill(m_users, merge.inUse(), tr("No process has a cached file open"));
    m_locks->setText(ItemColumn, tr("Locks held or waited on (%n)", nullptr, int(merge.locks().size())));
    m_downloads->setText(ItemColumn, tr("Downloads (%n)", nullptr, int(merge.downloads().size())));
    m_users->setText(ItemColumn, tr("Processes using cached files (%n)", nullptr, int(merge.inUse().size())));
    for (QTreeWidgetItem *section : {m_locks, m_downloads, m_users}) {
        QFont bold = section->font(ItemColumn);
        bold.setBold(true);
        section->setFont(ItemColumn, bold);
        section->setFirstColumnSpanned(true);
        section->setExpanded(true);
    }
    m_tree->resizeColumnToContents(NodeColumn);
    m_tree->resizeColumnToContents(PidColumn);
    m_tree->setColumnWidth(ItemColumn, 320);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);
    layout->addWidget(buttons);
    resize(760, 460);
}

void ClusterLocksDialog::fill(QTreeWidgetItem *section, const QList<LocksMerge::Row> &rows, const QString &emptyText)
{
    if (rows.isEmpty()) {
        auto *none = new QTreeWidgetItem(section, {emptyText});
        none->setFirstColumnSpanned(true);
        none->setDisabled(true);
        return;
    }
    for (const LocksMerge::Row &row : rows) {
        QString label = row.relPath;
        if (row.kind == QLatin1String("soft"))
            label += tr(" (soft)");
        auto *item = new QTreeWidgetItem(section, {label});
        item->setToolTip(ItemColumn, QStringLiteral("%1\n%2%3").arg(row.relPath, row.repoId,
                                                                     row.detail.isEmpty() ? QString() : QLatin1Char('\n') + row.detail));
        if (!row.detail.isEmpty())
            item->setText(NodeColumn, row.detail);
        auto addProcess = [&](const LocksMerge::Process &p, const QString &role) {
            const QString node = p.host.isEmpty() || p.host == p.node ? p.node : tr("%1 (reported by %2)").arg(p.host, p.node);
            auto *child = new QTreeWidgetItem(item, {role, node, QString::number(p.pid), p.user,
                                                     p.cmdline.isEmpty() ? p.process : p.cmdline});
            child->setToolTip(CommandColumn, p.cmdline);
        };
        for (const LocksMerge::Process &p : row.holders)
            addProcess(p, section == m_locks ? tr("holder") : section == m_downloads ? tr("writer") : tr("user"));
        for (const LocksMerge::Process &p : row.waiters)
            addProcess(p, tr("waiting"));
        item->setExpanded(true);
    }
}

LocksMerge ClusterLocksDialog::load(const QString &path, QString *error)
{
    LocksMerge merge;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(path, file.errorString());
        return merge;
    }
    QString why;
    if (!merge.add(file.readAll(), &why))
        *error = tr("%1 is not a report of `hfcache locks --json`: %2").arg(path, why);
    else if (merge.nodes().isEmpty())
        *error = tr("%1 holds no node's report (gather `hfcache locks --json` from each node, e.g. with srun or pdsh)").arg(path);
    return merge;
}

} // namespace hfcache
