// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "maintain/VerifyReport.h"

#include <QDialog>

class QTreeWidget;

namespace hfcache {

// What a verify found: a summary line and one row per corrupt blob (with the files it breaks)
// and per difference from the Hub's file listing.
class VerifyResultsDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column { ProblemColumn, RepoColumn, PathColumn, DetailsColumn };
    explicit VerifyResultsDialog(const VerifyReport &report, QWidget *parent = nullptr);

private:
    QTreeWidget *m_list;
};

} // namespace hfcache
