// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "maintain/DeletePlan.h"
#include "maintain/DeleteResult.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace hfcache {

// Asks before a delete: what goes (DeletePlan::render, the same text as `hfcache rm --dry-run`),
// the bytes freed, and in words why it cannot go ahead (files in use, a download holding a lock).
class DeleteConfirmDialog : public QDialog
{
    Q_OBJECT
public:
    DeleteConfirmDialog(const DeletePlan &plan, const DeleteResult &check, QWidget *parent = nullptr);

private:
    QLabel *m_headline;
    QLabel *m_refusals;
    QPushButton *m_delete;
};

} // namespace hfcache
