// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RepairRecipe.h"

#include "SharedBlobRepair.h"

#include "activity/CacheActivity.h"
#include "audit/UserIdentity.h"
#include "util/PathText.h"
#include "util/PathPrefix.h"
#include "cache/FindingCode.h"

#include <QHash>

#include <algorithm>

namespace hfcache {

namespace {

using OpKind = RepairOperation::Kind;

struct PlannedEntry
{
    QByteArray path;  // relative to the root
    EntryStat stat;
    bool isLock = false;  // under .locks/
};

// What the findings ask of one entry.
struct Wanted
{
    bool change = false;      // the recipe's target
    bool defaultAcl = false;  // no-default-acl
    bool remove = false;      // incomplete-stale
    bool live = false;        // incomplete-active: someone downloads it; never touched
};

QList<PlannedEntry> allEntries(const CacheSnapshot &snapshot)
{
    QList<PlannedEntry> entries;
    entries.append({".", snapshot.rootStat, false});
    for (const RepoEntry &entry : snapshot.rootEntries)
        entries.append({entry.path, entry.stat, entry.path == ".locks"});
    for (const CachedRepoPtr &repo : snapshot.repos) {
        const QByteArray folder = repo->folderName + '/';
        entries.append({repo->folderName, repo->stat, false});
        for (const RepoEntry &entry : repo->otherEntries)
            entries.append({folder + entry.path, entry.stat, false});
        for (const CachedBlob &blob : repo->blobs)
            entries.append({folder + "blobs/" + blob.name, blob.stat, false});
        for (const CachedRef &ref : repo->refs)
            entries.append({folder + "refs/" + PathText::encode(ref.name), ref.stat, false});
        for (const CachedRevision &revision : repo->revisions) {
            const QByteArray snapshotFolder = folder + "snapshots/" + revision.commit;
            entries.append({snapshotFolder, revision.stat, false});
            for (const SnapshotEntry &entry : revision.entries)
                entries.append({snapshotFolder + '/' + entry.path, entry.stat, false});
        }
        const QByteArray lockFolder = ".locks/" + repo->folderName;
        for (const RepoEntry &lock : repo->locks)  // "" is the folder, the rest are file names
            entries.append({lock.path.isEmpty() ? lockFolder : lockFolder + '/' + lock.path, lock.stat, true});
    }
    std::sort(entries.begin(), entries.end(), [](const PlannedEntry &a, const PlannedEntry &b) { return a.path < b.path; });
    entries.erase(std::unique(entries.begin(), entries.end(),
                              [](const PlannedEntry &a, const PlannedEntry &b) { return a.path == b.path; }),
                  entries.end());
    return entries;
}

RepairOperation operation(OpKind kind, const PlannedEntry &entry)
{
    RepairOperation op;
    op.kind = kind;
    op.path = entry.path;
    op.before = entry.stat;
    return op;
}

void addChmod(RepairPlan &plan, const PlannedEntry &entry, quint32 mode)
{
    if (entry.stat.isSymlink() || (entry.stat.permissions() & 0777) == mode)
        return;
    RepairOperation op = operation(OpKind::Chmod, entry);
    op.mode = mode;
    plan.operations.append(op);
}

// The invoker owns it (keeping a group of theirs) and can read, write and traverse it.
void planMine(RepairPlan &plan, const PlannedEntry &entry, const RepairInvoker &invoker)
{
    const EntryStat &st = entry.stat;
    if (st.uid != invoker.uid) {
        RepairOperation op = operation(OpKind::Chown, entry);
        op.uid = invoker.uid;
        op.gid = invoker.hasGroup(st.gid) ? -1 : qint64(invoker.gid);  // root's too: root:root, not root:bob
        plan.operations.append(op);
    }
    const quint32 needed = st.isDirectory() ? 0700 : 0600;
    if (st.isDirectory() || st.isRegularFile())
        addChmod(plan, entry, (st.permissions() & 0777) | needed);
}

// Group G, folders 2775 and files 0664 where a finding asks for a change; the ACL where doctor
// found none (an entry may need only that).
void planShare(RepairPlan &plan, const PlannedEntry &entry, const RepairRecipe &recipe, const Wanted &wanted)
{
    const EntryStat &st = entry.stat;
    if (wanted.change && st.gid != recipe.group) {
        RepairOperation op = operation(OpKind::Chgrp, entry);
        op.gid = recipe.group;
        plan.operations.append(op);
    }
    if (st.isDirectory()) {
        if (wanted.change) {
            addChmod(plan, entry, 0775);
            if (!(st.mode & 02000))
                plan.operations.append(operation(OpKind::SetGid, entry));
        }
        if (wanted.defaultAcl) {
            RepairOperation op = operation(OpKind::DefaultAcl, entry);
            op.gid = recipe.group;
            plan.operations.append(op);
        }
    } else if (st.isRegularFile() && wanted.change) {
        addChmod(plan, entry, 0664);
    }
}

// A lock folder the invoker cannot create locks in, or a lock file they cannot open for
// writing (filelock opens O_RDWR), becomes theirs; lock files end up 0664 like BlobLock's.
void planLocks(RepairPlan &plan, const PlannedEntry &entry, const RepairInvoker &invoker)
{
    const EntryStat &st = entry.stat;
    if (!entry.isLock || !(st.isDirectory() || st.isRegularFile()))
        return;
    const bool takeOver = !RepairRecipe::canWrite(invoker, st) && st.uid != invoker.uid;
    if (takeOver) {
        RepairOperation op = operation(OpKind::Chown, entry);
        op.uid = invoker.uid;
        plan.operations.append(op);
    }
    if (st.isDirectory()) {
        if (takeOver || (st.uid == invoker.uid && (st.permissions() & 0700) != 0700))
            addChmod(plan, entry, (st.permissions() & 0777) | 0700);
    } else if (takeOver || (st.permissions() & 0777) != 0664) {
        addChmod(plan, entry, 0664);
    }
}

} // namespace

QString RepairRecipe::name() const
{
    switch (kind) {
    case Kind::Mine:
        return QStringLiteral("mine");
    case Kind::ShareGroup:
        return QStringLiteral("share-group");
    case Kind::LocksOnly:
        break;
    }
    return QStringLiteral("locks-only");
}

bool RepairRecipe::canWrite(const RepairInvoker &invoker, const EntryStat &stat)
{
    if (invoker.isRoot())
        return true;
    if (stat.uid == invoker.uid)
        return stat.mode & 0200;
    if (invoker.groups.contains(stat.gid))
        return stat.mode & 0020;
    return stat.mode & 0002;
}

CacheAudit::Options RepairRecipe::auditOptions(const RepairInvoker &invoker) const
{
    CacheAudit::Options options;
    options.asUser = UserIdentity::userName(invoker.uid);
    if (kind == Kind::Mine)
        options.owner = options.asUser;
    if (kind == Kind::ShareGroup)
        options.sharedGroup = UserIdentity::groupName(quint32(group));
    return options;
}

bool RepairRecipe::diagnose(const CacheSnapshotPtr &snapshot, const RepairInvoker &invoker, Findings *findings,
                            QString *error) const
{
    const AuditReport report = CacheAudit::run(*snapshot, auditOptions(invoker), error);
    if (report.user.name.isEmpty())
        return false;
    *findings = report.findings;
    for (const RepoAccess &repo : report.repos)
        *findings += repo.findings;
    if (kind != Kind::LocksOnly) {
        CacheActivity::Options options;
        options.lockRows = CacheActivity::Options::LockRows::Active;  // what doctor asks: held locks, and every download
        const ActivityReport activity = CacheActivity::inspect(ActivityTargets::fromSnapshot(snapshot), options);
        for (const Findings &list : activity.findingsByRepo())
            *findings += list;
    }
    return true;
}

bool RepairRecipe::handles(const Finding &finding, const QByteArray &root) const
{
    if (!PathPrefix::isSameOrUnder(finding.path, root))
        return false;  // the way to the cache, HF_HOME: not the plan's to change
    const FindingCode code = finding.code;
    if (code == FindingCode::IncompleteStale)
        return kind != Kind::LocksOnly;
    const bool access = code == FindingCode::NotReadable || code == FindingCode::NotWritable
                        || code == FindingCode::LockNotWritable;
    switch (kind) {
    case Kind::Mine:
        return access || code == FindingCode::ForeignOwner;
    case Kind::ShareGroup:
        return access || code == FindingCode::GroupMismatch || code == FindingCode::NotGroupWritable
               || code == FindingCode::DirMissingSetgid || (defaultAcl && code == FindingCode::NoDefaultAcl);
    case Kind::LocksOnly:
        break;
    }
    return access && PathPrefix::isSameOrUnder(finding.path, root + "/.locks");
}

qint64 RepairRecipe::sharedGroupFor(const EntryStat &root, const RepairInvoker &invoker) const
{
    if (kind == Kind::ShareGroup)
        return group;
    // Lock files of a cache shared with a group of the invoker's (RepairAuthorization's shared cache).
    if (kind == Kind::LocksOnly && root.uid != invoker.uid && !invoker.isRoot() && invoker.hasGroup(root.gid))
        return root.gid;
    return -1;
}

RepairPlan RepairRecipe::build(const CacheSnapshot &snapshot, const Findings &findings, const RepairInvoker &invoker) const
{
    RepairPlan plan;
    plan.root = snapshot.root;
    plan.sharedGroup = sharedGroupFor(snapshot.rootStat, invoker);
    QHash<QByteArray, Wanted> wanted;
    for (const Finding &finding : findings) {
        const FindingCode code = finding.code;
        const bool live = code == FindingCode::IncompleteActive;
        if (!live && !handles(finding, snapshot.root))
            continue;
        Wanted &entry = wanted[finding.path == snapshot.root ? QByteArray(".") : finding.path.mid(snapshot.root.size() + 1)];
        if (live)
            entry.live = true;
        else if (code == FindingCode::IncompleteStale)
            entry.remove = true;
        else if (code == FindingCode::NoDefaultAcl)
            entry.defaultAcl = true;
        else
            entry.change = true;
    }
    for (const PlannedEntry &entry : allEntries(snapshot)) {
        const auto it = wanted.constFind(entry.path);
        if (it == wanted.cend() || it->live)
            continue;
        if (it->remove) {  // nothing else to do for what goes away
            if (entry.stat.isRegularFile())
                plan.operations.append(operation(OpKind::RemoveIncomplete, entry));
            continue;
        }
        switch (kind) {
        case Kind::Mine:
            planMine(plan, entry, invoker);
            break;
        case Kind::ShareGroup:
            planShare(plan, entry, *this, *it);
            break;
        case Kind::LocksOnly:
            planLocks(plan, entry, invoker);
            break;
        }
    }
    SharedBlobRepair::plan(plan, snapshot, *this, invoker);
    return plan;
}

void RepairRecipe::planEntry(RepairPlan &plan, const QByteArray &path, const EntryStat &stat, bool isLock,
                             bool groupAclMissing, const RepairInvoker &invoker) const
{
    const PlannedEntry entry{path, stat, isLock};
    switch (kind) {
    case Kind::Mine:
        planMine(plan, entry, invoker);  // changes only what is not yet the invoker's, u+rw(x)
        break;
    case Kind::ShareGroup: {
        // doctor's group-mismatch, not-group-writable (g+rw, folders g+rwx) and dir-missing-setgid.
        const quint32 needed = stat.isDirectory() ? 02070 : stat.isRegularFile() ? 0060 : 0;
        Wanted wanted;
        wanted.change = stat.gid != quint32(group) || (stat.mode & needed) != needed;
        wanted.defaultAcl = defaultAcl && stat.isDirectory() && groupAclMissing;
        planShare(plan, entry, *this, wanted);
        break;
    }
    case Kind::LocksOnly:
        planLocks(plan, entry, invoker);
        break;
    }
}

RepairPlan RepairRecipe::plan(const CacheSnapshotPtr &snapshot, const RepairInvoker &invoker, QString *error) const
{
    Findings findings;
    if (!diagnose(snapshot, invoker, &findings, error))
        return {};
    return build(*snapshot, findings, invoker);
}

void RepairRecipe::split(const RepairPlan &plan, const RepairInvoker &invoker, RepairPlan *inProcess, RepairPlan *helper)
{
    for (RepairPlan *part : {inProcess, helper}) {
        part->root = plan.root;
        part->sharedGroup = plan.sharedGroup;
        part->operations.clear();
    }
    QByteArray lastPath;
    qint64 groupAfter = -1;  // the group a path has once earlier operations on it ran
    for (const RepairOperation &op : plan.operations) {
        if (op.path != lastPath) {
            lastPath = op.path;
            groupAfter = op.before.gid;
        }
        if ((op.kind == OpKind::Chown || op.kind == OpKind::Chgrp) && op.gid >= 0)
            groupAfter = op.gid;
        const bool owner = op.before.uid == invoker.uid;
        bool alone = invoker.isRoot();
        switch (op.kind) {
        case OpKind::Chown:
            alone = alone || (owner && op.uid == invoker.uid && (op.gid < 0 || invoker.isMemberOf(quint32(op.gid))));
            break;
        case OpKind::Chgrp:
            alone = alone || (owner && invoker.isMemberOf(quint32(op.gid)));
            break;
        case OpKind::SetGid:  // the kernel drops setgid set by a non-member of the folder's group
            alone = alone || (owner && invoker.isMemberOf(quint32(groupAfter)));
            break;
        case OpKind::Chmod:
        case OpKind::DefaultAcl:
        case OpKind::RemoveIncomplete:
            alone = alone || owner;
            break;
        }
        (alone ? inProcess : helper)->operations.append(op);
    }
}

} // namespace hfcache
