// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QtGlobal>

namespace hfcache {

// One process using one file: through an open descriptor, a memory mapping, or both.
struct FileUse
{
    qint64 pid = 0;
    bool open = false;
    bool mapped = false;
    bool writeOnly = false;  // open O_WRONLY: how SoftFileLock holds its marker
};

} // namespace hfcache
