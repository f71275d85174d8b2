// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "VerifyResultsDialog.h"

#include "common/ItemIcons.h"

#include "util/HumanFormat.h"
#include "util/PathText.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

namespace hfcache {

VerifyResultsDialog::VerifyResultsDialog(const VerifyReport &report, QWidget *parent)
    : QDialog(parent)
    , m_list(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("verifyResults"));
    setWindowTitle(tr("Verify Results"));
    const int problems = int(report.corrupt.size() + report.listingProblems.size());
    QString summaryText;
    if (report.cancelled)
        summaryText = tr("Cancelled after hashing %1 of %2 (%n blob(s) checked).", nullptr, report.blobsChecked)
                        .arg(HumanFormat::size(report.bytesHashed), HumanFormat::size(report.bytesToHash));
    else if (problems == 0)
        summaryText = tr("All %n blob(s) match their hashes.", nullptr, report.blobsChecked);
    else
        summaryText = tr("%n problem(s) found.", nullptr, problems);
    summaryText += QLatin1Char(' ') + tr("%1 hashed in %2; %n file listing(s) compared.", nullptr, report.listingsChecked)
                                        .arg(HumanFormat::size(report.bytesHashed), HumanFormat::duration(report.durationMs));
    if (!report.unusedMisnamed.isEmpty())
        summaryText += QLatin1Char(' ') + tr("%n file(s) no revision uses do not match their names (leftovers; prune orphans "
                                           "removes them).", nullptr, int(report.unusedMisnamed.size()));
    const int rows = problems + int(report.unusedMisnamed.size());
    auto *summary = new QLabel(summaryText, this);
    summary->setObjectName(QStringLiteral("verifySummary"));
    summary->setWordWrap(true);

    m_list->setObjectName(QStringLiteral("verifyProblems"));
    m_list->setAccessibleName(tr("Problems"));
    m_list->setHeaderLabels({tr("Problem"), tr("Repo"), tr("Path"), tr("Details")});
    m_list->setRootIsDecorated(true);
    // A hash or an error message is long: one line per row, elided in the middle so both ends of
    // a hash or path stay (the whole text is its tooltip); every column can be resized. (Wrapping
    // did not grow the rows: a hash on its second line was cut off.)
    m_list->setWordWrap(false);
    m_list->setTextElideMode(Qt::ElideMiddle);
    m_list->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_list->header()->setStretchLastSection(true);
    for (const CorruptBlob &blob : report.corrupt) {
        auto *row = new QTreeWidgetItem(m_list, {blob.actual.isEmpty() ? tr("Unreadable") : tr("Corrupt"), blob.cacheId,
                                                 QStringLiteral("blobs/") + PathText::display(blob.name),
                                                 // The path is the Path column's: Details says what is wrong.
                                                 blob.actual.isEmpty() ? blob.error
                                                                       : tr("content hashes to %1").arg(QString::fromLatin1(blob.actual))});
        row->setIcon(0, ItemIcons::named(QStringLiteral("status-error")));
        row->setToolTip(2, PathText::display(blob.path));
        for (const auto &[commit, file] : blob.breaks)
            new QTreeWidgetItem(row, {tr("breaks"), QString::fromLatin1(commit.left(7)), PathText::display(file), {}});
    }
    for (const ListingProblem &problem : report.listingProblems) {
        auto *row = new QTreeWidgetItem(m_list, {ListingProblem::kindName(problem.kind),
                                                 problem.cacheId, PathText::display(problem.file), problem.message});
        row->setIcon(0, ItemIcons::named(QStringLiteral("status-warning")));
    }
    for (const CorruptBlob &blob : report.unusedMisnamed) {
        auto *row = new QTreeWidgetItem(m_list, {tr("Unused, misnamed"), blob.cacheId,
                                                 QStringLiteral("blobs/") + PathText::display(blob.name), blob.error});
        row->setIcon(0, ItemIcons::named(QStringLiteral("status-warning")));
        row->setToolTip(2, PathText::display(blob.path));
    }
    m_list->expandAll();
    for (QTreeWidgetItemIterator it(m_list); *it; ++it) {
        for (int column = 0; column < m_list->columnCount(); ++column) {
            if ((*it)->toolTip(column).isEmpty())
                (*it)->setToolTip(column, (*it)->text(column));
        }
    }
    // A 64-hex blob path must not push Details off the dialog: capped, the tooltip has it whole.
    for (int column = 0; column < DetailsColumn; ++column) {
        m_list->resizeColumnToContents(column);
        m_list->setColumnWidth(column, std::min(m_list->columnWidth(column), 220));
    }
    m_list->setVisible(rows > 0);
    if (rows > 0)
        m_list->setMinimumSize(640, 220);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(summary);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
}

} // namespace hfcache
