// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

namespace hfcache {

class WindowHost;

// Plugs the features (export, delete, prune, verify, repair, the panes, updates, fetch, local_dir,
// settings) into a window. Every feature is one `new Feature(host)`: it registers its actions,
// menus, panes and status widgets through the host and is owned by it, so MainWindow holds no
// feature code and a new feature is one line in the .cpp.
void installWindowFeatures(WindowHost &host);

} // namespace hfcache
