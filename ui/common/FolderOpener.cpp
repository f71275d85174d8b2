// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "FolderOpener.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QMessageBox>
#include <QPushButton>
#include <QUrl>

namespace hfcache {

bool FolderOpener::open(QWidget *parent, const QString &folder)
{
    if (QDesktopServices::openUrl(QUrl::fromLocalFile(folder)))
        return true;
    auto *box = new QMessageBox(QMessageBox::Information, tr("Open Folder"),
                                tr("No file manager could be started to show this folder (is xdg-open installed, "
                                   "with an application for folders?). Copy its path to open it yourself:"),
                                QMessageBox::Close, parent);
    box->setObjectName(QStringLiteral("openFolderFailed"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(folder);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPushButton *copy = box->addButton(tr("&Copy Path"), QMessageBox::AcceptRole);
    box->setDefaultButton(copy);
    QObject::connect(copy, &QPushButton::clicked, box, [folder] { QApplication::clipboard()->setText(folder); });
    box->open();
    return false;
}

} // namespace hfcache
