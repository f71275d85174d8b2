// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RepairExecutor.h"

#include "RepairLog.h"

#include "cache/BlobKind.h"
#include "cache/BlobLock.h"
#include "util/PathText.h"
#include "util/SystemError.h"

#include <QRandomGenerator>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <linux/posix_acl.h>
#include <linux/posix_acl_xattr.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452  // the same number on every architecture; glibc 2.36 predates it
#endif

namespace hfcache {

namespace {

using Kind = RepairOperation::Kind;

// Plain concatenation: these run once per operation of 100k-entry plans.
QString octal(quint32 mode)
{
    return QString::number(mode & 07777, 8).rightJustified(4, QLatin1Char('0'));
}

QString owner(quint32 uid, quint32 gid)
{
    return QString::number(uid) + QLatin1Char(':') + QString::number(gid);
}

// What an operation makes of an entry that is `st` now.
quint32 newUid(const RepairOperation &op, const FdWalk::Stat &st)
{
    return op.kind == Kind::Chown ? quint32(op.uid) : st.uid;
}

quint32 newGid(const RepairOperation &op, const FdWalk::Stat &st)
{
    return (op.kind == Kind::Chown || op.kind == Kind::Chgrp) && op.gid >= 0 ? quint32(op.gid) : st.gid;
}

quint32 newMode(const RepairOperation &op, const FdWalk::Stat &st)
{
    return op.kind == Kind::Chmod ? RepairOperation::keptSpecialBits(st.mode) | op.mode : (st.mode & 07777) | S_ISGID;
}

// A real fd for an O_PATH one (which fchmod and fsetxattr refuse): through /proc/self/fd, which
// reaches the same inode without resolving any name again.
UniqueFd reopen(const FdWalk::Entry &entry)
{
    char link[32];
    std::snprintf(link, sizeof link, "/proc/self/fd/%d", entry.fd.get());
    const int flags = O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC | (entry.stat.isDirectory() ? O_DIRECTORY : 0);
    UniqueFd fd(::open(link, flags));
    FdWalk::Stat stat;
    if (fd.isValid() && (!FdWalk::statFd(fd.get(), &stat) || stat.inode != entry.stat.inode
                         || stat.device != entry.stat.device)) {
        fd.reset();
        errno = ESTALE;
    }
    return fd;
}

void appendAclEntry(QByteArray &xattr, quint16 tag, quint16 perm, quint32 id)
{
    const posix_acl_xattr_entry entry{tag, perm, id};  // the kernel's format is little-endian,
    xattr.append(reinterpret_cast<const char *>(&entry), sizeof entry);  // as is every Linux host we build for
}

// system.posix_acl_default for `setfacl -d -m g:GID:rwX` on a folder with mode `mode`.
QByteArray defaultAcl(quint32 mode, quint32 gid)
{
    QByteArray xattr;
    const posix_acl_xattr_header header{POSIX_ACL_XATTR_VERSION};
    xattr.append(reinterpret_cast<const char *>(&header), sizeof header);
    const quint32 undefined = quint32(-1);
    appendAclEntry(xattr, ACL_USER_OBJ, (mode >> 6) & 7, undefined);
    appendAclEntry(xattr, ACL_GROUP_OBJ, (mode >> 3) & 7, undefined);
    appendAclEntry(xattr, ACL_GROUP, 7, gid);
    appendAclEntry(xattr, ACL_MASK, 7, undefined);
    appendAclEntry(xattr, ACL_OTHER, mode & 7, undefined);
    return xattr;
}

} // namespace

RepairExecutor::RepairExecutor(const RepairPlan &plan, const RepairInvoker &invoker, RepairAuthorization::Mode mode)
    : m_plan(plan), m_invoker(invoker), m_authorization(plan, m_invoker, mode), m_privileged(::geteuid() == 0)
{
}

QString RepairExecutor::statusName(Status status)
{
    switch (status) {
    case Status::Changed:
        return QStringLiteral("changed");
    case Status::Unchanged:
        return QStringLiteral("unchanged");
    case Status::Failed:
        break;
    }
    return QStringLiteral("failed");
}

bool RepairExecutor::defaultAclGrants(const QByteArray &xattr, quint32 gid)
{
    const qsizetype header = sizeof(posix_acl_xattr_header), size = sizeof(posix_acl_xattr_entry);
    bool group = false, mask = false;
    for (qsizetype at = header; at + size <= xattr.size(); at += size) {
        posix_acl_xattr_entry entry;
        std::memcpy(&entry, xattr.constData() + at, size_t(size));
        group = group || (entry.e_tag == ACL_GROUP && entry.e_id == gid && (entry.e_perm & 7) == 7);
        mask = mask || (entry.e_tag == ACL_MASK && (entry.e_perm & 7) == 7);
    }
    return group && mask;
}

bool RepairExecutor::checkEntry(const RepairOperation &op, const FdWalk::Stat &st, QString *why) const
{
    if (!st.isDirectory() && !st.isRegularFile() && !st.isSymlink()) {
        *why = QStringLiteral("not a file, folder or symlink; refusing to touch it");
        return false;
    }
    if (st.isRegularFile() && st.nlink > 1) {
        *why = QStringLiteral("a file with %1 hard links (one may be outside the cache); refusing to change it")
                   .arg(st.nlink);
        return false;
    }
    switch (op.kind) {
    case Kind::Chown:
    case Kind::Chgrp:
        return true;
    case Kind::Chmod:
        if (st.isSymlink())
            *why = QStringLiteral("a symlink: only its owner can be changed, never its target");
        return !st.isSymlink();
    case Kind::SetGid:
    case Kind::DefaultAcl:
        if (!st.isDirectory())
            *why = QStringLiteral("not a folder");
        return st.isDirectory();
    case Kind::RemoveIncomplete:
        if (!st.isRegularFile())
            *why = QStringLiteral("not a regular file");
        return st.isRegularFile();
    }
    return false;
}

bool RepairExecutor::isNoOp(const RepairOperation &op, const FdWalk::Stat &st)
{
    switch (op.kind) {
    case Kind::Chown:
    case Kind::Chgrp:
        return newUid(op, st) == st.uid && newGid(op, st) == st.gid;
    case Kind::Chmod:
    case Kind::SetGid:
        return newMode(op, st) == (st.mode & 07777);
    case Kind::DefaultAcl:  // the ACL is read when applying
    case Kind::RemoveIncomplete:
        break;
    }
    return false;
}

bool RepairExecutor::reach(const RepairOperation &op, const Checked &checked, QString *why)
{
    if (op.path == m_entryPath && m_entry.fd.isValid()) {
        if (FdWalk::statFd(m_entry.fd.get(), &m_entry.stat))
            return true;
        *why = pathError(QStringLiteral("cannot stat"), op.path, errno);
        return false;
    }
    m_entryPath.clear();
    if (!m_walk.open(op.path, &m_entry, why))
        return false;
    if (m_entry.stat.device != checked.stat.device || m_entry.stat.inode != checked.stat.inode) {
        *why = QStringLiteral("replaced by another entry since the plan was checked; not touching it");
        return false;
    }
    m_entryPath = op.path;
    return true;
}

bool RepairExecutor::checkOperation(const RepairOperation &op, const FdWalk::Stat &st, QString *why) const
{
    return checkEntry(op, st, why) && (!m_privileged || m_authorization.authorizeEntry(op, st, why));
}

bool RepairExecutor::preflight(QString *error)
{
    m_preflighted = false;
    if (!m_plan.validate(m_invoker, error) || !m_walk.openRoot(m_plan.root, error)
        || !(m_privileged ? m_authorization.authorizeRoot(m_walk, error) : m_authorization.isHuggingFaceCache(m_walk.rootFd(), error)))
        return false;
    // One statx by name per path from its open folder; apply() acts only on fds it opens itself.
    m_checked.clear();
    for (qsizetype i = 0; i < m_plan.operations.size(); ++i) {
        const RepairOperation &op = m_plan.operations[i];
        QString why;
        if (i == 0 || op.path != m_plan.operations[i - 1].path) {
            m_checked.emplace_back();
            if (!m_walk.stat(op.path, &m_checked.back().stat, &why)) {
                *error = op.errorText(i, why);
                return false;
            }
            m_checked.back().noOp = true;
        }
        Checked &checked = m_checked.back();
        if (!checkOperation(op, checked.stat, &why)) {
            *error = op.errorText(i, why);
            return false;
        }
        checked.noOp = checked.noOp && isNoOp(op, checked.stat);
    }
    m_preflighted = true;
    qCDebug(lcRepair) << "checked" << m_plan.operations.size() << "operations on" << m_checked.size() << "paths in"
                      << m_plan.root << (m_privileged ? "as root" : "in-process");
    return true;
}

RepairExecutor::Summary RepairExecutor::apply(const ResultCallback &onResult, const std::atomic_bool *cancel)
{
    Summary summary;
    qsizetype path = -1;  // into m_checked
    for (qsizetype i = 0; i < m_plan.operations.size(); ++i) {
        const RepairOperation &op = m_plan.operations[i];
        path += i == 0 || op.path != m_plan.operations[i - 1].path;
        Result result;
        result.index = i;
        if (!m_preflighted) {
            result.error = QStringLiteral("the plan was not checked before applying it");
        } else if (cancel && cancel->load()) {
            result.error = QStringLiteral("cancelled");
        } else if (m_checked[size_t(path)].noOp) {
            result.status = Status::Unchanged;
            describe(op, m_checked[size_t(path)].stat, &result);
        } else {
            result = applyOne(i, m_checked[size_t(path)]);
        }
        switch (result.status) {
        case Status::Changed:
            ++summary.changed;
            break;
        case Status::Unchanged:
            ++summary.unchanged;
            break;
        case Status::Failed:
            ++summary.failed;
            break;
        }
        if (onResult)
            onResult(result);
    }
    return summary;
}

bool RepairExecutor::changeMode(const FdWalk::Entry &entry, quint32 mode, QString *error) const
{
    // Linux >= 6.6 changes the mode of an O_PATH fd directly: one call instead of a reopen.
    if (::syscall(SYS_fchmodat2, entry.fd.get(), "", mode, AT_EMPTY_PATH) == 0)
        return true;
    if (errno != ENOSYS && errno != EINVAL && errno != EBADF) {
        *error = QStringLiteral("cannot change the mode: %1").arg(errnoText(errno));
        return false;
    }
    const UniqueFd fd = reopen(entry);
    if (fd.isValid() ? ::fchmod(fd.get(), mode) == 0
                     // A user may chmod a file they cannot open (mode 0200); by name is safe for
                     // them: following a symlink gives them nothing they could not do themselves.
                     : (errno == EACCES && ::geteuid() != 0 && entry.parentFd >= 0
                        && ::fchmodat(entry.parentFd, entry.name.constData(), mode, 0) == 0))
        return true;
    *error = QStringLiteral("cannot change the mode: %1").arg(errnoText(errno));
    return false;
}

bool RepairExecutor::setDefaultAcl(const FdWalk::Entry &entry, quint32 gid, Result *result) const
{
    const QByteArray wanted = defaultAcl(entry.stat.mode, gid);
    const UniqueFd fd = reopen(entry);
    if (!fd.isValid()) {
        result->error = QStringLiteral("cannot open: %1").arg(errnoText(errno));
        return false;
    }
    QByteArray current(4096, '\0');
    const ssize_t size = ::fgetxattr(fd.get(), "system.posix_acl_default", current.data(), size_t(current.size()));
    current.resize(size > 0 ? size : 0);
    result->before = current.isEmpty() ? QStringLiteral("no default ACL") : QStringLiteral("other default ACL");
    result->after = QStringLiteral("default:group:%1:rwx").arg(gid);
    if (defaultAclGrants(current, gid)) {
        result->status = Status::Unchanged;
        return true;
    }
    if (::fsetxattr(fd.get(), "system.posix_acl_default", wanted.constData(), size_t(wanted.size()), 0) != 0) {
        result->error = errno == EOPNOTSUPP
                            ? QStringLiteral("this file system does not support POSIX ACLs")
                            : QStringLiteral("cannot set the default ACL: %1").arg(errnoText(errno));
        return false;
    }
    result->status = Status::Changed;
    return true;
}

bool RepairExecutor::removeIncomplete(const RepairOperation &op, const Checked &checked, Result *result)
{
    // <repo>/blobs/<etag>.incomplete is guarded by .locks/<repo>/<etag>.lock (validated shape).
    const QList<QByteArray> parts = op.path.split('/');
    const QByteArray lockName = incompleteEtag(parts[2]) + ".lock";
    const QByteArray lockDirPath = ".locks/" + parts[0];
    const QByteArray lockPath = lockDirPath + '/' + lockName;
    QString why;
    m_entryPath.clear();  // moving the walk to .locks/ closes the folders m_entry's parent is in
    const int lockDir = m_walk.openDirectory(lockDirPath, &why);
    if (lockDir < 0) {
        result->error = QStringLiteral("cannot reach its lock folder: %1").arg(why);
        return false;
    }
    UniqueFd lockFd(::openat(lockDir, lockName.constData(), O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (!lockFd.isValid() && errno == ENOENT) {
        // Created the way huggingface_hub would have, for the user and not for root.
        lockFd.reset(::openat(lockDir, lockName.constData(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0664));
        struct stat dirStat;
        if (lockFd.isValid() && ::geteuid() == 0 && ::fstat(lockDir, &dirStat) == 0
            && ::fchown(lockFd.get(), m_invoker.uid, (dirStat.st_mode & S_ISGID) ? gid_t(-1) : m_invoker.gid) != 0) {
            // A root-owned lock file would lock the user out of their own download.
            result->error = pathError(QStringLiteral("cannot give the new lock file to its user"), lockPath, errno);
            ::unlinkat(lockDir, lockName.constData(), 0);
            return false;
        }
        if (lockFd.isValid())
            (void)::fchmod(lockFd.get(), 0664);  // whatever the umask, like BlobLock
    }
    FdWalk::Stat lockStat;
    if (!lockFd.isValid() || !FdWalk::statFd(lockFd.get(), &lockStat)) {
        result->error = pathError(QStringLiteral("cannot open lock file"), lockPath, errno);
        return false;
    }
    if (!lockStat.isRegularFile() || lockStat.nlink > 1) {
        result->error = QStringLiteral("%1: not a plain lock file; refusing").arg(PathText::display(lockPath));
        return false;
    }
    BlobLock lock(std::move(lockFd), m_plan.root + '/' + lockPath);
    if (lock.tryLock() != BlobLock::State::Locked) {
        result->error = lock.error().isEmpty()
                            ? QStringLiteral("a download holds %1; not removing what it is writing")
                                  .arg(PathText::display(lockPath))
                            : lock.error();
        return false;
    }
    if (!reach(op, checked, &why) || !checkOperation(op, m_entry.stat, &why)) {
        result->error = why;
        return false;
    }
    result->before = QStringLiteral("present");
    result->after = QStringLiteral("removed");
    if (!unlinkChecked(m_entry, &why)) {
        result->error = why;
        return false;
    }
    result->status = Status::Changed;
    return true;
}

bool RepairExecutor::unlinkChecked(const FdWalk::Entry &entry, QString *why) const
{
    // unlinkat() removes whatever the name holds by then: whoever can write the folder could have
    // renamed a hard link to another file over it since `entry` was checked. So the name is first
    // moved into a folder only we can write, made here and checked by its fd, and removed there
    // only if it is still the checked inode; anything else goes back (never over a new entry).
    const int parent = entry.parentFd;
    const QByteArray &name = entry.name;
    QByteArray aside;
    UniqueFd asideFd;
    for (int attempt = 0; attempt < 8 && !asideFd.isValid(); ++attempt) {
        aside = ".hfcache-remove-" + QByteArray::number(QRandomGenerator::system()->generate64(), 16);
        if (::mkdirat(parent, aside.constData(), 0700) != 0) {
            if (errno == EEXIST)
                continue;
            *why = QStringLiteral("cannot make a private folder next to it: %1").arg(errnoText(errno));
            return false;
        }
        asideFd.reset(::openat(parent, aside.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        FdWalk::Stat st;
        // Whatever holds the name now, it must be a folder nobody else can write.
        if (!asideFd.isValid() || !FdWalk::statFd(asideFd.get(), &st) || !st.isDirectory() || st.uid != ::geteuid()
            || (st.mode & 0077) != 0) {
            *why = QStringLiteral("the private folder %1 was replaced; not removing anything").arg(PathText::display(aside));
            return false;  // not ours: leave it, and the entry, alone
        }
    }
    if (!asideFd.isValid()) {
        *why = QStringLiteral("cannot make a private folder next to it");
        return false;
    }
    const auto dropAside = [&] { ::unlinkat(parent, aside.constData(), AT_REMOVEDIR); };
    if (::renameat2(parent, name.constData(), asideFd.get(), name.constData(), RENAME_NOREPLACE) != 0) {
        *why = QStringLiteral("cannot move it aside: %1").arg(errnoText(errno));
        dropAside();
        return false;
    }
    struct stat moved;
    const bool same = ::fstatat(asideFd.get(), name.constData(), &moved, AT_SYMLINK_NOFOLLOW) == 0
                      && quint64(moved.st_dev) == entry.stat.device && quint64(moved.st_ino) == entry.stat.inode
                      && S_ISREG(moved.st_mode) && moved.st_nlink == 1;
    if (same && ::unlinkat(asideFd.get(), name.constData(), 0) == 0) {
        dropAside();
        return true;
    }
    *why = same ? QStringLiteral("cannot remove: %1").arg(errnoText(errno))
                : QStringLiteral("replaced by another file (or a hard link) just before removal; left in place");
    if (::renameat2(asideFd.get(), name.constData(), parent, name.constData(), RENAME_NOREPLACE) != 0) {
        *why += QStringLiteral("; a new entry took its name meanwhile, so it stays in %1")
                    .arg(PathText::display(aside + '/' + name));
        return false;
    }
    dropAside();
    return false;
}

void RepairExecutor::describe(const RepairOperation &op, const FdWalk::Stat &st, Result *result) const
{
    if (!m_describe)
        return;
    switch (op.kind) {
    case Kind::Chown:
    case Kind::Chgrp:
        result->before = owner(st.uid, st.gid);
        result->after = owner(newUid(op, st), newGid(op, st));
        break;
    case Kind::Chmod:
    case Kind::SetGid:
        result->before = octal(st.mode);
        result->after = octal(newMode(op, st));
        break;
    case Kind::DefaultAcl:  // these two describe themselves
    case Kind::RemoveIncomplete:
        break;
    }
}

RepairExecutor::Result RepairExecutor::applyOne(qsizetype index, const Checked &checked)
{
    const RepairOperation &op = m_plan.operations[index];
    Result result;
    result.index = index;
    if (op.kind == Kind::RemoveIncomplete) {
        if (!removeIncomplete(op, checked, &result))
            result.error = QStringLiteral("%1: %2").arg(PathText::display(op.path), result.error);
        return result;
    }
    QString why;
    if (!reach(op, checked, &why) || !checkOperation(op, m_entry.stat, &why)) {
        result.error = QStringLiteral("%1: %2").arg(PathText::display(op.path), why);
        return result;
    }
    const FdWalk::Entry &entry = m_entry;
    const FdWalk::Stat &st = entry.stat;
    if (op.kind == Kind::DefaultAcl) {
        if (!setDefaultAcl(entry, quint32(op.gid), &result))
            result.error = QStringLiteral("%1: %2").arg(PathText::display(op.path), result.error);
        return result;
    }
    describe(op, st, &result);
    if (isNoOp(op, st)) {
        result.status = Status::Unchanged;
        return result;
    }
    bool ok = true;
    if (op.kind == Kind::Chown || op.kind == Kind::Chgrp) {
        // AT_EMPTY_PATH on an O_PATH fd changes the entry itself: the link, for a symlink.
        ok = ::fchownat(entry.fd.get(), "", op.kind == Kind::Chown ? uid_t(op.uid) : uid_t(-1),
                        op.gid >= 0 ? gid_t(op.gid) : gid_t(-1), AT_EMPTY_PATH) == 0;
        if (!ok)
            why = QStringLiteral("cannot change the owner: %1").arg(errnoText(errno));
    } else {
        ok = changeMode(entry, newMode(op, st), &why);
    }
    if (!ok) {
        result.error = QStringLiteral("%1: %2").arg(PathText::display(op.path), why);
        return result;
    }
    result.status = Status::Changed;
    return result;
}

} // namespace hfcache
