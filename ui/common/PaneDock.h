// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QString>

class QDockWidget;
class QWidget;

namespace hfcache {

class MainWindow;

// Puts a feature pane in a dock at the bottom of the window, tabbed with the panes already
// there, and its show/hide action in the View section of the context menu.
QDockWidget *addPaneDock(MainWindow &window, QWidget *pane, const QString &title, const QString &objectName);

} // namespace hfcache
