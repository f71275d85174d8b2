// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QLoggingCategory>

namespace hfcache {

// "hfcache.repair": repair plans, their executor and the helper client.
// Debug lines are off unless QT_LOGGING_RULES="hfcache.repair.debug=true" (README "Reporting a bug").
Q_DECLARE_LOGGING_CATEGORY(lcRepair)

} // namespace hfcache
