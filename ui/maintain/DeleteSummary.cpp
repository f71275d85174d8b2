// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DeleteSummary.h"

#include "util/HumanFormat.h"
#include "util/PathText.h"

#include <QStringList>

namespace hfcache {

QString DeleteSummary::headline(const DeletePlan &plan, const DeleteResult &result)
{
    const QString text = tr("Deleted %1 of %n item(s), freed %2.", nullptr, int(plan.items.size()))
                             .arg(result.itemsDone)
                             .arg(HumanFormat::size(result.bytesFreed));
    return result.ok() ? text : tr("Not everything could be deleted.") + QLatin1Char(' ') + text;
}

QString DeleteSummary::details(const DeleteResult &result)
{
    QStringList lines;
    for (const DeleteNote &note : result.refusals)
        lines << tr("Refused %1: %2").arg(PathText::display(note.path), note.reason);
    if (!result.unknownUse.isEmpty())
        lines << tr("Refused: %1").arg(result.unknownUse);
    for (const DeleteFailure &failure : result.failures)
        lines << failure.error + QLatin1Char('\n') + failure.left.join(QLatin1Char('\n'));
    for (const DeleteNote &note : result.kept)
        lines << tr("Kept %1: %2").arg(PathText::display(note.path), note.reason);
    lines << result.warnings;
    return lines.join(QLatin1Char('\n'));
}

void DeleteSummary::show(QPointer<QMessageBox> *shown, const QString &title, const QString &text,
                         const DeleteResult &result, const QString &objectName, QWidget *parent)
{
    if (*shown)
        (*shown)->close();
    auto *box = new QMessageBox(result.ok() ? QMessageBox::Information : QMessageBox::Warning, title, text,
                                QMessageBox::Close, parent);
    box->setObjectName(objectName);
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (const QString more = details(result); !more.isEmpty())
        box->setDetailedText(more);
    *shown = box;
    box->open();
}

} // namespace hfcache
