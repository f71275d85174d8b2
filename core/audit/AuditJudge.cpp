// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "AuditJudge.h"

#include "AccessCheck.h"
#include "AclProbe.h"

#include <sys/stat.h>

namespace hfcache {

using AccessCheck::Read;
using AccessCheck::Search;
using AccessCheck::Write;
using enum FindingCode;

QByteArray AuditJudge::EntryRef::rel() const
{
    if (dir.isEmpty() || name.isEmpty())
        return (dir.isEmpty() ? name : dir).toByteArray();
    QByteArray r;
    r.reserve(dir.size() + 1 + name.size());
    r.append(dir).append('/').append(name);
    return r;
}

AuditJudge::Lookups AuditJudge::systemLookups()
{
    return {&UserIdentity::userName, &UserIdentity::groupName,
            [](quint32 uid) {
                QString error;
                return UserIdentity::fromUid(uid, &error);
            },
            &AclProbe::defaultAclGrantsGroup};
}

AuditJudge::AuditJudge(const AuditReport &base, const QByteArray &root, const EntryStat &locksStat, bool hasLocks,
                       Lookups lookups)
    : m_base(base), m_user(base.user), m_root(root), m_locksStat(locksStat), m_hasLocks(hasLocks),
      m_lookups(std::move(lookups)), m_chown(base.cacheOwnerChown)
{
}

template<typename Make>
void AuditJudge::add(Severity severity, FindingCode code, const QByteArray &path, const EntryStat &stat, int want,
                     Make makeMessage, FixAction fixAction, const QString &fixValue)
{
    const MessageKey key{code, stat.uid, stat.gid, stat.mode, want};
    auto it = m_messages.constFind(key);
    if (it == m_messages.constEnd())
        it = m_messages.insert(key, makeMessage());
    m_findings.append(makeFinding(severity, code, path, *it, makeFix(fixAction, path, fixValue)));
}

void AuditJudge::add(Severity severity, FindingCode code, const QByteArray &path, const QString &message,
                     const FindingFix &fix)
{
    m_findings.append(makeFinding(severity, code, path, message, fix));
}

void AuditJudge::setRepo(const CachedRepo *repo, RepoAccess *access)
{
    m_repo = repo;
    m_access = access;
    for (const RepoEntry &entry : repo->otherEntries) {
        if (entry.stat.isDirectory())
            m_dirs.insert(entry.path, entry.stat);
    }
    for (const CachedRevision &revision : repo->revisions) {
        const QByteArray base = "snapshots/" + revision.commit;
        m_dirs.insert(base, revision.stat);
        for (const SnapshotEntry &entry : revision.entries) {
            if (entry.kind == SnapshotEntry::Kind::Directory)
                m_dirs.insert(base + '/' + entry.path, entry.stat);
        }
    }
    for (const RepoEntry &entry : repo->locks) {
        if (entry.path.isEmpty()) {
            m_lockDir = entry.stat;
            m_hasLockDir = true;
        }
    }
}

const AuditJudge::Owner &AuditJudge::owner(quint32 uid)
{
    auto it = m_owners.constFind(uid);
    if (it == m_owners.constEnd()) {
        const QString name = m_lookups.userName(uid);
        it = m_owners.insert(uid, {name, name != QString::number(uid)});
    }
    return *it;
}

bool AuditJudge::ownerIsMember(quint32 uid)
{
    auto it = m_members.constFind(uid);
    if (it == m_members.constEnd()) {
        const UserIdentity owner = m_lookups.user(uid);
        it = m_members.insert(uid, !owner.name.isEmpty() && owner.inGroup(m_base.sharedGid));
    }
    return *it;
}

QByteArray AuditJudge::fullPath(const EntryRef &ref) const
{
    const QByteArray rel = ref.rel();
    switch (ref.base) {
    case EntryRef::Base::Root: return rel.isEmpty() ? m_root : m_root + '/' + rel;
    case EntryRef::Base::Locks: return m_root + "/.locks/" + m_repo->folderName + (rel.isEmpty() ? QByteArray() : '/' + rel);
    case EntryRef::Base::Repo: break;
    }
    return rel.isEmpty() ? m_repo->path : m_repo->path + '/' + rel;
}

// The least change that gives the user `want`: a mode bit for the class they are in, else
// the shared group, else ownership.
std::pair<FixAction, QString> AuditJudge::accessFix(const EntryStat &stat, int want) const
{
    const quint32 perms = stat.permissions();
    if (m_base.shared) {
        if (stat.gid != m_base.sharedGid)
            return {FixAction::Chgrp, m_base.sharedGroup};
        return {FixAction::Chmod, AccessCheck::octal(perms | quint32(want) << 3)};
    }
    if (stat.uid == m_user.uid)
        return {FixAction::Chmod, AccessCheck::octal(perms | quint32(want) << 6)};
    return {FixAction::Chown, m_user.name + QLatin1Char(':') + m_lookups.groupName(m_user.gid)};
}

WhyPath AuditJudge::whyPath(const EntryRef &ref, const EntryStat &stat, int want) const
{
    WhyPath why;
    why.components = m_base.rootChain;
    const QByteArray rel = ref.rel();
    auto append = [&why](const QByteArray &path, const EntryStat *s) {
        why.components.append({path, s ? *s : EntryStat(), s ? *s : EntryStat(), s != nullptr});
    };
    if (ref.base == EntryRef::Base::Locks) {
        append(m_root + "/.locks", m_hasLocks ? &m_locksStat : nullptr);
        if (!rel.isEmpty())
            append(m_root + "/.locks/" + m_repo->folderName, m_hasLockDir ? &m_lockDir : nullptr);
    } else if (ref.base == EntryRef::Base::Repo) {
        append(m_repo->path, &m_repo->stat);
        for (qsizetype slash = rel.indexOf('/'); slash > 0; slash = rel.indexOf('/', slash + 1)) {
            const auto it = m_dirs.constFind(rel.left(slash));
            append(m_repo->path + '/' + rel.left(slash), it == m_dirs.constEnd() ? nullptr : &*it);
        }
    }
    if (!rel.isEmpty() || ref.base == EntryRef::Base::Locks)
        append(fullPath(ref), &stat);
    // The first component that denies: folders on the way need search, the entry `want`.
    for (int i = 0; i < why.components.size(); ++i) {
        const PathComponent &c = why.components[i];
        const int need = i + 1 == why.components.size() ? want : Search;
        if (c.known && !AccessCheck::allows(m_user, c.effective(), need)) {
            why.denied = i;
            why.want = need;
            why.reason = AccessCheck::explainDenial(m_user, c.effective(), need);
            break;
        }
    }
    return why;
}

void AuditJudge::check(const EntryRef &ref, const EntryStat &stat, const Needs &needs)
{
    if (stat.isSymlink()) {
        checkLink(ref, stat);
        return;
    }
    checkAccess(ref, stat, needs);
    if (m_base.shared)
        checkSharedPolicy(ref, stat, needs);
    else
        checkPrivateOwner(ref, stat);
}

// What this user cannot do that the entry's role needs; the first such entry of a repo is the
// why-path of its access.
void AuditJudge::checkAccess(const EntryRef &ref, const EntryStat &stat, const Needs &needs)
{
    const bool isDir = stat.isDirectory();
    const QString &user = m_user.name;
    if (needs.read && !AccessCheck::allows(m_user, stat, needs.read)) {
        const auto [action, value] = accessFix(stat, needs.read);
        add(Severity::Error, NotReadable, fullPath(ref), stat, needs.read, [&] {
            return QStringLiteral("%1 cannot %2 it: %3")
                .arg(user, isDir ? QStringLiteral("open") : QStringLiteral("read"),
                     AccessCheck::explainDenial(m_user, stat, needs.read));
        }, action, value);
        if (m_access && m_access->canRead) {
            m_access->canRead = false;
            m_access->readDenial = whyPath(ref, stat, needs.read);
        }
    }
    if (needs.write && !AccessCheck::allows(m_user, stat, needs.write)) {
        const auto [action, value] = accessFix(stat, needs.write);
        const auto why = [&] { return AccessCheck::explainDenial(m_user, stat, needs.write); };
        if (needs.isLock)
            add(Severity::Error, LockNotWritable, fullPath(ref), stat, needs.write, [&] {
                return QStringLiteral("%1 cannot open this lock file for writing, so filelock fails with "
                                      "PermissionError instead of waiting: %2").arg(user, why());
            }, action, value);
        else
            add(Severity::Error, NotWritable, fullPath(ref), stat, needs.write, [&] {
                return QStringLiteral("%1 cannot %2: %3")
                    .arg(user, isDir ? QStringLiteral("create or delete files in it") : QStringLiteral("update it"), why());
            }, action, value);
        if (m_access && m_access->canWrite) {
            m_access->canWrite = false;
            m_access->writeDenial = whyPath(ref, stat, needs.write);
        }
    }
}

// A private cache has one owner. An owner without a name here is a container's or another
// machine's uid: wrong whoever the cache belongs to.
void AuditJudge::checkPrivateOwner(const EntryRef &ref, const EntryStat &stat)
{
    const bool unknownOwner = !ownerKnown(stat.uid);
    if (stat.uid == m_base.cacheOwner && !unknownOwner)
        return;
    const quint32 perms = stat.permissions();
    add(Severity::Error, ForeignOwner, fullPath(ref), stat, 0, [&] {
        QString message = unknownOwner
            ? QStringLiteral("owned by uid %1, which has no user on this system (a container's or another "
                             "machine's uid)").arg(stat.uid)
            : m_base.cacheOwner == 0
            // root may change any entry's mode and owner: only the ownership is wrong.
            ? QStringLiteral("owned by %1, not %2 (the cache's owner)").arg(ownerName(stat.uid), m_base.cacheOwnerName)
            : QStringLiteral("owned by %1, not %2: %2 cannot change its mode or owner")
                  .arg(ownerName(stat.uid), m_base.cacheOwnerName);
        if (perms & S_IWOTH)
            message += QStringLiteral(", and anyone on this machine can modify it (mode %1)").arg(AccessCheck::octal(perms));
        return message;
    }, FixAction::Chown, unknownOwner && stat.uid == m_base.cacheOwner ? accessFix(stat, Write).second : m_chown);
}

// Shared-group policy: group G everywhere, folders g+rwx with setgid, files g+rw.
void AuditJudge::checkSharedPolicy(const EntryRef &ref, const EntryStat &stat, const Needs &needs)
{
    const bool isDir = stat.isDirectory();
    const quint32 perms = stat.permissions();
    const QString &user = m_user.name;
    const QString &group = m_base.sharedGroup;
    if (!ownerIsMember(stat.uid)) {
        add(Severity::Warning, ForeignOwner, fullPath(ref), stat, 0, [&] {
            return QStringLiteral("owned by %1, who is not in the group %2").arg(ownerName(stat.uid), group);
        }, FixAction::Chown, user);
    }
    if (stat.gid != m_base.sharedGid) {
        add(Severity::Warning, GroupMismatch, fullPath(ref), stat, 0, [&] {
            return QStringLiteral("group %1, not the shared group %2").arg(m_lookups.groupName(stat.gid), group);
        }, FixAction::Chgrp, group);
    }
    if (isDir) {
        if ((perms & 070) != 070) {
            add(Severity::Error, NotGroupWritable, fullPath(ref), stat, 0, [&] {
                return QStringLiteral("folder mode %1: members of %2 cannot create files in it").arg(AccessCheck::octal(perms), group);
            }, FixAction::Chmod, AccessCheck::octal(perms | 070));
        }
        if (!(perms & S_ISGID)) {
            add(Severity::Warning, DirMissingSetgid, fullPath(ref), stat, 0, [&] {
                return QStringLiteral("folder without setgid: files created in it get the creator's primary group, not %1").arg(group);
            }, FixAction::SetGid, AccessCheck::octal(perms | S_ISGID | 070));
        }
    } else if (stat.isRegularFile() && needs.readOnly) {
        if (!(perms & 040))
            add(Severity::Error, NotGroupWritable, fullPath(ref), stat, 0, [&] {
                return QStringLiteral("file mode %1: not readable by members of %2").arg(AccessCheck::octal(perms), group);
            }, FixAction::Chmod, AccessCheck::octal(perms | 040));
    } else if (stat.isRegularFile() && (perms & 060) != 060) {
        if (needs.isLock) {
            if (AccessCheck::allows(m_user, stat, needs.write))  // else reported above for this user
                add(Severity::Error, LockNotWritable, fullPath(ref), stat, 1, [&] {
                    return QStringLiteral("lock file mode %1: other members of %2 get PermissionError instead of waiting")
                        .arg(AccessCheck::octal(perms), group);
                }, FixAction::Chmod, AccessCheck::octal(perms | 060));
        } else {
            const bool readable = perms & 040;
            add(readable ? Severity::Warning : Severity::Error, NotGroupWritable, fullPath(ref), stat, 0, [&] {
                return QStringLiteral("file mode %1: not %2 by members of %3")
                    .arg(AccessCheck::octal(perms), readable ? QStringLiteral("writable") : QStringLiteral("readable"), group);
            }, FixAction::Chmod, AccessCheck::octal(perms | 060));
        }
    }
}

// A link's own mode means nothing and who may replace it is its folder's business; only the
// cache's owner and group policy applies to it (what `chown -h`/`chgrp -h` would fix).
void AuditJudge::checkLink(const EntryRef &ref, const EntryStat &stat)
{
    if (!m_base.shared) {
        const bool unknownOwner = !ownerKnown(stat.uid);
        if (stat.uid != m_base.cacheOwner || unknownOwner)
            add(Severity::Error, ForeignOwner, fullPath(ref), stat, 0, [&] {
                return unknownOwner ? QStringLiteral("symlink owned by uid %1, which has no user on this system").arg(stat.uid)
                                    : QStringLiteral("symlink owned by %1, not %2").arg(ownerName(stat.uid), m_base.cacheOwnerName);
            }, FixAction::Chown, unknownOwner && stat.uid == m_base.cacheOwner ? accessFix(stat, Write).second : m_chown);
    } else if (stat.gid != m_base.sharedGid) {
        add(Severity::Warning, GroupMismatch, fullPath(ref), stat, 0, [&] {
            return QStringLiteral("symlink of group %1, not the shared group %2")
                .arg(m_lookups.groupName(stat.gid), m_base.sharedGroup);
        }, FixAction::Chgrp, m_base.sharedGroup);
    }
}

// A download first creates .locks/<repo folder> (mkdir with parents): when it is missing, the
// client needs write access to .locks and fails with PermissionError without it. (A missing
// .locks needs the root, judged with the root.)
void AuditJudge::checkLockDirCreatable()
{
    if (m_hasLockDir || !m_hasLocks || !m_access || !m_access->canWrite)
        return;
    if (AccessCheck::allows(m_user, m_locksStat, Write | Search))
        return;
    m_access->canWrite = false;
    m_access->writeDenial = whyPath({EntryRef::Base::Root, {}, ".locks"}, m_locksStat, Write | Search);
}

void AuditJudge::checkAcl(const QByteArray &dir, const EntryStat &stat, Severity severity)
{
    if (!m_base.shared || m_base.aclSupport != AclProbe::Support::Supported || !stat.isDirectory())
        return;
    if (m_lookups.defaultAclGrantsGroup(dir, m_base.sharedGid, stat.gid))
        return;
    add(severity, NoDefaultAcl, dir,
        QStringLiteral("no default ACL giving %1 rwx: files created here are group-writable only if the "
                       "downloading process's umask allows it").arg(m_base.sharedGroup),
        makeFix(FixAction::DefaultAcl, dir, AclProbe::defaultAclEntry(m_base.sharedGroup)));
}

} // namespace hfcache
