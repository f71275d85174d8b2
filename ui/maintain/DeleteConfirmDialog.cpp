// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DeleteConfirmDialog.h"

#include "common/ItemIcons.h"

#include "util/HumanFormat.h"
#include "util/PathText.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace hfcache {

namespace {

QString notesText(const QByteArray &root, const QList<DeleteNote> &notes)
{
    QStringList lines;
    for (const DeleteNote &note : notes)
        lines << QStringLiteral("%1: %2").arg(PathText::display(root + '/' + note.path), note.reason);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

DeleteConfirmDialog::DeleteConfirmDialog(const DeletePlan &plan, const DeleteResult &check, QWidget *parent)
    : QDialog(parent)
    , m_headline(new QLabel(this))
    , m_refusals(new QLabel(this))
{
    setObjectName(QStringLiteral("deleteConfirmDialog"));
    setWindowTitle(tr("Delete From Cache"));
    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(40, 40));
    icon->setAlignment(Qt::AlignTop);

    // Each item's content is the size the tree shows for its row (DeleteItem::contentSize); what it
    // frees is the part of that which goes plus the folders, refs, links and lock files.
    QStringList labels;
    for (const DeleteItem &item : plan.items)
        labels << QStringLiteral("<li>%1 — %2</li>")
                      .arg(item.label().toHtmlEscaped(),
                           tr("frees %1: %2 of its %3 of content + %4 of folders, refs, links and lock files")
                               .arg(HumanFormat::size(item.bytesFreed), HumanFormat::size(item.contentFreed),
                                    HumanFormat::size(item.contentSize), HumanFormat::size(item.overheadFreed())));
    const QString question = plan.items.size() == 1 ? tr("Delete this item, freeing %1 on disk?")
                                                    : tr("Delete these %1 items, freeing %2 on disk?").arg(plan.items.size());
    m_headline->setText(tr("<p><b>%1</b></p><ul>%2</ul><p>This cannot be undone; the files can be downloaded again.</p>")
                            .arg(question.arg(HumanFormat::size(plan.bytesFreed())), labels.join(QString())));
    m_headline->setObjectName(QStringLiteral("deleteHeadline"));
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // The exact operations, for those who want to see them (same text as the CLI's dry run).
    auto *details = new QPlainTextEdit(plan.render(), this);
    details->setReadOnly(true);
    details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    details->setLineWrapMode(QPlainTextEdit::NoWrap);
    details->setAccessibleName(tr("What will be deleted"));
    details->setMinimumSize(560, 160);

    const QString refused = notesText(plan.root, check.refusals)
                            + (check.unknownUse.isEmpty() ? QString()
                                                          : (check.refusals.isEmpty() ? QString() : QStringLiteral("\n"))
                                                                + tr("Not checked: %1. Run hfcache-gui as root to see every "
                                                                     "process, or ask the other users to close their programs.")
                                                                      .arg(check.unknownUse));
    m_refusals->setText(refused.isEmpty() ? QString()
                                          : tr("<b>Nothing can be deleted now:</b> a running program uses these files "
                                               "or a download holds their lock. Close it or wait, then try again.<br>%1")
                                                .arg(refused.toHtmlEscaped().replace(QLatin1Char('\n'), QLatin1String("<br>"))));
    m_refusals->setObjectName(QStringLiteral("deleteRefusals"));
    m_refusals->setWordWrap(true);
    m_refusals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_refusals->setVisible(!refused.isEmpty());

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_delete = buttons->addButton(tr("&Delete"), QDialogButtonBox::AcceptRole);
    m_delete->setIcon(QApplication::style()->standardIcon(QStyle::SP_TrashIcon));
    m_delete->setObjectName(QStringLiteral("deleteButton"));
    m_delete->setEnabled(!plan.isEmpty() && !check.refused);
    // Cancel is the default: Enter must never delete.
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addWidget(m_headline, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(details, 1);
    layout->addWidget(m_refusals);
    layout->addWidget(buttons);
    if (!plan.kept.isEmpty() || !check.kept.isEmpty())
        details->appendPlainText(tr("Kept:\n%1").arg(notesText(plan.root, plan.kept + check.kept)));
}

} // namespace hfcache
