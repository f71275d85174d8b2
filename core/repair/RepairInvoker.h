// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QList>
#include <QtGlobal>

namespace hfcache {

// The user a repair is done for, and what that user may ask the helper for: files can only be
// given to them, and groups only to their own groups (the shared-cache case).
struct RepairInvoker
{
    quint32 uid = 0;
    quint32 gid = 0;            // primary group
    QList<quint32> groups;      // every group the user is a member of (primary included)

    // The calling process's user (in-process repairs, plan building).
    static RepairInvoker current();
    // Who asked a root helper: PKEXEC_UID (pkexec), else SUDO_UID (sudo), else the real uid.
    // The variables are only believed when the real uid is root, i.e. a trusted launcher set them.
    // False when the uid named there has no account.
    static bool fromLauncher(const char *pkexecUid, const char *sudoUid, RepairInvoker *invoker);
    static bool forUid(quint32 uid, RepairInvoker *invoker);

    bool isRoot() const { return uid == 0; }
    // Whether the user may use `group`: root may use any.
    bool isMemberOf(quint32 group) const { return isRoot() || hasGroup(group); }
    // Whether `group` is one of the user's own groups (root's are root's, not every group).
    bool hasGroup(quint32 group) const { return groups.contains(group); }
};

} // namespace hfcache
