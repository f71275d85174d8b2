// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

namespace hfcache {

class MainWindow;

// Plugs the feature actions (export, repair, delete, prune, verify, updates, panes) into a
// window through its ActionRegistry, menus and signals. One line per feature in the .cpp keeps
// MainWindow itself free of feature code.
void installWindowFeatures(MainWindow &window);

} // namespace hfcache
