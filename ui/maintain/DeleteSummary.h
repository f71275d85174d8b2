// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "maintain/DeletePlan.h"
#include "maintain/DeleteResult.h"

#include <QCoreApplication>
#include <QMessageBox>
#include <QPointer>
#include <QString>

namespace hfcache {

// What an executed delete tells the user, in the hub browser (Delete, Prune) and in the view of
// every cache (Clean, Delete): what was done, and line by line what was refused, failed (path and
// reason, with what is left), kept and why.
class DeleteSummary
{
    Q_DECLARE_TR_FUNCTIONS(DeleteSummary)
public:
    // "Deleted 3 of 4 item(s), freed 1.2 GB.", after "Not everything could be deleted." when so.
    static QString headline(const DeletePlan &plan, const DeleteResult &result);
    // One line per refusal, failure, kept file and warning; empty when there is none.
    static QString details(const DeleteResult &result);
    // The message box with `text` and the details, replacing `*shown` when one is still open;
    // deletes itself when closed.
    static void show(QPointer<QMessageBox> *shown, const QString &title, const QString &text,
                     const DeleteResult &result, const QString &objectName, QWidget *parent);
};

} // namespace hfcache
