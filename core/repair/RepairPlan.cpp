// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RepairPlan.h"

#include "RepairPlanReader.h"
#include "cache/BlobKind.h"
#include "util/FdWalk.h"
#include "util/PathText.h"
#include "util/PathPrefix.h"

namespace hfcache {

namespace {

using Kind = RepairOperation::Kind;

} // namespace

QByteArray RepairPlan::toJson() const
{
    QByteArray out;
    out.reserve(64 + operations.size() * 96);
    out += "{\"version\":1,\"root\":";
    PathText::appendJsonString(out, root);
    if (sharedGroup >= 0)
        out += ",\"sharedGroup\":" + QByteArray::number(sharedGroup);
    out += ",\"operations\":[";
    for (qsizetype i = 0; i < operations.size(); ++i) {
        const RepairOperation &op = operations[i];
        out += i ? ",\n{\"op\":\"" : "\n{\"op\":\"";
        out += op.kindName().toLatin1() + "\",\"path\":";
        PathText::appendJsonString(out, op.path);
        if (op.uid >= 0)
            out += ",\"uid\":" + QByteArray::number(op.uid);
        if (op.gid >= 0)
            out += ",\"gid\":" + QByteArray::number(op.gid);
        if (op.kind == Kind::Chmod)
            out += ",\"mode\":\"" + QByteArray::number(op.mode, 8).rightJustified(4, '0') + '"';
        out += '}';
    }
    out += "]}\n";
    return out;
}

bool RepairPlan::fromJson(const QByteArray &json, RepairPlan *plan, QString *error)
{
    if (json.size() > kMaxJsonBytes) {
        *error = QStringLiteral("plan larger than %1 bytes").arg(kMaxJsonBytes);
        return false;
    }
    return RepairPlanReader(json).read(plan, error);
}

bool RepairPlan::isSystemPath(const QByteArray &root)
{
    // Never a cache root, nor anything below them.
    static const char *const kTrees[] = {"/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32",
                                         "/proc", "/run", "/sbin", "/sys", "/usr", "/var/lib", "/var/log",
                                         "/var/spool", "/var/mail", "/var/backups"};
    // Never a cache root themselves (caches below them are normal).
    static const char *const kExact[] = {"/", "/home", "/root", "/var", "/srv", "/opt", "/mnt", "/media", "/tmp",
                                          "/var/tmp", "/var/cache"};
    for (const char *tree : kTrees) {
        if (PathPrefix::isSameOrUnder(root, tree))
            return true;
    }
    for (const char *exact : kExact) {
        if (root == exact)
            return true;
    }
    return false;
}

bool RepairPlan::validate(const RepairInvoker &invoker, QString *error) const
{
    QString why;
    if (!root.startsWith('/') || root == "/" || !FdWalk::isValidRelativePath(root.mid(1), &why)) {
        *error = QStringLiteral("cache root %1 must be an absolute path without '.', '..' or '//' %2")
                     .arg(PathText::display(root), why);
        return false;
    }
    if (isSystemPath(root)) {
        *error = QStringLiteral("refusing to repair %1: a system folder, not a Hugging Face cache").arg(PathText::display(root));
        return false;
    }
    if (sharedGroup >= 0 && !invoker.isMemberOf(quint32(sharedGroup))) {
        *error = QStringLiteral("shared group %1: the invoking user (uid %2) is not a member of it")
                     .arg(sharedGroup)
                     .arg(invoker.uid);
        return false;
    }
    const auto groupAllowed = [&](qint64 gid) {
        return invoker.isRoot() || gid == qint64(invoker.gid) || (sharedGroup >= 0 && gid == sharedGroup);
    };
    for (qsizetype i = 0; i < operations.size(); ++i) {
        const RepairOperation &op = operations[i];
        const auto fail = [&](const QString &reason) {
            *error = op.errorText(i, reason);
            return false;
        };
        if (!FdWalk::isValidRelativePath(op.path, &why))
            return fail(why);
        const bool needsUid = op.kind == Kind::Chown;
        const bool needsGid = op.kind == Kind::Chgrp || op.kind == Kind::DefaultAcl;
        const bool mayGid = needsGid || op.kind == Kind::Chown;
        if ((op.uid >= 0) != needsUid || (needsGid && op.gid < 0) || (!mayGid && op.gid >= 0))
            return fail(QStringLiteral("arguments do not fit the operation"));
        if (op.kind == Kind::Chmod && op.mode > 0777)
            return fail(QStringLiteral("mode %1 has bits beyond 0777 (setuid, setgid and sticky are not "
                                       "set through chmod)").arg(op.mode, 0, 8));
        if (op.kind != Kind::Chmod && op.mode != 0)
            return fail(QStringLiteral("a mode only goes with chmod"));
        if (needsUid && !invoker.isRoot() && op.uid != qint64(invoker.uid))
            return fail(QStringLiteral("uid %1 is not the invoking user's (%2)").arg(op.uid).arg(invoker.uid));
        if (op.gid >= 0 && !groupAllowed(op.gid))
            return fail(QStringLiteral("group %1 is neither the invoking user's primary group nor the plan's shared group")
                            .arg(op.gid));
        if (op.kind == Kind::RemoveIncomplete) {
            const QList<QByteArray> parts = op.path.split('/');
            if (parts.size() != 3 || parts[1] != "blobs" || incompleteEtag(parts[2]).isEmpty())
                return fail(QStringLiteral("only <repo>/blobs/<etag>.incomplete files can be removed"));
        }
    }
    return true;
}

} // namespace hfcache
