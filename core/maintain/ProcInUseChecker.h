// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "InUseChecker.h"

#include <QByteArray>

namespace hfcache {

// InUseChecker over /proc/<pid>/fd and /proc/<pid>/maps (core/activity's ProcessFiles). Sees
// every process as root and the caller's own otherwise; our own process is never a user (it
// holds the blob locks). When some processes cannot be inspected, content files the caller
// owns are asked of the kernel (LeaseProbe); the others are reported as unknown.
class ProcInUseChecker : public InUseChecker
{
public:
    explicit ProcInUseChecker(QByteArray procRoot = "/proc") : m_procRoot(std::move(procRoot)) {}
    InUseAnswer check(const QHash<FileKey, QByteArray> &files) const override;

private:
    QByteArray m_procRoot;
};

} // namespace hfcache
