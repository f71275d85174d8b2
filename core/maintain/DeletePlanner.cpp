// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DeletePlanner.h"

#include "SharedBlobPlanner.h"
#include "cache/BlobKind.h"
#include "util/FdWalk.h"
#include "util/Parallel.h"
#include "util/PathText.h"

#include <QSet>

#include <atomic>
#include <future>
#include <utility>
#include <vector>

namespace hfcache {

namespace {

// A repo's lock files, other entries and refs by name, built once per planned repo so that
// planning stays linear in the size of the repo however many revisions go.
class RepoIndex
{
public:
    explicit RepoIndex(const CachedRepo &repo)
    {
        for (const RepoEntry &e : repo.locks)
            m_locks.insert(e.path, &e);
        for (const RepoEntry &e : repo.otherEntries) {
            m_others.insert(e.path, &e);
            m_under[topTwo(e.path)].append(&e);
        }
        for (const CachedRef &ref : repo.refs)
            m_refs.insert(ref.name, &ref);
    }

    const RepoEntry *lockFile(const QByteArray &name) const { return m_locks.value(name); }
    const RepoEntry *other(const QByteArray &path) const { return m_others.value(path); }
    const CachedRef *ref(const QString &name) const { return m_refs.value(name); }
    // `folder` (two components, ".no_exist/<commit>") and everything the scan saw under it.
    QList<const RepoEntry *> under(const QByteArray &folder) const { return m_under.value(folder); }

private:
    static QByteArray topTwo(const QByteArray &path)
    {
        const qsizetype first = path.indexOf('/');
        const qsizetype second = first < 0 ? -1 : path.indexOf('/', first + 1);
        return second < 0 ? path : path.left(second);
    }

    QHash<QByteArray, const RepoEntry *> m_locks;
    QHash<QByteArray, const RepoEntry *> m_others;
    QHash<QByteArray, QList<const RepoEntry *>> m_under;
    QHash<QString, const CachedRef *> m_refs;
};

// One selected repo's share of a plan, built on its own (on any thread of the pool) and merged
// into the plan in the order of the selection, so that the plan is the one a single thread makes.
// Its lock and content files are kept in the order planned: the merge inserts them into the
// plan's hashes in that order, which gives those hashes the same layout (and iteration order).
struct PlanPart
{
    QList<DeleteItem> items;
    QList<DeletePlan::FreedFile> freed;  // item: into items
    QList<std::pair<FileKey, QByteArray>> contentFiles;
    QList<std::pair<EntryStat, QByteArray>> lockFiles;
    QSet<FileKey> lockKeys;  // of lockFiles
    // The lock files of earlier parts (merged already), or nullptr while built beside them.
    const QHash<FileKey, QByteArray> *earlierLockFiles = nullptr;
    // Lock files a whole repo removes because no item before named them: an earlier part that
    // names one too (a lock file hard-linked into two repos' lock folders) means building again.
    QList<FileKey> lockFilesNewHere;

    // Room for `files` more of each list: no regrowth of lists of 100k entries.
    void reserve(qsizetype freedFiles, qsizetype files)
    {
        freed.reserve(freed.size() + freedFiles);
        contentFiles.reserve(contentFiles.size() + files);
        lockFiles.reserve(lockFiles.size() + files);
        lockKeys.reserve(lockKeys.size() + files);
    }

    void addLockFile(const EntryStat &st, const QByteArray &path)
    {
        lockFiles.append({st, path});
        lockKeys.insert(FileKey{st.device, st.inode});
    }
    bool plansLockFile(const FileKey &key) const
    {
        return lockKeys.contains(key) || (earlierLockFiles && earlierLockFiles->contains(key));
    }
};

// `part` appended to `plan` (its items after the plan's, its files into the plan's hashes in
// the order planned) and freed: the plan holds it now.
void mergePart(DeletePlan &plan, PlanPart &part)
{
    const int offset = int(plan.items.size());
    for (DeletePlan::FreedFile &f : part.freed) {
        f.item += offset;
        plan.freed.append(f);
    }
    for (DeleteItem &item : part.items)
        plan.items.append(std::move(item));
    for (auto &[key, path] : part.contentFiles)
        plan.contentFiles.insert(key, std::move(path));
    for (const auto &[st, path] : std::as_const(part.lockFiles))
        plan.addLockFile(st, path);
    part = PlanPart{};
}

// Collects one item's operations and the inodes they free.
class ItemBuilder
{
public:
    ItemBuilder(PlanPart &plan, const CachedRepo &repo, const RepoIndex &index, int item)
        : m_plan(plan), m_repo(repo), m_index(index), m_item(item)
    {
    }

