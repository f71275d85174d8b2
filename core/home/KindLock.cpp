// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "KindLock.h"

namespace hfcache {

namespace {
const QList<ProcessInfo> noProcesses;
}

const QList<ProcessInfo> &KindLock::holders() const
{
    return activity ? activity->holders : noProcesses;
}

const QList<ProcessInfo> &KindLock::waiters() const
{
    return activity ? activity->waiters : noProcesses;
}

} // namespace hfcache
