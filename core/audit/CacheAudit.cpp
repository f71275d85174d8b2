// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CacheAudit.h"

#include "AccessCheck.h"
#include "AuditLog.h"
#include "util/PathText.h"
#include "cache/FindingCode.h"
#include "util/PathPrefix.h"

#include <QDateTime>
#include <QFile>
#include <QHash>

#include <algorithm>
#include <sys/stat.h>

namespace hfcache {

using AccessCheck::Read;
using AccessCheck::Search;
using AccessCheck::Write;

int AuditReport::countFindings(Severity atLeast) const
{
    int count = 0;
    for (const Finding &f : findings)
        count += f.severity >= atLeast;
    for (const RepoAccess &repo : repos) {
        for (const Finding &f : repo.findings)
            count += f.severity >= atLeast;
    }
    return count;
}

QList<PathComponent> CacheAudit::statChain(const QByteArray &path)
{
    QList<PathComponent> chain;
    QByteArray prefix;
    const QList<QByteArray> parts = path.split('/');
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (i > 0 && parts[i].isEmpty())
            continue;
        prefix = i == 0 ? QByteArray("/") : (prefix == "/" ? prefix : prefix + '/') + parts[i];
        PathComponent c;
        c.path = prefix;
        struct stat st;
        c.known = ::lstat(prefix.constData(), &st) == 0;
        if (c.known) {
            c.stat = EntryStat::fromStat(st);
            c.target = c.stat;
            if (c.stat.isSymlink() && ::stat(prefix.constData(), &st) == 0)
                c.target = EntryStat::fromStat(st);
        }
        chain.append(c);
    }
    return chain;
}

namespace {

// What an entry must allow for loading (read) and for downloading, locking and deleting (write).
struct Needs
{
    int read = 0;
    int write = 0;
    bool isLock = false;
};

Needs needsOfRepoEntry(QByteArrayView relPath, bool isDir)
{
    if (!isDir)
        return {};
    const qsizetype slash = relPath.indexOf('/');
    const QByteArrayView top = slash < 0 ? relPath : relPath.first(slash);
    if (relPath == "blobs")
        return {Search, Write | Search};
    if (top == "snapshots")
        return {Read | Search, Write | Search};
    if (top == "refs")
        return {Search, Write | Search};
    if (top == ".no_exist" || top == "trees")
        return {0, Write | Search};
    return {};
}

// Where an entry is, built into a path only when a finding needs it: most entries are fine,
// and a 300k-entry cache should not pay for 600k path strings.
struct EntryRef
{
    enum class Base { Root, Repo, Locks };  // Locks: relative to <root>/.locks/<repo folder>
    Base base = Base::Repo;
    QByteArrayView dir;   // may be empty
    QByteArrayView name;  // may be empty (the base itself)

    QByteArray rel() const
    {
        if (dir.isEmpty() || name.isEmpty())
            return (dir.isEmpty() ? name : dir).toByteArray();
        QByteArray r;
        r.reserve(dir.size() + 1 + name.size());
        r.append(dir).append('/').append(name);
        return r;
    }
};

// Finding texts depend only on (code, owner, group, mode, need): a cache with 300k entries
// owned by someone else shares a handful of strings instead of formatting 300k of them.
struct MessageKey
{
    FindingCode code;
    quint32 uid, gid, mode;
    int want;
    friend bool operator==(const MessageKey &a, const MessageKey &b)
    {
        return a.code == b.code && a.uid == b.uid && a.gid == b.gid && a.mode == b.mode && a.want == b.want;
    }
    friend size_t qHash(const MessageKey &k, size_t seed = 0) { return qHashMulti(seed, int(k.code), k.uid, k.gid, k.mode, k.want); }
};

using enum FindingCode;

// Judges entries for one user against the policy in `base`. One per repo (and one for the
// cache level), so scan workers can run them side by side.
class Judge
{
public:
    Judge(const AuditReport &base, const QByteArray &root, const EntryStat &locksStat, bool hasLocks)
        : m_base(base), m_user(base.user), m_root(root), m_locksStat(locksStat), m_hasLocks(hasLocks),
          m_chown(base.cacheOwnerChown)
    {
    }