    // `content`: a blob or file the scan counts in the size of the repo or revision (DeleteItem::contentSize).
    void free(const EntryStat &st, bool content = false)
    {
        if (st.inode == 0)
            return;  // not seen by the scan
        m_plan.freed.append({FileKey{st.device, st.inode}, st.diskSize, st.size, st.nlink, st.isDirectory(), content, m_item});
    }

    void content(const QByteArray &repoRelative, const EntryStat &st)
    {
        contentAt(m_repo.folderName + '/' + repoRelative, st);
    }

    void contentAt(const QByteArray &rootRelative, const EntryStat &st)
    {
        m_plan.contentFiles.append({FileKey{st.device, st.inode}, rootRelative});
    }

    DeleteOperation &add(DeleteOperation::Kind kind, const QByteArray &repoRelative, const EntryStat *st = nullptr,
                         bool content = false)
    {
        DeleteOperation op;
        op.kind = kind;
        op.path = repoRelative.isEmpty() ? m_repo.folderName : m_repo.folderName + '/' + repoRelative;
        if (st) {
            op.device = st->device;
            op.inode = st->inode;
            free(*st, content);
        }
        m_operations.append(op);
        return m_operations.last();
    }

    // A lock file (or, last, the repo's lock folder) outside the repo folder.
    void addLock(DeleteOperation::Kind kind, const QByteArray &rootRelative, const EntryStat &st)
    {
        DeleteOperation op;
        op.kind = kind;
        op.path = rootRelative;
        op.device = st.device;
        op.inode = st.inode;
        if (kind == DeleteOperation::Kind::LockFile) {
            op.lockPath = rootRelative;
            m_plan.addLockFile(st, rootRelative);
        }
        free(st);
        (kind == DeleteOperation::Kind::LockFolder ? m_lockFolder : m_lockOperations).append(op);
    }

    // A blob under its lock, plus the lock file the scan saw for it (removed when nobody waits).
    void blob(const CachedBlob &blob, const QList<QByteArray> &usedBy = {})
    {
        const bool incomplete = blob.kind == BlobKind::Incomplete;
        // The scan counts regular files of blobs/ only (a folder or link there is no content).
        DeleteOperation &op = add(incomplete ? DeleteOperation::Kind::Incomplete : DeleteOperation::Kind::Blob,
                                  "blobs/" + blob.name, &blob.stat, blob.stat.isRegularFile());

        const QByteArray lockName = (incomplete ? incompleteEtag(blob.name) : blob.name) + ".lock";
        if (blob.kind != BlobKind::Invalid)
            op.lockPath = ".locks/" + m_repo.folderName + '/' + lockName;
        op.usedBy = usedBy;
        contentAt(op.path, blob.stat);  // the blob's path, shared
        if (const RepoEntry *lock = m_index.lockFile(lockName)) {
            free(lock->stat);
            m_plan.addLockFile(lock->stat, op.lockPath);
        }
        ++m_files;
    }

    // .no_exist/<commit>/ and trees/<commit>.json, when the scan saw them.
    void commitFiles(const QByteArray &commit)
    {
        const QByteArray noExist = ".no_exist/" + commit;
        if (const RepoEntry *e = m_index.other(noExist)) {
            add(DeleteOperation::Kind::NoExist, noExist, &e->stat);
            freeOthersUnder(noExist);
        }
        const QByteArray listing = "trees/" + commit + ".json";
        if (const RepoEntry *e = m_index.other(listing))
            add(DeleteOperation::Kind::TreeListing, listing, &e->stat);
    }

    // Everything the scan saw under `folder` (".no_exist/<commit>") and the folder itself.
    void freeOthersUnder(const QByteArray &folder)
    {
        for (const RepoEntry *e : m_index.under(folder))
            free(e->stat);
    }

    void snapshot(const CachedRevision &revision)
    {
        add(DeleteOperation::Kind::Snapshot, "snapshots/" + revision.commit, &revision.stat);
        for (const SnapshotEntry &entry : revision.entries) {
            free(entry.stat, entry.kind == SnapshotEntry::Kind::File);
            if (entry.kind == SnapshotEntry::Kind::File) {
                content("snapshots/" + revision.commit + '/' + entry.path, entry.stat);
                ++m_files;
            } else if (entry.kind == SnapshotEntry::Kind::Symlink) {
                ++m_files;  // counted with its blob's bytes, which go with the blob operation
            }
        }
    }

    void reserve(qsizetype operations) { m_operations.reserve(operations); }

