// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HomeCleanJob.h"
#include "HomeListing.h"

#include "common/LatestResult.h"

#include <QDialog>
#include <QTimer>

#include <optional>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace hfcache {

// "Clean…" of one cache kind of HF_HOME: the leftovers `hfcache clean` offers for that kind
// (xet chunk caches, logs, staging, the shard cache trimmed to a size; datasets map caches,
// orphans, interrupted builds; finished evaluate experiments; legacy caches) and the whole
// cache, each with what its dry run would free, as check boxes. The dry run of the ticked ones
// (HomeCleanJob::plan, on the pool) is shown as `hfcache clean --dry-run` prints it, with what
// is kept and why (a held lock, an open or mapped file, a running .incomplete). Clean asks once
// more, then the dialog is accepted and plan() is what the caller executes.
class HomeCleanDialog : public QDialog
{
    Q_OBJECT
public:
    // One line of the dialog: a target of `hfcache clean`, or the whole cache (no target).
    struct Category
    {
        QString key;                           // the CLI's word ("xet-chunk-cache"), "whole" for the whole cache
        std::optional<HomeCleanTarget> target;
        QString title;
        QString why;
    };
    // What the dialog offers for the kind `kindId` (empty for the hub cache and the token).
    static QList<Category> categoriesOf(const QString &kindId);

    HomeCleanDialog(const HomeListingPtr &listing, int kind, QWidget *parent = nullptr);

    // The dry run of the ticked categories, once isPlanned().
    const HomeCleanJob::Planned &dryRun() const { return m_planned; }
    bool isPlanned() const { return m_isPlanned; }
    bool isSurveyed() const { return m_isSurveyed; }

Q_SIGNALS:
    void surveyed();  // each category's own dry run is shown
    void planned();   // the dry run of the ticked ones is shown

private:
    struct Row
    {
        Category category;
        QCheckBox *box = nullptr;
        QLabel *size = nullptr;
    };
    HomeCleanJob::Request request(const QList<const Row *> &rows) const;
    void survey();
    void replan();
    void showPlanned(const HomeCleanJob::Planned &planned);
    void confirm();

    HomeListingPtr m_listing;
    KindSnapshotPtr m_kind;
    QList<Row> m_rows;
    QDoubleSpinBox *m_shardLimit = nullptr;
    QLabel *m_total;
    QLabel *m_kept;
    QPlainTextEdit *m_details;
    QPushButton *m_clean;
    QTimer m_replanDelay;
    LatestResult m_surveys;
    LatestResult m_plans;
    HomeCleanJob::Planned m_planned;
    bool m_isPlanned = false;
    bool m_isSurveyed = false;
};

} // namespace hfcache
