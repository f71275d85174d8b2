// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "common/LatestResult.h"
#include "cache/CacheSnapshot.h"
#include "maintain/DeletePlan.h"
#include "maintain/PruneOptions.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace hfcache {

// The options of `hfcache prune` and a live preview of what they remove (PrunePlanner on the
// last scan, computed off the GUI thread). Accepting hands plan() to the caller to execute.
class PruneDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PruneDialog(CacheSnapshotPtr snapshot, QWidget *parent = nullptr);

    const DeletePlan &plan() const { return m_plan; }
    bool isPreviewCurrent() const { return m_current; }

Q_SIGNALS:
    void previewReady();

private:
    PruneOptions options() const;
    void updatePreview();

    CacheSnapshotPtr m_snapshot;
    QCheckBox *m_detached;
    QCheckBox *m_incomplete;
    QCheckBox *m_orphans;
    QCheckBox *m_olderThan;
    QSpinBox *m_days;
    QCheckBox *m_keepLatest;
    QSpinBox *m_keep;
    QCheckBox *m_includeRefs;
    QLabel *m_summary;
    QPlainTextEdit *m_preview;
    QPushButton *m_prune;
    DeletePlan m_plan;
    LatestResult m_previews;  // only the newest preview is shown
    bool m_current = false;
};

} // namespace hfcache
