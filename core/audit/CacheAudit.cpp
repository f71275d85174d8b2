#include "CacheAudit.h"

#include "AccessCheck.h"
#include "util/PathText.h"

#include <QHash>

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

// What a path inside the cache must allow for loading (read) and for downloading, locking
// and deleting (write), by where it sits.
struct Needs
{
    int read = 0;
    int write = 0;
    bool isLock = false;
};

Needs needsOfRepoFolder(const QByteArray &relPath, bool isDir)
{
    if (!isDir)
        return {};
    const QByteArray top = relPath.left(relPath.indexOf('/'));
    if (top == "blobs" && relPath == "blobs")
        return {Search, Write | Search};
    if (top == "snapshots")
        return {Read | Search, Write | Search};
    if (top == "refs")
        return {Search, Write | Search};
    if (top == ".no_exist" || top == "trees")
        return {0, Write | Search};
    return {};
}

class Auditor
{
public:
    Auditor(const CacheSnapshot &snapshot, AuditReport &report) : m_snapshot(snapshot), m_report(report)
    {
        m_user = report.user;
        m_primaryGroup = UserIdentity::groupName(m_user.gid);
    }

    void run();

private:
    struct Context
    {
        RepoAccess *repo = nullptr;       // nullptr: cache-level entry
        const CachedRepo *cached = nullptr;
        QHash<QByteArray, EntryStat> dirs; // relative folder path -> stat, for why-paths
    };

    void check(Context &ctx, const QByteArray &path, const QByteArray &relPath, const EntryStat &stat, const Needs &needs);
    void addFinding(Context &ctx, Severity severity, const char *code, const QByteArray &path, const QString &message,
                    const FindingFix &fix);
    WhyPath whyPath(const Context &ctx, const QByteArray &relPath, const EntryStat &stat, int want) const;
    FindingFix accessFix(const QByteArray &path, const EntryStat &stat, int want) const;
    bool ownerIsMember(quint32 uid);
    QString ownerName(quint32 uid);
    void checkRootAndHome();
    void checkAcl(Context &ctx, const QByteArray &dir, const EntryStat &stat, Severity severity);

    const CacheSnapshot &m_snapshot;
    AuditReport &m_report;
    UserIdentity m_user;
    QString m_primaryGroup;
    QHash<quint32, QString> m_names;
    QHash<quint32, bool> m_members;
    bool m_chainOk = true;
};

QString Auditor::ownerName(quint32 uid)
{
    auto it = m_names.constFind(uid);
    if (it == m_names.constEnd())
        it = m_names.insert(uid, UserIdentity::userName(uid));
    return *it;
}

bool Auditor::ownerIsMember(quint32 uid)
{
    auto it = m_members.constFind(uid);
    if (it == m_members.constEnd()) {
        QString error;
        const UserIdentity owner = UserIdentity::fromUid(uid, &error);
        it = m_members.insert(uid, !owner.name.isEmpty() && owner.inGroup(m_report.sharedGid));
    }
    return *it;
}

void Auditor::addFinding(Context &ctx, Severity severity, const char *code, const QByteArray &path,
                         const QString &message, const FindingFix &fix)
{
    Finding finding{severity, QString::fromLatin1(code), path, message, fix};
    (ctx.repo ? ctx.repo->findings : m_report.findings).append(finding);
}

FindingFix Auditor::accessFix(const QByteArray &path, const EntryStat &stat, int want) const
{
    const quint32 perms = stat.permissions();
    if (m_report.shared) {
        if (stat.gid != m_report.sharedGid)
            return {QStringLiteral("chgrp"), path, m_report.sharedGroup};
        return {QStringLiteral("chmod"), path, AccessCheck::octal(perms | quint32(want) << 3)};
    }
    if (stat.uid == m_user.uid)
        return {QStringLiteral("chmod"), path, AccessCheck::octal(perms | quint32(want) << 6)};
    return {QStringLiteral("chown"), path, m_user.name + QLatin1Char(':') + m_primaryGroup};
}

