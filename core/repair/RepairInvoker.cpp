// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RepairInvoker.h"

#include <QByteArray>

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <vector>

namespace hfcache {

bool RepairInvoker::forUid(quint32 uid, RepairInvoker *invoker)
{
    const passwd *pw = ::getpwuid(uid);
    if (!pw)
        return false;
    invoker->uid = uid;
    invoker->gid = pw->pw_gid;
    int count = 64;
    std::vector<gid_t> list(static_cast<size_t>(count));
    if (::getgrouplist(pw->pw_name, pw->pw_gid, list.data(), &count) < 0) {
        list.resize(size_t(count));
        ::getgrouplist(pw->pw_name, pw->pw_gid, list.data(), &count);
    }
    invoker->groups.clear();
    for (int i = 0; i < count; ++i)
        invoker->groups.append(list[size_t(i)]);
    return true;
}

RepairInvoker RepairInvoker::current()
{
    RepairInvoker invoker;
    if (!forUid(::getuid(), &invoker)) {
        invoker.uid = ::getuid();
        invoker.gid = ::getgid();
        invoker.groups = {invoker.gid};
    }
    return invoker;
}

bool RepairInvoker::fromLauncher(const char *pkexecUid, const char *sudoUid, RepairInvoker *invoker)
{
    quint32 uid = ::getuid();
    if (uid == 0) {
        for (const char *text : {pkexecUid, sudoUid}) {
            if (!text || !*text)
                continue;
            bool ok = false;
            const uint parsed = QByteArray(text).toUInt(&ok);
            if (!ok)
                return false;
            uid = parsed;
            break;
        }
    }
    return forUid(uid, invoker);
}

} // namespace hfcache