    QList<DeleteOperation> takeOperations()
    {
        m_operations.append(std::move(m_lockOperations));
        m_operations.append(std::move(m_lockFolder));
        return std::move(m_operations);
    }
    int files() const { return m_files; }

private:
    PlanPart &m_plan;
    const CachedRepo &m_repo;
    const RepoIndex &m_index;
    int m_item;
    QList<DeleteOperation> m_operations;
    QList<DeleteOperation> m_lockOperations;  // after everything else
    QList<DeleteOperation> m_lockFolder;      // last of all
    int m_files = 0;
};

// Bytes on disk of the regular files added, each inode once: what the scan counts of them.
struct ContentBytes
{
    quint64 bytes = 0;
    QSet<FileKey> seen;

    void add(const EntryStat &st)
    {
        if (st.isRegularFile() && !seen.contains(FileKey{st.device, st.inode})) {
            seen.insert(FileKey{st.device, st.inode});
            bytes += st.diskSize;
        }
    }
};

QList<int> blobsOf(const CachedRevision &revision)
{
    QList<int> indexes;
    QSet<int> seen;
    for (const SnapshotEntry &entry : revision.entries) {
        if (entry.blobIndex >= 0 && !seen.contains(entry.blobIndex)) {
            seen.insert(entry.blobIndex);
            indexes.append(entry.blobIndex);
        }
    }
    return indexes;
}

// The items of one repo's selection, in the order the plan runs them: leftovers of interrupted
// deletes, then the whole repo or its revisions, then orphans, then interrupted downloads.
class RepoPlanner
{
public:
    RepoPlanner(PlanPart &plan, const CachedRepo &repo) : m_plan(plan), m_repo(repo), m_index(repo)
    {
        m_base.cacheId = repo.cacheId();
        m_base.repoFolder = repo.folderName;
    }

    void leftovers(const QList<QByteArray> &commits)
    {
        for (const QByteArray &commit : commits) {
            DeleteItem item = m_base;
            item.kind = DeleteItem::Kind::Revision;
            item.commit = commit;
            int orphans = 0;
            for (const CachedBlob &blob : m_repo.blobs)
                orphans += blob.snapshotLinks == 0 && (blob.kind == BlobKind::Sha256 || blob.kind == BlobKind::GitSha1);
            item.reason = QStringLiteral("finishing an interrupted delete: its refs and snapshot are already gone; "
                                         "the blobs only it used are orphans now (%1 in this repo: "
                                         "hfcache prune --orphans)").arg(orphans);
            ItemBuilder b = builder();
            b.commitFiles(commit);
            addItem(std::move(item), b);
        }
    }

    // Refs, then snapshots, then blobs, then the rest: an interruption leaves a consistent repo.
    void wholeRepo(const QString &reason)
    {
        DeleteItem item = m_base;
        item.kind = DeleteItem::Kind::Repo;
        item.reason = reason;
        ItemBuilder b = builder();
        qsizetype snapshotEntries = 0;
        for (const CachedRevision &revision : m_repo.revisions)
            snapshotEntries += revision.entries.size();
        const qsizetype blobs = m_repo.blobs.size();
        b.reserve(m_repo.refs.size() + m_repo.revisions.size() + blobs + 1 + m_repo.locks.size() + 1);
        m_plan.reserve(m_repo.refs.size() + m_repo.revisions.size() + snapshotEntries + 2 * blobs + 1
                           + m_repo.otherEntries.size() + m_repo.locks.size() + 1,
                       blobs + snapshotEntries + m_repo.linkTargets.size() + m_repo.locks.size());
        for (const CachedRef &ref : m_repo.refs)
            b.add(DeleteOperation::Kind::Ref, "refs/" + PathText::encode(ref.name), &ref.stat);
        for (const CachedRevision &revision : m_repo.revisions)
            b.snapshot(revision);
        for (const CachedBlob &blob : m_repo.blobs)
            b.blob(blob);
        b.add(DeleteOperation::Kind::RepoRest, {}, &m_repo.stat);
        // Files that in-repo links end at are content too (the scan counts them in the repo's size).
        QSet<FileKey> linkTargets;
        for (const RepoEntry &e : m_repo.linkTargets)
            linkTargets.insert(FileKey{e.stat.device, e.stat.inode});
        for (const RepoEntry &e : m_repo.otherEntries)
            b.free(e.stat, linkTargets.contains(FileKey{e.stat.device, e.stat.inode}));
        for (const RepoEntry &e : m_repo.linkTargets)
            b.content(e.path, e.stat);
        bool lockFolder = false;
        for (const RepoEntry &lock : m_repo.locks) {
            const QByteArray path = ".locks/" + m_repo.folderName + (lock.path.isEmpty() ? "" : "/" + lock.path);
            lockFolder = lockFolder || lock.path.isEmpty();
            const FileKey key{lock.stat.device, lock.stat.inode};
            if (m_plan.plansLockFile(key))
                continue;
            m_plan.lockFilesNewHere.append(key);
            b.addLock(lock.path.isEmpty() ? DeleteOperation::Kind::LockFolder : DeleteOperation::Kind::LockFile, path,
                      lock.stat);
        }
        // Taking the blob locks may create the folder: it goes too once empty.
        if (!lockFolder)
            b.addLock(DeleteOperation::Kind::LockFolder, ".locks/" + m_repo.folderName, EntryStat{});
        item.contentSize = m_repo.sizeOnDisk;
        addItem(std::move(item), b);
    }

