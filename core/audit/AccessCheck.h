// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "UserIdentity.h"
#include "cache/EntryStat.h"

#include <QString>

namespace hfcache {

// The kernel's permission check on mode bits (owner class, else group class, else others;
// root passes except for executing files), decided from a stored EntryStat. POSIX ACLs on
// individual files are not visible in an lstat and are not considered.
namespace AccessCheck {

enum Want { Read = 4, Write = 2, Search = 1 };

bool allows(const UserIdentity &user, const EntryStat &stat, int want);
// Why `user` is denied `want` on `stat`, e.g. "alice is neither the owner (bob) nor in the
// group (bob); others have r-x, and write is needed".
QString explainDenial(const UserIdentity &user, const EntryStat &stat, int want);
// "read", "write + search" ...
QString wantText(int want);
// "drwxr-sr-x", as ls -l and namei -l print it.
QString modeString(quint32 mode);
// "2775"
QString octal(quint32 permissions);

} // namespace AccessCheck

} // namespace hfcache
