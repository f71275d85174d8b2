// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "PruneDialog.h"

#include "common/BackgroundTask.h"

#include "maintain/ProcInUseChecker.h"
#include "maintain/PrunePlanner.h"
#include "util/HumanFormat.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace hfcache {

namespace {

constexpr qint64 SecondsPerDay = 24 * 3600;

} // namespace

PruneDialog::PruneDialog(CacheSnapshotPtr snapshot, QWidget *parent)
    : QDialog(parent)
    , m_snapshot(std::move(snapshot))
    , m_detached(new QCheckBox(tr("&Detached revisions (no branch or tag points to them)"), this))
    , m_incomplete(new QCheckBox(tr("&Interrupted downloads (.incomplete files nobody is writing)"), this))
    , m_orphans(new QCheckBox(tr("&Orphan blobs (no revision uses them)"), this))
    , m_olderThan(new QCheckBox(tr("Revisions &not used for"), this))
    , m_days(new QSpinBox(this))
    , m_keepLatest(new QCheckBox(tr("&Keep each repo's newest"), this))
    , m_keep(new QSpinBox(this))
    , m_includeRefs(new QCheckBox(tr("Also revisions a &branch, tag or PR points to (main included)"), this))
    , m_summary(new QLabel(this))
    , m_preview(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("pruneDialog"));
    m_detached->setObjectName(QStringLiteral("pruneDetached"));
    m_incomplete->setObjectName(QStringLiteral("pruneIncomplete"));
    m_orphans->setObjectName(QStringLiteral("pruneOrphans"));
    m_olderThan->setObjectName(QStringLiteral("pruneOlderThan"));
    m_days->setObjectName(QStringLiteral("pruneDays"));
    m_keepLatest->setObjectName(QStringLiteral("pruneKeepLatest"));
    m_keep->setObjectName(QStringLiteral("pruneKeep"));
    m_includeRefs->setObjectName(QStringLiteral("pruneIncludeRefs"));
    setWindowTitle(tr("Prune Cache"));
    m_days->setRange(1, 3650);
    m_days->setValue(30);
    m_days->setSuffix(tr(" days"));
    m_keep->setRange(0, 100);
    m_keep->setValue(1);
    m_keep->setSuffix(tr(" revision(s)"));
    m_preview->setObjectName(QStringLiteral("prunePreview"));
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setAccessibleName(tr("What prune removes"));
    m_preview->setMinimumSize(600, 180);
    m_includeRefs->setToolTip(tr("Off: revisions a ref points to stay whatever the criteria, and are listed as kept."));
    auto *note = new QLabel(tr("Revision criteria narrow each other; interrupted downloads and orphan blobs are added on top. "
                               "Newest: the revision main points to, then by when a ref moved to it, then by last access."),
                            this);
    note->setWordWrap(true);

    auto *grid = new QGridLayout;
    grid->addWidget(m_detached, 0, 0, 1, 2);
    grid->addWidget(m_olderThan, 1, 0);
    grid->addWidget(m_days, 1, 1);
    grid->addWidget(m_keepLatest, 2, 0);
    grid->addWidget(m_keep, 2, 1);
    grid->addWidget(m_includeRefs, 3, 0, 1, 2);
    grid->addWidget(m_incomplete, 4, 0, 1, 2);
    grid->addWidget(m_orphans, 5, 0, 1, 2);
    grid->setColumnStretch(2, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_prune = buttons->addButton(tr("&Prune"), QDialogButtonBox::AcceptRole);
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(note);
    layout->addWidget(m_summary);
    layout->addWidget(m_preview, 1);
    layout->addWidget(buttons);

    // With nothing chosen prune does what `hf cache prune` does.
    m_detached->setChecked(true);
    m_incomplete->setChecked(true);
    for (QCheckBox *box : {m_detached, m_incomplete, m_orphans, m_olderThan, m_keepLatest, m_includeRefs})
        connect(box, &QCheckBox::toggled, this, &PruneDialog::updatePreview);
    for (QSpinBox *spin : {m_days, m_keep})
        connect(spin, &QSpinBox::valueChanged, this, &PruneDialog::updatePreview);
    updatePreview();
}

PruneOptions PruneDialog::options() const
{
    PruneOptions options;
    options.detached = m_detached->isChecked();
    options.incomplete = m_incomplete->isChecked();
    options.orphans = m_orphans->isChecked();
    options.olderThanSeconds = m_olderThan->isChecked() ? m_days->value() * SecondsPerDay : -1;
    options.keepLatest = m_keepLatest->isChecked() ? m_keep->value() : -1;
    options.includeRefs = m_includeRefs->isChecked();
    return options;
}

void PruneDialog::updatePreview()
{
    m_days->setEnabled(m_olderThan->isChecked());
    m_keep->setEnabled(m_keepLatest->isChecked());
    m_includeRefs->setEnabled(m_olderThan->isChecked() || m_keepLatest->isChecked());
    m_current = false;
    m_prune->setEnabled(false);
    m_summary->setText(tr("Computing…"));
    const CacheSnapshotPtr snapshot = m_snapshot;
    const PruneOptions options = this->options();
    // The planner asks which repos a download works in (/proc, lock folders): off the GUI thread.
    m_previews.run(
        this,
        [snapshot, options] {
            const ProcInUseChecker inUse;
            return PrunePlanner::plan(snapshot, options, QDateTime::currentSecsSinceEpoch(), &inUse);
        },
        [this](const DeletePlan &plan) {
            m_plan = plan;
            m_current = true;
            m_preview->setPlainText(plan.render());
            m_summary->setText(plan.isEmpty() ? tr("Nothing to prune with these options.")
                                              : tr("<b>%1 item(s) go, freeing %2 on disk.</b>")
                                                    .arg(plan.items.size()).arg(HumanFormat::size(plan.bytesFreed())));
            m_prune->setEnabled(!plan.isEmpty());
            Q_EMIT previewReady();
        });
}

} // namespace hfcache