WhyPath Auditor::whyPath(const Context &ctx, const QByteArray &relPath, const EntryStat &stat, int want) const
{
    WhyPath why;
    why.components = m_report.rootChain;
    if (ctx.cached) {
        const QByteArray lockRel = "/.locks/" + ctx.cached->folderName;
        if (relPath.startsWith(lockRel)) {
            // Lock folder and files: relative to the root, marked by the leading slash.
            const auto locks = ctx.dirs.constFind("/.locks");
            const EntryStat s = locks == ctx.dirs.constEnd() ? EntryStat() : *locks;
            why.components.append({m_snapshot.root + "/.locks", s, s, locks != ctx.dirs.constEnd()});
            if (relPath != lockRel) {
                const auto folder = ctx.dirs.constFind(lockRel);
                const EntryStat f = folder == ctx.dirs.constEnd() ? EntryStat() : *folder;
                why.components.append({m_snapshot.root + lockRel, f, f, folder != ctx.dirs.constEnd()});
            }
            why.components.append({m_snapshot.root + relPath, stat, stat, true});
        } else {
            why.components.append({ctx.cached->path, ctx.cached->stat, ctx.cached->stat, true});
            qsizetype slash = relPath.indexOf('/');
            while (slash > 0) {
                const QByteArray dir = relPath.left(slash);
                const auto it = ctx.dirs.constFind(dir);
                const EntryStat s = it == ctx.dirs.constEnd() ? EntryStat() : *it;
                why.components.append({ctx.cached->path + '/' + dir, s, s, it != ctx.dirs.constEnd()});
                slash = relPath.indexOf('/', slash + 1);
            }
            if (!relPath.isEmpty())
                why.components.append({ctx.cached->path + '/' + relPath, stat, stat, true});
        }
    } else if (!relPath.isEmpty()) {
        why.components.append({m_snapshot.root + '/' + relPath, stat, stat, true});
    }
    // The first component that denies: a folder on the way needs search, the entry `want`.
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

void Auditor::check(Context &ctx, const QByteArray &path, const QByteArray &relPath, const EntryStat &stat,
                    const Needs &needs)
{
    if (stat.isSymlink())
        return;  // a link's own mode means nothing; who may delete it is its folder's business
    const bool isDir = stat.isDirectory();
    const quint32 perms = stat.permissions();
    if (needs.read && !AccessCheck::allows(m_user, stat, needs.read)) {
        addFinding(ctx, Severity::Error, "not-readable", path,
                   QStringLiteral("%1 cannot %2 it: %3").arg(m_user.name, isDir ? QStringLiteral("open") : QStringLiteral("read"),
                                                            AccessCheck::explainDenial(m_user, stat, needs.read)),
                   accessFix(path, stat, needs.read));
        if (ctx.repo && ctx.repo->canRead) {
            ctx.repo->canRead = false;
            ctx.repo->readDenial = whyPath(ctx, relPath, stat, needs.read);
        }
    }
    if (needs.write && !AccessCheck::allows(m_user, stat, needs.write)) {
        const QString why = AccessCheck::explainDenial(m_user, stat, needs.write);
        if (needs.isLock) {
            addFinding(ctx, Severity::Error, "lock-not-writable", path,
                       QStringLiteral("%1 cannot open this lock file for writing, so huggingface_hub fails with "
                                      "PermissionError instead of waiting: %2").arg(m_user.name, why),
                       accessFix(path, stat, needs.write));
        } else {
            addFinding(ctx, Severity::Error, "not-writable", path,
                       QStringLiteral("%1 cannot %2: %3")
                           .arg(m_user.name, isDir ? QStringLiteral("create or delete files in it") : QStringLiteral("update it"), why),
                       accessFix(path, stat, needs.write));
        }
        if (ctx.repo && ctx.repo->canWrite) {
            ctx.repo->canWrite = false;
            ctx.repo->writeDenial = whyPath(ctx, relPath, stat, needs.write);
        }
    }
    if (!m_report.shared) {
        if (stat.uid != m_user.uid) {
            QString message = QStringLiteral("owned by %1, not %2: %2 cannot change its mode or owner")
                                  .arg(ownerName(stat.uid), m_user.name);
            if (perms & S_IWOTH)
                message += QStringLiteral(", and anyone on this machine can modify it (mode %1)").arg(AccessCheck::octal(perms));
            addFinding(ctx, Severity::Error, "foreign-owner", path, message,
                       {QStringLiteral("chown"), path, m_user.name + QLatin1Char(':') + m_primaryGroup});
        }
        return;
    }
    // Shared-group policy: group G everywhere, folders g+rwx with setgid, files g+rw.
    if (!ownerIsMember(stat.uid)) {
        addFinding(ctx, Severity::Warning, "foreign-owner", path,
                   QStringLiteral("owned by %1, who is not in the group %2").arg(ownerName(stat.uid), m_report.sharedGroup),
                   {QStringLiteral("chown"), path, m_user.name});
    }
    if (stat.gid != m_report.sharedGid) {
        addFinding(ctx, Severity::Warning, "group-mismatch", path,
                   QStringLiteral("group %1, not the shared group %2").arg(UserIdentity::groupName(stat.gid), m_report.sharedGroup),
                   {QStringLiteral("chgrp"), path, m_report.sharedGroup});
    }
    if (isDir) {
        if ((perms & 070) != 070) {
            addFinding(ctx, Severity::Error, "not-group-writable", path,
                       QStringLiteral("folder mode %1: members of %2 cannot create files in it")
                           .arg(AccessCheck::octal(perms), m_report.sharedGroup),
                       {QStringLiteral("chmod"), path, AccessCheck::octal(perms | 070)});
        }
        if (!(perms & S_ISGID)) {
            addFinding(ctx, Severity::Warning, "dir-missing-setgid", path,
                       QStringLiteral("folder without setgid: files created in it get the creator's primary group, not %1")
                           .arg(m_report.sharedGroup),
                       {QStringLiteral("setgid"), path, AccessCheck::octal(perms | S_ISGID | 070)});
        }
    } else if (stat.isRegularFile() && (perms & 060) != 060) {
        if (needs.isLock) {
            if (!needs.write || AccessCheck::allows(m_user, stat, needs.write))  // else reported above
                addFinding(ctx, Severity::Error, "lock-not-writable", path,
                           QStringLiteral("lock file mode %1: other members of %2 get PermissionError instead of waiting")
                               .arg(AccessCheck::octal(perms), m_report.sharedGroup),
                           {QStringLiteral("chmod"), path, AccessCheck::octal(perms | 060)});
        } else {
            addFinding(ctx, (perms & 040) ? Severity::Warning : Severity::Error, "not-group-writable", path,
                       QStringLiteral("file mode %1: not %2 by members of %3")
                           .arg(AccessCheck::octal(perms), (perms & 040) ? QStringLiteral("writable") : QStringLiteral("readable"),
                                m_report.sharedGroup),
                       {QStringLiteral("chmod"), path, AccessCheck::octal(perms | 060)});
        }
    }
}

void Auditor::checkAcl(Context &ctx, const QByteArray &dir, const EntryStat &stat, Severity severity)
{
    if (!m_report.shared || m_report.aclSupport != AclProbe::Support::Supported || !stat.isDirectory())
        return;
    if (AclProbe::defaultAclGrantsGroup(dir, m_report.sharedGid, stat.gid))
        return;
    addFinding(ctx, severity, "no-default-acl", dir,
               QStringLiteral("no default ACL giving %1 rwx: files created here are group-writable only if the "
                              "downloading process's umask allows it").arg(m_report.sharedGroup),
               {QStringLiteral("default-acl"), dir, AclProbe::defaultAclEntry(m_report.sharedGroup)});
}

void Auditor::checkRootAndHome()
{
    Context ctx;
    // The path down to the root: every component must let the user through.
    for (int i = 0; i + 1 < m_report.rootChain.size(); ++i) {
        const PathComponent &c = m_report.rootChain[i];
        if (c.known && !AccessCheck::allows(m_user, c.effective(), Search)) {
            m_chainOk = false;
            addFinding(ctx, Severity::Error, "not-readable", c.path,
                       QStringLiteral("%1 cannot reach the cache through this folder: %2")
                           .arg(m_user.name, AccessCheck::explainDenial(m_user, c.effective(), Search)),
                       accessFix(c.path, c.effective(), Search));
            break;
        }
    }
    m_report.rootReadDenial = whyPath(ctx, {}, m_snapshot.rootStat, Search);
    m_report.rootWriteDenial = whyPath(ctx, {}, m_snapshot.rootStat, Write | Search);
    if (m_chainOk) {
        Needs rootNeeds{Search, Write | Search};
        check(ctx, m_snapshot.root, {}, m_snapshot.rootStat, rootNeeds);
    }
    checkAcl(ctx, m_snapshot.root, m_snapshot.rootStat, Severity::Warning);
    m_report.rootDefaultAcl = m_report.aclSupport == AclProbe::Support::Supported && m_report.shared
                              && AclProbe::defaultAclGrantsGroup(m_snapshot.root, m_report.sharedGid, m_snapshot.rootStat.gid);
    for (const RepoEntry &entry : m_snapshot.rootEntries) {
        if (entry.path == ".locks" && entry.stat.isDirectory()) {
            check(ctx, m_snapshot.root + "/.locks", entry.path, entry.stat, {0, Write | Search});
            checkAcl(ctx, m_snapshot.root + "/.locks", entry.stat, Severity::Info);
        }
    }
}

void Auditor::run()
{
    checkRootAndHome();
    QHash<QByteArray, EntryStat> lockDirs;  // "/.locks" from the scan; each repo adds its own folder
    for (const RepoEntry &entry : m_snapshot.rootEntries) {
        if (entry.path == ".locks")
            lockDirs.insert("/.locks", entry.stat);
    }
    m_report.repos.reserve(m_snapshot.repos.size());
    for (const CachedRepoPtr &repoPtr : m_snapshot.repos) {
        const CachedRepo &repo = *repoPtr;
        RepoAccess access;
        access.cacheId = repo.cacheId();
        access.repoId = repo.repoId;
        access.path = repo.path;
        Context ctx;
        ctx.repo = &access;
        ctx.cached = &repo;
        ctx.dirs = lockDirs;
        const QByteArray lockRel = "/.locks/" + repo.folderName;
        for (const RepoEntry &entry : repo.locks) {
            if (entry.path == repo.folderName)
                ctx.dirs.insert(lockRel, entry.stat);
        }
        for (const RepoEntry &entry : repo.otherEntries) {
            if (entry.stat.isDirectory())
                ctx.dirs.insert(entry.path, entry.stat);
        }
        for (const CachedRevision &revision : repo.revisions) {
            const QByteArray base = "snapshots/" + revision.commit;
            ctx.dirs.insert(base, revision.stat);
            for (const SnapshotEntry &entry : revision.entries) {
                if (entry.kind == SnapshotEntry::Kind::Directory)
                    ctx.dirs.insert(base + '/' + entry.path, entry.stat);
            }
        }
        if (!m_chainOk) {
            access.canRead = access.canWrite = false;
            access.readDenial = m_report.rootReadDenial;
            access.writeDenial = m_report.rootWriteDenial;
        } else if (m_report.rootWriteDenial.isDenied()) {
            access.canWrite = false;  // cannot delete the repo folder nor create new ones
            access.writeDenial = m_report.rootWriteDenial;
        }

        check(ctx, repo.path, {}, repo.stat, {Search, Write | Search});
        checkAcl(ctx, repo.path, repo.stat, Severity::Info);
        for (const RepoEntry &entry : repo.otherEntries) {
            const Needs needs = needsOfRepoFolder(entry.path, entry.stat.isDirectory());
            check(ctx, repo.path + '/' + entry.path, entry.path, entry.stat, needs);
            if (entry.path == "blobs")
                checkAcl(ctx, repo.path + "/blobs", entry.stat, Severity::Info);
        }
        for (const CachedRef &ref : repo.refs) {
            const QByteArray rel = "refs/" + ref.name.toUtf8();
            check(ctx, repo.path + '/' + rel, rel, ref.stat, {Read, Write});
        }
        for (const CachedBlob &blob : repo.blobs) {
            const QByteArray rel = "blobs/" + blob.name;
            check(ctx, repo.path + '/' + rel, rel, blob.stat, {blob.snapshotLinks > 0 ? Read : 0, 0});
        }
        for (const CachedRevision &revision : repo.revisions) {
            const QByteArray base = "snapshots/" + revision.commit;
            check(ctx, repo.path + '/' + base, base, revision.stat, {Read | Search, Write | Search});
            for (const SnapshotEntry &entry : revision.entries) {
                const bool dir = entry.kind == SnapshotEntry::Kind::Directory;
                const QByteArray rel = base + '/' + entry.path;
                check(ctx, repo.path + '/' + rel, rel, entry.stat,
                      dir ? Needs{Read | Search, Write | Search} : Needs{entry.kind == SnapshotEntry::Kind::File ? Read : 0, 0});
            }
        }
        // repo.locks: the folder .locks/<folder> itself, then its files ("<folder>/<file>").
        for (const RepoEntry &lock : repo.locks) {
            const QByteArray rel = "/.locks/" + lock.path;
            if (lock.path == repo.folderName) {
                check(ctx, m_snapshot.root + rel, rel, lock.stat, {0, Write | Search});
                checkAcl(ctx, m_snapshot.root + rel, lock.stat, Severity::Info);
            } else {
                check(ctx, m_snapshot.root + rel, rel, lock.stat, {0, Read | Write, true});
            }
        }
        m_report.repos.append(access);
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

} // namespace

AuditReport CacheAudit::run(const CacheSnapshot &snapshot, const Options &options, QString *error)
{
    AuditReport report;
    report.rootChain = statChain(snapshot.root);
    QString lookupError;
    report.user = chooseUser(report.rootChain, options.asUser, &report.userReason, &lookupError);
    if (report.user.name.isEmpty()) {
        *error = lookupError;
        return {};
    }
    const EntryStat &root = snapshot.rootStat;
    if (!options.sharedGroup.isEmpty()) {
        const qint64 gid = UserIdentity::groupId(options.sharedGroup);
        if (gid < 0) {
            *error = QStringLiteral("no such group: %1").arg(options.sharedGroup);
            return {};
        }
        report.shared = true;
        report.sharedGid = quint32(gid);
    } else if ((root.mode & S_ISGID)
               || (root.gid != report.user.gid && report.user.inGroup(root.gid) && (root.mode & S_IWGRP)
                   && !(root.mode & S_IWOTH))) {
        // A setgid root, or one writable by a group of the user that is not their own: meant to
        // be shared. (World-writable is "anyone", not a group policy.)
        report.shared = report.sharedDetected = true;
        report.sharedGid = root.gid;
    }
    if (report.shared) {
        report.sharedGroup = UserIdentity::groupName(report.sharedGid);
        report.aclSupport = AclProbe::support(snapshot.root);
    }
    report.root = snapshot.root;

    Auditor auditor(snapshot, report);
    auditor.run();

    // HF_HOME made private by `hf auth login` (huggingface_hub >= 1.16 chmods the token's folder
    // to 0700) locks every other member out of a shared cache below it.
    QByteArray hfHome = options.hfHome;
    if (hfHome.isEmpty() && snapshot.root.endsWith("/hub"))
        hfHome = snapshot.root.chopped(4);
    if (report.shared && !hfHome.isEmpty()) {
        struct stat st;
        if (::stat(hfHome.constData(), &st) == 0 && S_ISDIR(st.st_mode) && !(st.st_mode & 0077)) {
            const quint32 mode = st.st_mode;
            const bool hasToken = ::lstat((hfHome + "/token").constData(), &st) == 0;
            report.findings.append({Severity::Error, QStringLiteral("hf-home-private"), hfHome,
                                    QStringLiteral("HF_HOME is private (mode %1): members of %2 cannot reach the cache below it%3")
                                        .arg(AccessCheck::octal(mode), report.sharedGroup,
                                             hasToken ? QStringLiteral("; it holds a token, and `hf auth login` makes its "
                                                                       "folder 0700: set HF_TOKEN_PATH to a per-user path")
                                                      : QString()),
                                    {QStringLiteral("chmod"), hfHome, AccessCheck::octal((mode & 07777) | 02050)}});
        }
    }
    return report;
}

} // namespace hfcache
