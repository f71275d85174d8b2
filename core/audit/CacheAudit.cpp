// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CacheAudit.h"

#include "AccessCheck.h"
#include "AuditJudge.h"
#include "AuditLog.h"
#include "HfHomePrivacy.h"
#include "SharedGroupRule.h"
#include "cache/SharedBlobLayout.h"
#include "util/PathText.h"
#include "cache/FindingCode.h"
#include "util/PathPrefix.h"

#include <QDateTime>
#include <QFile>

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

using Needs = AuditJudge::Needs;
using EntryRef = AuditJudge::EntryRef;
using enum FindingCode;

// What a folder of a repo must allow: `relPath` is relative to the repo.
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

// huggingface_hub's shared blob store as the library leaves it (SharedBlobLayout): loading reads
// a payload through a repo's blob link; a download creates files in a prefix folder, rewrites a
// manifest and takes the payload's lock, whichever user downloads.
void judgeSharedBlobs(AuditJudge &judge, const SharedBlobStore &store, const QByteArray &root)
{
    using Base = EntryRef::Base;
    for (const RepoEntry &entry : store.otherEntries) {
        if (entry.stat.isDirectory()) {
            judge.check({Base::Root, {}, entry.path}, entry.stat, {Search, Write | Search});
            judge.checkAcl(root + '/' + entry.path, entry.stat, Severity::Info);
        } else if (entry.path.endsWith(SharedBlobLayout::Marker)) {
            judge.check({Base::Root, {}, entry.path}, entry.stat, {Read, 0, false, true});
        } else {
            judge.check({Base::Root, {}, entry.path}, entry.stat, {});  // unknown: owner and group
        }
    }
    for (const SharedPayload &payload : store.payloads) {
        const QByteArray path = SharedBlobLayout::payloadPath(payload.hash);
        if (payload.hasPayload())
            judge.check({Base::Root, {}, path}, payload.stat, {payload.linkedBy.isEmpty() ? 0 : Read, 0, false, true});
        if (payload.manifestStat.isRegularFile())
            judge.check({Base::Root, {}, path + SharedBlobLayout::ManifestSuffix}, payload.manifestStat, {0, Read | Write});
        if (payload.lockStat.isRegularFile())
            judge.check({Base::Root, {}, path + SharedBlobLayout::LockSuffix}, payload.lockStat, {0, Read | Write, true});
    }
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
    } else if (!ownerGiven) {
        // The root as it is reached: a cache moved to a bigger disk is a link to its folder.
        const EntryStat reached = m_base.rootChain.isEmpty() ? m_rootStat : m_base.rootChain.last().effective();
        if (const std::optional<quint32> gid = SharedGroupRule::sharedGroup(reached)) {
            m_base.shared = m_base.sharedDetected = true;
            m_base.sharedGid = *gid;
        }
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
    AuditJudge judge(m_base, m_base.root, m_locksStat, m_hasLocks);
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

    AuditJudge judge(m_base, m_base.root, m_locksStat, m_hasLocks);
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
        } else if (entry.path == SharedBlobLayout::Folder && snapshot.sharedBlobs.present && !reach.isDenied()) {
            judge.check({EntryRef::Base::Root, {}, entry.path}, entry.stat, {Search, Write | Search});
            judge.checkAcl(snapshot.root + '/' + entry.path, entry.stat, Severity::Info);
        } else if (!reach.isDenied()) {
            judge.check({EntryRef::Base::Root, {}, entry.path}, entry.stat, {});  // CACHEDIR.TAG, ...: owner and group
        }
    }
    if (!reach.isDenied())
        judgeSharedBlobs(judge, snapshot.sharedBlobs, snapshot.root);
    report.findings += judge.takeFindings();

    // HF_HOME made private by `hf auth login` (huggingface_hub >= 1.16 chmods the token's folder
    // to 0700) locks every other member out of a shared cache below it.
    QByteArray hfHome = m_options.hfHome;
    if (hfHome.isEmpty() && snapshot.root.endsWith("/hub"))
        hfHome = snapshot.root.chopped(4);
    if (report.shared) {
        if (std::optional<Finding> privateHome = HfHomePrivacy::check(hfHome, report.sharedGroup))
            report.findings.append(*privateHome);
    }
    return report;
}

Findings CacheAudit::auditKindRoot(const EntryStat &rootStat, const QList<std::pair<QByteArray, EntryStat>> &locks) const
{
    AuditJudge judge(m_base, m_base.root, m_locksStat, m_hasLocks);
    if (m_base.rootReadDenial.isDenied())
        return {};  // the scan says it could not read the root; below it nothing is known
    judge.check({EntryRef::Base::Root, {}, {}}, rootStat, {Search, Write | Search});
    judge.checkAcl(m_base.root, rootStat, Severity::Warning);
    for (const auto &[path, stat] : locks)
        judge.check({EntryRef::Base::Root, {}, path}, stat, {0, Read | Write, true});
    return judge.takeFindings();
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
