// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>

namespace hfcache::ProcFile {

// Reads a whole /proc file (they report size 0, so read until EOF). Returns 0 or the errno;
// `dirFd` may be AT_FDCWD. Never follows a final symlink.
int readAll(int dirFd, const char *name, QByteArray *out, qsizetype limit = 1 << 24);

} // namespace hfcache::ProcFile
