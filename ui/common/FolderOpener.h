// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace hfcache {

// Shows a folder in the desktop's file manager. When nothing can open it (no xdg-open, no
// handler for folders: QDesktopServices::openUrl() answers false) the user is told so and
// offered the path to copy, instead of a click that silently does nothing.
class FolderOpener
{
    Q_DECLARE_TR_FUNCTIONS(FolderOpener)
public:
    // False when the failure message was shown (object name "openFolderFailed").
    static bool open(QWidget *parent, const QString &folder);
};

} // namespace hfcache
