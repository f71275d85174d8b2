// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QLoggingCategory>

namespace hfcache {

// "hfcache.activity": /proc/locks, open files and downloads in progress.
// Debug lines are off unless QT_LOGGING_RULES="hfcache.activity.debug=true" (README "Reporting a bug").
Q_DECLARE_LOGGING_CATEGORY(lcActivity)

} // namespace hfcache
