// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QLoggingCategory>

namespace hfcache {

// "hfcache.maintain": delete and prune plans, their executor, verify.
// Debug lines are off unless QT_LOGGING_RULES="hfcache.maintain.debug=true" (README "Reporting a bug").
Q_DECLARE_LOGGING_CATEGORY(lcMaintain)

} // namespace hfcache