    // Revision by revision; a blob goes with the last revision of the plan that used it.
    // Returns the blobs planned (by index).
    QSet<int> revisions(const QMap<QByteArray, QString> &selected)
    {
        const QHash<int, QList<QByteArray>> users = blobUsers(selected);
        QSet<int> planned;
        for (const CachedRevision &revision : m_repo.revisions) {
            if (!selected.contains(revision.commit))
                continue;
            DeleteItem item = m_base;
            item.kind = DeleteItem::Kind::Revision;
            item.commit = revision.commit;
            item.refs = revision.refs;
            item.reason = selected.value(revision.commit);
            item.contentSize = revision.sizeOnDisk;
            ItemBuilder b = builder();
            for (const QString &name : revision.refs) {
                if (const CachedRef *ref = m_index.ref(name))
                    b.add(DeleteOperation::Kind::Ref, "refs/" + PathText::encode(ref->name), &ref->stat);
            }
            b.snapshot(revision);
            b.commitFiles(revision.commit);
            for (int index : blobsOf(revision)) {
                const QList<QByteArray> &by = users.value(index);
                if (!by.isEmpty() && by.last() == revision.commit) {
                    b.blob(m_repo.blobs.at(index), by);
                    planned.insert(index);
                }
            }
            addItem(std::move(item), b);
        }
        return planned;
    }

    // Orphan blobs, but those `planned` takes already.
    void orphans(const QSet<int> &planned)
    {
        DeleteItem item = m_base;
        item.kind = DeleteItem::Kind::Orphans;
        item.reason = QStringLiteral("no revision uses them");
        ItemBuilder b = builder();
        ContentBytes blobs;
        for (int i = 0; i < m_repo.blobs.size(); ++i) {
            const CachedBlob &blob = m_repo.blobs.at(i);
            if (blob.snapshotLinks == 0 && !planned.contains(i)
                && (blob.kind == BlobKind::Sha256 || blob.kind == BlobKind::GitSha1)) {
                b.blob(blob);
                blobs.add(blob.stat);
            }
        }
        item.contentSize = blobs.bytes;
        addItem(std::move(item), b);
    }

    void incomplete(const QSet<QByteArray> &blobNames)
    {
        DeleteItem item = m_base;
        item.kind = DeleteItem::Kind::Incomplete;
        item.reason = QStringLiteral("interrupted download");
        ItemBuilder b = builder();
        ContentBytes blobs;
        for (const CachedBlob &blob : m_repo.blobs) {
            if (blobNames.contains(blob.name)) {
                b.blob(blob);
                blobs.add(blob.stat);
            }
        }
        item.contentSize = blobs.bytes;
        addItem(std::move(item), b);
    }

private:
    ItemBuilder builder() { return ItemBuilder(m_plan, m_repo, m_index, int(m_plan.items.size())); }

    void addItem(DeleteItem item, ItemBuilder &builder)
    {
        item.operations = builder.takeOperations();
        item.files = builder.files();
        if (!item.operations.isEmpty())
            m_plan.items.append(std::move(item));
    }

    // For each blob only selected revisions use: those revisions, in the repo's order.
    QHash<int, QList<QByteArray>> blobUsers(const QMap<QByteArray, QString> &selected) const
    {
        QSet<int> kept;
        for (const CachedRevision &revision : m_repo.revisions) {
            if (!selected.contains(revision.commit)) {
                for (int index : blobsOf(revision))
                    kept.insert(index);
            }
        }
        QHash<int, QList<QByteArray>> users;
        for (const CachedRevision &revision : m_repo.revisions) {
            if (!selected.contains(revision.commit))
                continue;
            for (int index : blobsOf(revision)) {
                if (!kept.contains(index))
                    users[index].append(revision.commit);
            }
        }
        return users;
    }

