// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QLoggingCategory>

namespace hfcache {

// "hfcache.hub": Hub requests, update checks and fetches.
// Debug lines are off unless QT_LOGGING_RULES="hfcache.hub.debug=true" (README "Reporting a bug").
Q_DECLARE_LOGGING_CATEGORY(lcHub)

} // namespace hfcache