    // For repo entries; without it, entries are cache-level (relative to the root).
    void setRepo(const CachedRepo *repo, RepoAccess *access);
    void check(const EntryRef &ref, const EntryStat &stat, const Needs &needs);
    void checkLink(const EntryRef &ref, const EntryStat &stat);
    void checkAcl(const QByteArray &dir, const EntryStat &stat, Severity severity);
    void checkLockDirCreatable();
    Findings takeFindings() { return std::move(m_findings); }

private:
    QByteArray fullPath(const EntryRef &ref) const;
    WhyPath whyPath(const EntryRef &ref, const EntryStat &stat, int want) const;
    std::pair<FixAction, QString> accessFix(const EntryStat &stat, int want) const;
    template<typename Make>
    void add(Severity severity, FindingCode code, const QByteArray &path, const EntryStat &stat, int want, Make makeMessage,
             FixAction fixAction, const QString &fixValue)
    {
        const MessageKey key{code, stat.uid, stat.gid, stat.mode, want};
        auto it = m_messages.constFind(key);
        if (it == m_messages.constEnd())
            it = m_messages.insert(key, makeMessage());
        m_findings.append(makeFinding(severity, code, path, *it, makeFix(fixAction, path, fixValue)));
    }
    void add(Severity severity, FindingCode code, const QByteArray &path, const QString &message, const FindingFix &fix)
    {
        m_findings.append(makeFinding(severity, code, path, message, fix));
    }
    struct Owner
    {
        QString name;
        bool known = false;  // has an entry in the user database
    };
    const Owner &owner(quint32 uid);
    QString ownerName(quint32 uid) { return owner(uid).name; }
    bool ownerKnown(quint32 uid) { return owner(uid).known; }
    bool ownerIsMember(quint32 uid);

