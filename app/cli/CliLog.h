// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QLoggingCategory>

namespace hfcache {

// "hfcache.cli": the command-line commands (their messages to users stay plain stderr).
// Debug lines are off unless QT_LOGGING_RULES="hfcache.cli.debug=true" (README "Reporting a bug").
Q_DECLARE_LOGGING_CATEGORY(lcCli)

} // namespace hfcache
