// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QLoggingCategory>

namespace hfcache {

// "hfcache.gui": hfcache-gui's window, features and background tasks.
// Debug lines are off unless QT_LOGGING_RULES="hfcache.gui.debug=true" (README "Reporting a bug").
Q_DECLARE_LOGGING_CATEGORY(lcGui)

} // namespace hfcache