    PlanPart &m_plan;
    const CachedRepo &m_repo;
    const RepoIndex m_index;
    DeleteItem m_base;
};

} // namespace

DeletePlanner::Selection &DeletePlanner::selection(const CachedRepoPtr &repo)
{
    const auto found = m_selectionOf.constFind(repo.get());
    if (found != m_selectionOf.cend())
        return m_selections[*found];
    m_selectionOf.insert(repo.get(), int(m_selections.size()));
    m_selections.append(Selection{repo, false, {}, {}, false, {}, {}});
    return m_selections.last();
}

void DeletePlanner::addRepo(const CachedRepoPtr &repo, const QString &reason)
{
    Selection &s = selection(repo);
    s.whole = true;
    s.reason = reason;
}

void DeletePlanner::addRevision(const CachedRepoPtr &repo, const QByteArray &commit, const QString &reason)
{
    selection(repo).revisions.insert(commit, reason);
}

void DeletePlanner::addOrphans(const CachedRepoPtr &repo)
{
    selection(repo).orphans = true;
}

void DeletePlanner::addIncomplete(const CachedRepoPtr &repo, const QByteArray &blobName)
{
    selection(repo).incomplete.insert(blobName);
}

void DeletePlanner::addLeftovers(const CachedRepoPtr &repo, const QByteArray &commit)
{
    selection(repo).leftovers.append(commit);
}

DeletePlan DeletePlanner::build(int threads) const
{
    DeletePlan plan;
    // Resolved once: a symlink swapped later cannot move the delete to another cache.
    plan.root = FdWalk::canonicalPath(m_snapshot->root);
    if (plan.root.isEmpty())
        plan.root = m_snapshot->root;  // gone meanwhile: the executor refuses it
    plan.rootDevice = m_snapshot->rootStat.device;
    plan.rootInode = m_snapshot->rootStat.inode;
    plan.kept = m_kept;
    // At most every blob of the selected repos: no rehash while planning 100k of them.
    qsizetype blobs = 0;
    for (const Selection &s : m_selections)
        blobs += s.repo->blobs.size();
    plan.contentFiles.reserve(blobs);
    plan.lockFiles.reserve(blobs);
    plan.plainLockFiles.reserve(blobs);
    // Each repo's part on every core, as the scan runs; the parts then go into the plan in order.
    auto planPart = [](const Selection &s, PlanPart &part) {
        const CachedRepo &repo = *s.repo;
        RepoPlanner planner(part, repo);
        planner.leftovers(s.leftovers);
        if (s.whole || (!repo.revisions.isEmpty() && s.revisions.size() == repo.revisions.size())) {
            planner.wholeRepo(s.whole ? s.reason : s.revisions.first());
            return;
        }
        const QSet<int> planned = planner.revisions(s.revisions);
        if (s.orphans)
            planner.orphans(planned);
        if (!s.incomplete.isEmpty())
            planner.incomplete(s.incomplete);
    };
    // Each part is merged as soon as it and those before it are built, while the next are built.
    std::vector<PlanPart> parts(size_t(m_selections.size()));
    std::vector<std::atomic<bool>> built(size_t(m_selections.size()));
    std::atomic<qsizetype> next{0};
    std::future<void> building = std::async(std::launch::async, [&] {
        runInParallel(threads, m_selections.size(), [&] {
            for (qsizetype i = next++; i < m_selections.size(); i = next++) {
                planPart(m_selections.at(i), parts[size_t(i)]);
                built[size_t(i)].store(true, std::memory_order_release);
                built[size_t(i)].notify_one();
            }
        });
    });
    for (qsizetype i = 0; i < m_selections.size(); ++i) {
        built[size_t(i)].wait(false, std::memory_order_acquire);
        PlanPart &part = parts[size_t(i)];
        for (const FileKey &key : std::as_const(part.lockFilesNewHere)) {
            if (plan.lockFiles.contains(key)) {  // an earlier repo names it too: as one thread would
                part = PlanPart{};
                part.earlierLockFiles = &plan.lockFiles;
                planPart(m_selections.at(i), part);
                break;
            }
        }
        mergePart(plan, part);
    }
    building.get();
    SharedBlobPlanner::addReleases(plan, *m_snapshot);
    if (m_unreferencedSharedBlobs)
        SharedBlobPlanner::addUnreferenced(plan, *m_snapshot);
    plan.fillFreed();
    return plan;
}

} // namespace hfcache
