// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "activity/FileKey.h"


namespace hfcache::LeaseProbe {

enum class State { Unused, Used, Unknown };

// Whether any other process (of any user) has a file open or mapped, asked of the kernel: a
// write lease (F_SETLEASE) is granted only while no other open file or mapping of the inode
// exists; it is dropped at once. Works for the file's owner (or CAP_LEASE) on local file
// systems; Unknown otherwise, or when `name` (in the folder `dirFd`, or AT_FDCWD) is no longer
// the file `expected`.
State probeAt(int dirFd, const char *name, const FileKey &expected);

} // namespace hfcache::LeaseProbe
