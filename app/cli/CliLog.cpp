// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CliLog.h"

namespace hfcache {

// Info and up by default: debug lines never reach a user's stderr unless asked for.
Q_LOGGING_CATEGORY(lcCli, "hfcache.cli", QtInfoMsg)

} // namespace hfcache
