// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QLoggingCategory>

namespace hfcache {

// "hfcache.audit": permission and ownership diagnosis.
// Debug lines are off unless QT_LOGGING_RULES="hfcache.audit.debug=true" (README "Reporting a bug").
Q_DECLARE_LOGGING_CATEGORY(lcAudit)

} // namespace hfcache
