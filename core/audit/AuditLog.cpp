// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "AuditLog.h"

namespace hfcache {

// Info and up by default: debug lines never reach a user's stderr unless asked for.
Q_LOGGING_CATEGORY(lcAudit, "hfcache.audit", QtInfoMsg)

} // namespace hfcache