    const AuditReport &m_base;
    const UserIdentity &m_user;
    const QByteArray &m_root;
    const EntryStat &m_locksStat;
    bool m_hasLocks;
    QString m_chown;  // "owner:group" of the cache: what "make it consistent" means
    const CachedRepo *m_repo = nullptr;
    RepoAccess *m_access = nullptr;
    QHash<QByteArray, EntryStat> m_dirs;  // folders of the repo, relative to it: for why-paths
    EntryStat m_lockDir;
    bool m_hasLockDir = false;
    QHash<quint32, Owner> m_owners;
    QHash<MessageKey, QString> m_messages;
    QHash<quint32, bool> m_members;
    Findings m_findings;
};

void Judge::setRepo(const CachedRepo *repo, RepoAccess *access)
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

const Judge::Owner &Judge::owner(quint32 uid)
{
    auto it = m_owners.constFind(uid);
    if (it == m_owners.constEnd()) {
        const QString name = UserIdentity::userName(uid);
        it = m_owners.insert(uid, {name, name != QString::number(uid)});
    }
    return *it;
}

bool Judge::ownerIsMember(quint32 uid)
{
    auto it = m_members.constFind(uid);
    if (it == m_members.constEnd()) {
        QString error;
        const UserIdentity owner = UserIdentity::fromUid(uid, &error);
        it = m_members.insert(uid, !owner.name.isEmpty() && owner.inGroup(m_base.sharedGid));
    }
    return *it;
}

QByteArray Judge::fullPath(const EntryRef &ref) const
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
std::pair<FixAction, QString> Judge::accessFix(const EntryStat &stat, int want) const
{
    const quint32 perms = stat.permissions();
    if (m_base.shared) {
        if (stat.gid != m_base.sharedGid)
            return {FixAction::Chgrp, m_base.sharedGroup};
        return {FixAction::Chmod, AccessCheck::octal(perms | quint32(want) << 3)};
    }
    if (stat.uid == m_user.uid)
        return {FixAction::Chmod, AccessCheck::octal(perms | quint32(want) << 6)};
    return {FixAction::Chown, m_user.name + QLatin1Char(':') + UserIdentity::groupName(m_user.gid)};
}

WhyPath Judge::whyPath(const EntryRef &ref, const EntryStat &stat, int want) const
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

void Judge::check(const EntryRef &ref, const EntryStat &stat, const Needs &needs)
{
    if (stat.isSymlink()) {
        checkLink(ref, stat);
        return;
    }
    const bool isDir = stat.isDirectory();
    const quint32 perms = stat.permissions();
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
                return QStringLiteral("%1 cannot open this lock file for writing, so huggingface_hub fails with "
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
    if (!m_base.shared) {
        // A private cache has one owner. An owner without a name here is a container's or
        // another machine's uid: wrong whoever the cache belongs to.
        const bool unknownOwner = !ownerKnown(stat.uid);
        if (stat.uid != m_base.cacheOwner || unknownOwner) {
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
        return;
    }
    // Shared-group policy: group G everywhere, folders g+rwx with setgid, files g+rw.
    const QString &group = m_base.sharedGroup;
    if (!ownerIsMember(stat.uid)) {
        add(Severity::Warning, ForeignOwner, fullPath(ref), stat, 0, [&] {
            return QStringLiteral("owned by %1, who is not in the group %2").arg(ownerName(stat.uid), group);
        }, FixAction::Chown, user);
    }
    if (stat.gid != m_base.sharedGid) {
        add(Severity::Warning, GroupMismatch, fullPath(ref), stat, 0, [&] {
            return QStringLiteral("group %1, not the shared group %2").arg(UserIdentity::groupName(stat.gid), group);
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
void Judge::checkLink(const EntryRef &ref, const EntryStat &stat)
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
                .arg(UserIdentity::groupName(stat.gid), m_base.sharedGroup);
        }, FixAction::Chgrp, m_base.sharedGroup);
    }
}

// A download first creates .locks/<repo folder> (mkdir with parents): when it is missing, the
// client needs write access to .locks and fails with PermissionError without it. (A missing
// .locks needs the root, judged with the root.)
void Judge::checkLockDirCreatable()
{
    if (m_hasLockDir || !m_hasLocks || !m_access || !m_access->canWrite)
        return;
    if (AccessCheck::allows(m_user, m_locksStat, Write | Search))
        return;
    m_access->canWrite = false;
    m_access->writeDenial = whyPath({EntryRef::Base::Root, {}, ".locks"}, m_locksStat, Write | Search);
}

void Judge::checkAcl(const QByteArray &dir, const EntryStat &stat, Severity severity)
{
    if (!m_base.shared || m_base.aclSupport != AclProbe::Support::Supported || !stat.isDirectory())
        return;
    if (AclProbe::defaultAclGrantsGroup(dir, m_base.sharedGid, stat.gid))
        return;
    add(severity, NoDefaultAcl, dir,
        QStringLiteral("no default ACL giving %1 rwx: files created here are group-writable only if the "
                       "downloading process's umask allows it").arg(m_base.sharedGroup),
        makeFix(FixAction::DefaultAcl, dir, AclProbe::defaultAclEntry(m_base.sharedGroup)));
}

// As root without --as-user, a cache inside a user's home is judged for that user: a cache
// that root (or a migration) wrote into /home/bob is bob's problem, not root's.
UserIdentity chooseUser(const QList<PathComponent> &chain, const QString &asUser, QString *reason, QString *error)
{
    if (!asUser.isEmpty()) {
        *reason = QStringLiteral("--as-user");
        return UserIdentity::lookup(asUser, error);
    }
    UserIdentity me = UserIdentity::current();
    *reason = QStringLiteral("current user");
    if (!me.isRoot())
        return me;
    for (auto it = chain.crbegin(); it != chain.crend(); ++it) {
        if (!it->known || it->effective().uid == 0 || !it->effective().isDirectory())
            continue;
        QString lookupError;
        const UserIdentity owner = UserIdentity::fromUid(it->effective().uid, &lookupError);
        if (!owner.name.isEmpty() && owner.home.toLocal8Bit() == it->path) {
            *reason = QStringLiteral("the cache is in %1's home; --as-user chooses another user").arg(owner.name);
            return owner;
        }
    }
    return me;
}

// The path to the root itself: with `want` on the root, search on every folder before it.
WhyPath rootWhyPath(const QList<PathComponent> &chain, const UserIdentity &user, int want)
{
    WhyPath why;
    why.components = chain;
    for (int i = 0; i < chain.size(); ++i) {
        const int need = i + 1 == chain.size() ? want : Search;
        if (chain[i].known && !AccessCheck::allows(user, chain[i].effective(), need)) {
            why.denied = i;
            why.want = need;
            why.reason = AccessCheck::explainDenial(user, chain[i].effective(), need);
            break;
        }
    }
    return why;
}

} // namespace

bool CacheAudit::prepare(const QByteArray &root, const Options &options, QString *error)
{
    m_options = options;
    m_base = {};
    m_base.root = root;
    m_base.rootChain = statChain(root);
    if (!m_base.rootChain.isEmpty() && m_base.rootChain.last().known)
        m_rootStat = m_base.rootChain.last().stat;
    struct stat st;
    m_hasLocks = ::lstat((root + "/.locks").constData(), &st) == 0;
    if (m_hasLocks)
        m_locksStat = EntryStat::fromStat(st);

    QString lookupError;
    m_base.user = chooseUser(m_base.rootChain, options.asUser, &m_base.userReason, &lookupError);
    if (m_base.user.name.isEmpty()) {
        *error = lookupError;
        return false;
    }
    const bool ownerGiven = !options.owner.isEmpty();  // private to that owner, whatever the root looks like
    if (!ownerGiven && !options.sharedGroup.isEmpty()) {
        const qint64 gid = UserIdentity::groupId(options.sharedGroup);
        if (gid < 0) {
            *error = QStringLiteral("no such group: %1").arg(options.sharedGroup);
            return false;
        }
        m_base.shared = true;
        m_base.sharedGid = quint32(gid);
    } else if (!ownerGiven
               && ((m_rootStat.mode & S_ISGID)
                   || (m_rootStat.gid != m_base.user.gid && m_base.user.inGroup(m_rootStat.gid) && (m_rootStat.mode & S_IWGRP)
                       && !(m_rootStat.mode & S_IWOTH)))) {
        // A setgid root, or one writable by a group of the user that is not their own: meant to
        // be shared. (World-writable is "anyone", not a group policy.)
        m_base.shared = m_base.sharedDetected = true;
        m_base.sharedGid = m_rootStat.gid;
    }
    if (m_base.shared) {
        m_base.sharedGroup = UserIdentity::groupName(m_base.sharedGid);
        m_base.aclSupport = AclProbe::support(root);
        m_base.rootDefaultAcl = m_base.aclSupport == AclProbe::Support::Supported
                                && AclProbe::defaultAclGrantsGroup(root, m_base.sharedGid, m_rootStat.gid);
    }
    // A private cache has one owner: the one asked for, else the user's when the root is theirs
    // or in their home, else whoever owns the root (a guest is not told that the host's files
    // are foreign).
    const UserIdentity &user = m_base.user;
    const bool mine = m_rootStat.mode == 0 || m_rootStat.uid == user.uid
                      || (!user.home.isEmpty() && PathPrefix::isUnder(root, QFile::encodeName(user.home)));
    QString ownerError;
    const UserIdentity owner = ownerGiven ? UserIdentity::lookup(options.owner, &ownerError)
                               : mine     ? user
                                          : UserIdentity::fromUid(m_rootStat.uid, &ownerError);
    if (ownerGiven && owner.name.isEmpty()) {
        *error = ownerError;
        return false;
    }
    m_base.cacheOwner = ownerGiven ? owner.uid : mine ? user.uid : m_rootStat.uid;
    m_base.cacheOwnerName = UserIdentity::userName(m_base.cacheOwner);
    m_base.cacheOwnerChown = m_base.cacheOwnerName + QLatin1Char(':')
                             + UserIdentity::groupName(owner.name.isEmpty() ? m_rootStat.gid : owner.gid);

    m_base.rootReadDenial = rootWhyPath(m_base.rootChain, m_base.user, Search);
    m_base.rootWriteDenial = rootWhyPath(m_base.rootChain, m_base.user, Write | Search);
    qCDebug(lcAudit) << "auditing" << root << "for" << m_base.user.name << "(" << m_base.userReason << "), owner"
                     << m_base.cacheOwnerName << (m_base.shared ? "shared with group" : "private") << m_base.sharedGroup;
    return true;
}

CacheSnapshotPtr CacheAudit::deniedRoot() const
{
    if (!m_base.rootReadDenial.isDenied())
        return nullptr;
    auto snapshot = std::make_shared<CacheSnapshot>();
    snapshot->root = m_base.root;
    snapshot->rootStat = m_rootStat;
    snapshot->scannedAtMs = QDateTime::currentMSecsSinceEpoch();
    return snapshot;
}

RepoAccess CacheAudit::auditRepo(const CachedRepo &repo) const
{
    RepoAccess access;
    access.cacheId = repo.cacheId();
    access.repoId = repo.repoId;
    access.path = repo.path;
    if (m_base.rootReadDenial.isDenied()) {
        access.canRead = access.canWrite = false;
        access.readDenial = m_base.rootReadDenial;
        access.writeDenial = m_base.rootWriteDenial;
    } else if (m_base.rootWriteDenial.isDenied()) {
        access.canWrite = false;  // no new repo folders, and this one cannot be deleted
        access.writeDenial = m_base.rootWriteDenial;
    }
    Judge judge(m_base, m_base.root, m_locksStat, m_hasLocks);
    judge.setRepo(&repo, &access);
    using Base = EntryRef::Base;
    judge.check({Base::Repo, {}, {}}, repo.stat, {Search, Write | Search});
    judge.checkAcl(repo.path, repo.stat, Severity::Info);
    // Every folder where a download creates entries needs the default ACL for them to inherit.
    for (const RepoEntry &entry : repo.otherEntries) {
        judge.check({Base::Repo, {}, entry.path}, entry.stat, needsOfRepoEntry(entry.path, entry.stat.isDirectory()));
        judge.checkAcl(repo.path + '/' + entry.path, entry.stat, Severity::Info);
    }
    for (const CachedRef &ref : repo.refs) {
        const QByteArray name = PathText::encode(ref.name);
        judge.check({Base::Repo, "refs", name}, ref.stat, {Read, Write});
    }
    for (const CachedBlob &blob : repo.blobs)
        judge.check({Base::Repo, "blobs", blob.name}, blob.stat, {blob.snapshotLinks > 0 ? Read : 0, 0});
    for (const CachedRevision &revision : repo.revisions) {
        const QByteArray base = "snapshots/" + revision.commit;
        judge.check({Base::Repo, {}, base}, revision.stat, {Read | Search, Write | Search});
        judge.checkAcl(repo.path + '/' + base, revision.stat, Severity::Info);
        for (const SnapshotEntry &entry : revision.entries) {
            const bool isDir = entry.kind == SnapshotEntry::Kind::Directory;
            const Needs needs = isDir ? Needs{Read | Search, Write | Search}
                                : entry.kind == SnapshotEntry::Kind::File ? Needs{Read, 0}
                                                                          : Needs{};
            judge.check({Base::Repo, base, entry.path}, entry.stat, needs);
            if (isDir)
                judge.checkAcl(repo.path + '/' + base + '/' + entry.path, entry.stat, Severity::Info);
        }
    }
    // repo.locks: the folder .locks/<folder> itself (empty path), then its files.
    for (const RepoEntry &lock : repo.locks) {
        if (lock.path.isEmpty()) {
            judge.check({Base::Locks, {}, {}}, lock.stat, {0, Write | Search});
            judge.checkAcl(m_base.root + "/.locks/" + repo.folderName, lock.stat, Severity::Info);
        } else {
            judge.check({Base::Locks, {}, lock.path}, lock.stat, {0, Read | Write, true});
        }
    }
    judge.checkLockDirCreatable();
    access.findings = judge.takeFindings();
    return access;
}

AuditReport CacheAudit::finish(const CacheSnapshot &snapshot, QList<RepoAccess> repos) const
{
    AuditReport report = m_base;
    std::sort(repos.begin(), repos.end(), [](const RepoAccess &a, const RepoAccess &b) { return a.cacheId < b.cacheId; });
    report.repos = std::move(repos);

    Judge judge(m_base, m_base.root, m_locksStat, m_hasLocks);
    const WhyPath &reach = m_base.rootReadDenial;
    if (reach.isDenied() && reach.denied + 1 < reach.components.size()) {
        // A folder on the way to the cache: nothing below it counts until that is fixed.
        const PathComponent &c = *reach.denying();
        report.findings.append(makeFinding(Severity::Error, NotReadable, c.path,
                                           QStringLiteral("%1 cannot reach the cache through this folder: %2")
                                               .arg(m_base.user.name, reach.reason),
                                           makeFix(FixAction::Chmod, c.path,
                                                   AccessCheck::octal(c.effective().permissions()
                                                                      | (m_base.shared ? 010 : 001)))));
    } else {
        judge.check({EntryRef::Base::Root, {}, {}}, snapshot.rootStat, {Search, Write | Search});
    }
    judge.checkAcl(snapshot.root, snapshot.rootStat, Severity::Warning);
    for (const RepoEntry &entry : snapshot.rootEntries) {
        if (entry.path == ".locks" && entry.stat.isDirectory()) {
            judge.check({EntryRef::Base::Root, {}, entry.path}, entry.stat, {0, Write | Search});
            judge.checkAcl(snapshot.root + "/.locks", entry.stat, Severity::Info);
        } else if (!reach.isDenied()) {
            judge.check({EntryRef::Base::Root, {}, entry.path}, entry.stat, {});  // CACHEDIR.TAG, ...: owner and group
        }
    }
    report.findings += judge.takeFindings();

    // HF_HOME made private by `hf auth login` (huggingface_hub >= 1.16 chmods the token's folder
    // to 0700) locks every other member out of a shared cache below it.
    QByteArray hfHome = m_options.hfHome;
    if (hfHome.isEmpty() && snapshot.root.endsWith("/hub"))
        hfHome = snapshot.root.chopped(4);
    struct stat st;
    if (report.shared && !hfHome.isEmpty() && ::stat(hfHome.constData(), &st) == 0 && S_ISDIR(st.st_mode)
        && !(st.st_mode & 0077)) {
        const quint32 mode = st.st_mode;
        const bool hasToken = ::lstat((hfHome + "/token").constData(), &st) == 0;
        report.findings.append(makeFinding(Severity::Error, HfHomePrivate, hfHome,
                                QStringLiteral("HF_HOME is private (mode %1): members of %2 cannot reach the cache below it%3")
                                    .arg(AccessCheck::octal(mode), report.sharedGroup,
                                         hasToken ? QStringLiteral("; it holds a token, and `hf auth login` makes its "
                                                                   "folder 0700: set HF_TOKEN_PATH to a per-user path")
                                                  : QString()),
                                makeFix(FixAction::Chmod, hfHome, AccessCheck::octal((mode & 07777) | 02050))));
    }
    return report;
}

AuditReport CacheAudit::run(const CacheSnapshot &snapshot, const Options &options, QString *error)
{
    CacheAudit audit;
    if (!audit.prepare(snapshot.root, options, error))
        return {};
    QList<RepoAccess> repos;
    repos.reserve(snapshot.repos.size());
    for (const CachedRepoPtr &repo : snapshot.repos)
        repos.append(audit.auditRepo(*repo));
    return audit.finish(snapshot, std::move(repos));
}

} // namespace hfcache
