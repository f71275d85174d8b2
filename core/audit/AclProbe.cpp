// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "AclProbe.h"

#include "util/SystemError.h"

#include <acl/libacl.h>
#include <sys/acl.h>

#include <cerrno>

namespace hfcache::AclProbe {

Support support(const QByteArray &path, QString *reason)
{
    acl_t acl = ::acl_get_file(path.constData(), ACL_TYPE_ACCESS);
    if (acl) {
        ::acl_free(acl);
        return Support::Supported;
    }
    const int error = errno;
    if (reason)
        *reason = pathError(QStringLiteral("cannot read the ACL of"), path, error);
    return error == ENOTSUP || error == EOPNOTSUPP ? Support::Unsupported : Support::Unknown;
}

namespace {

bool hasRwx(acl_entry_t entry)
{
    acl_permset_t permset = nullptr;
    if (::acl_get_permset(entry, &permset) != 0)
        return false;
    return ::acl_get_perm(permset, ACL_READ) == 1 && ::acl_get_perm(permset, ACL_WRITE) == 1
           && ::acl_get_perm(permset, ACL_EXECUTE) == 1;
}

} // namespace

bool defaultAclGrantsGroup(const QByteArray &dir, quint32 gid, quint32 dirGid)
{
    acl_t acl = ::acl_get_file(dir.constData(), ACL_TYPE_DEFAULT);
    if (!acl)
        return false;
    bool granted = false;
    bool maskAllows = true;  // no mask entry: nothing limits the group entries
    acl_entry_t entry;
    for (int which = ACL_FIRST_ENTRY; ::acl_get_entry(acl, which, &entry) == 1; which = ACL_NEXT_ENTRY) {
        acl_tag_t tag;
        if (::acl_get_tag_type(entry, &tag) != 0)
            continue;
        if (tag == ACL_MASK) {
            maskAllows = hasRwx(entry);
        } else if (tag == ACL_GROUP_OBJ && gid == dirGid) {
            granted = granted || hasRwx(entry);
        } else if (tag == ACL_GROUP) {
            void *qualifier = ::acl_get_qualifier(entry);
            if (qualifier) {
                if (*static_cast<gid_t *>(qualifier) == gid)
                    granted = granted || hasRwx(entry);
                ::acl_free(qualifier);
            }
        }
    }
    ::acl_free(acl);
    return granted && maskAllows;
}

QString defaultAclEntry(const QString &group)
{
    return QStringLiteral("g:%1:rwX").arg(group);
}

} // namespace hfcache::AclProbe
