// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ActivityTargets.h"

#include "cache/BlobKind.h"
#include "cache/LocalDirScan.h"
#include "cache/BlobLock.h"
#include "cache/RepoFolderName.h"
#include "cache/SharedBlobLayout.h"
#include "util/PathText.h"
#include "util/SystemError.h"

#include <QCryptographicHash>
#include <QHash>

#include <cerrno>
#include <ftw.h>
#include <sys/stat.h>

namespace hfcache {

ActivityTargets ActivityTargets::fromSnapshot(const CacheSnapshotPtr &snapshot)
{
    ActivityTargets targets;
    targets.m_snapshot = snapshot;
    auto keyOf = [](const EntryStat &s) { return FileKey{s.device, s.inode}; };
    for (qint32 r = 0; r < snapshot->repos.size(); ++r) {
        const CachedRepo &repo = *snapshot->repos[r];
        targets.m_cacheIds.append(repo.cacheId());
        // A local_dir's lock files and .incomplete downloads pair up by its own naming rules.
        if (repo.isLocalDir)
            (void)targets.addLocalDir(repo.path, nullptr);  // no bookkeeping folder: nothing to watch
        for (qint32 i = 0; i < repo.locks.size() && !repo.isLocalDir; ++i) {
            if (repo.locks[i].stat.isRegularFile())  // not the folder .locks/<repo> itself
                targets.m_refs.append({keyOf(repo.locks[i].stat), WatchedFile::Kind::LockFile, r, i, -1});
        }
        for (qint32 i = 0; i < repo.blobs.size(); ++i) {
            const CachedBlob &blob = repo.blobs[i];
            if (blob.stat.isRegularFile())
                targets.m_refs.append({keyOf(blob.stat), blob.kind == BlobKind::Incomplete ? WatchedFile::Kind::Incomplete
                                                                                            : WatchedFile::Kind::Content,
                                       r, i, -1});
        }
        for (qint32 v = 0; v < repo.revisions.size(); ++v) {
            const QList<SnapshotEntry> &entries = repo.revisions[v].entries;
            for (qint32 e = 0; e < entries.size(); ++e) {
                if (entries[e].kind == SnapshotEntry::Kind::File)
                    targets.m_refs.append({keyOf(entries[e].stat), WatchedFile::Kind::Content, r, v, e});
            }
        }
    }
    // The shared blob store's locks: publishing and releasing a payload take <hash>.lock (or,
    // where flock is missing, the marker <hash>.lock.soft).
    const QList<SharedPayload> &payloads = snapshot->sharedBlobs.payloads;
    for (qint32 p = 0; p < payloads.size(); ++p) {
        if (payloads[p].lockStat.isRegularFile())
            targets.m_refs.append({keyOf(payloads[p].lockStat), WatchedFile::Kind::LockFile, SharedStoreRef, p, StoreLock});
        if (payloads[p].softLockStat.isRegularFile())
            targets.m_refs.append({keyOf(payloads[p].softLockStat), WatchedFile::Kind::LockFile, SharedStoreRef, p, StoreSoftLock});
    }
    return targets;
}

void ActivityTargets::add(WatchedFile file)
{
    m_refs.append({FileKey{file.stat.device, file.stat.inode}, file.kind, FileRef, qint32(m_files.size()), -1});
    m_files.append(std::move(file));
}

ActivityTargets ActivityTargets::fromLockFiles(QList<const EntryStat *> stats, std::function<WatchedFile(qsizetype)> fileOf)
{
    ActivityTargets targets;
    targets.m_refs.reserve(stats.size());
    for (qint32 i = 0; i < stats.size(); ++i)
        targets.m_refs.append({FileKey{stats[i]->device, stats[i]->inode}, WatchedFile::Kind::LockFile, LockFileRef, i, -1});
    targets.m_lockStats = std::move(stats);
    targets.m_lockFileOf = std::move(fileOf);
    return targets;
}

const EntryStat &ActivityTargets::stat(qsizetype i) const
{
    const Ref &ref = m_refs[i];
    if (ref.repo == FileRef)
        return m_files[ref.item].stat;
    if (ref.repo == LockFileRef)
        return *m_lockStats[ref.item];
    if (ref.repo == SharedStoreRef) {
        const SharedPayload &payload = m_snapshot->sharedBlobs.payloads[ref.item];
        return ref.entry == StoreSoftLock ? payload.softLockStat : payload.lockStat;
    }
    const CachedRepo &repo = *m_snapshot->repos[ref.repo];
    if (ref.kind == WatchedFile::Kind::LockFile)
        return repo.locks[ref.item].stat;
    if (ref.entry >= 0)
        return repo.revisions[ref.item].entries[ref.entry].stat;
    return repo.blobs[ref.item].stat;
}

WatchedFile ActivityTargets::file(qsizetype i) const
{
    const Ref &ref = m_refs[i];
    if (ref.repo == FileRef)
        return m_files[ref.item];
    if (ref.repo == LockFileRef)
        return m_lockFileOf(ref.item);
    if (ref.repo == SharedStoreRef)
        return storeLockFile(i);
    const CachedRepo &repo = *m_snapshot->repos[ref.repo];
    WatchedFile file;
    file.kind = ref.kind;
    file.repoId = repo.repoId;
    file.cacheId = m_cacheIds[ref.repo];
    file.stat = stat(i);
    if (ref.kind == WatchedFile::Kind::LockFile) {
        file.path = repo.lockFilePath(m_snapshot->root, repo.locks[ref.item]);
    } else if (ref.entry >= 0) {
        const CachedRevision &revision = repo.revisions[ref.item];
        file.path = repo.snapshotPath(revision) + '/' + revision.entries[ref.entry].path;
    } else {
        const CachedBlob &blob = repo.blobs[ref.item];
        file.path = repo.blobPath(blob);
        if (ref.kind == WatchedFile::Kind::Incomplete)
            file.lockPath = BlobLock::lockPath(m_snapshot->root, repo.folderName, incompleteEtag(blob.name));
    }
    return file;
}

bool ActivityTargets::isSoftLockFile(qsizetype i) const
{
    return m_refs[i].repo == SharedStoreRef && m_refs[i].entry == StoreSoftLock;
}

// A lock of the shared blob store belongs to no repo of its own: its repo id names the repos
// whose blobs link to the payload (cache-level findings, no cache id).
WatchedFile ActivityTargets::storeLockFile(qsizetype i) const
{
    const Ref &ref = m_refs[i];
    const SharedPayload &payload = m_snapshot->sharedBlobs.payloads[ref.item];
    WatchedFile file;
    file.kind = WatchedFile::Kind::LockFile;
    file.stat = stat(i);
    file.path = m_snapshot->root + '/' + SharedBlobLayout::payloadPath(payload.hash)
                + (ref.entry == StoreSoftLock ? SharedBlobLayout::SoftLockSuffix : SharedBlobLayout::LockSuffix);
    QStringList repoIds;
    for (const QByteArray &link : payload.linkedBy) {
        const std::optional<RepoFolderName> folder = RepoFolderName::parse(link.left(link.indexOf('/')));
        if (folder && !repoIds.contains(folder->repoId))
            repoIds.append(folder->repoId);
    }
    file.repoId = repoIds.join(QStringLiteral(", "));
    return file;
}

QByteArray ActivityTargets::localDirShortHash(const QByteArray &fileName)
{
    return QCryptographicHash::hash(fileName + ".metadata", QCryptographicHash::Sha1)
        .toBase64(QByteArray::Base64UrlEncoding);
}

namespace {

// nftw has no user pointer: the walk below is short and single-threaded per call.
thread_local QList<std::pair<QByteArray, EntryStat>> *t_found = nullptr;

int collect(const char *path, const struct stat *st, int type, struct FTW *)
{
    if (type == FTW_F && S_ISREG(st->st_mode)) {
        const QByteArray p(path);
        if (p.endsWith(".lock") || p.endsWith(".incomplete"))
            t_found->append({p, EntryStat::fromStat(*st)});
    }
    return 0;
}

} // namespace

bool ActivityTargets::addLocalDir(const QByteArray &dir, QString *error)
{
    const QByteArray bookkeeping = dir + '/' + LocalDirScan::bookkeepingFolder(dir);
    struct stat st;
    const int statError = ::lstat(bookkeeping.constData(), &st) != 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
    if (statError) {
        if (error)
            *error = pathError(QStringLiteral("cannot open"), bookkeeping, statError);
        return false;
    }
    QList<std::pair<QByteArray, EntryStat>> found;
    t_found = &found;
    const int rc = ::nftw(bookkeeping.constData(), collect, 16, FTW_PHYS);
    t_found = nullptr;
    if (rc != 0) {
        if (error)
            *error = pathError(QStringLiteral("cannot read"), bookkeeping, errno);
        return false;
    }
    QHash<QByteArray, QByteArray> lockByPrefix;  // "<folder>/<shorthash>" and "<folder>/<name>" -> lock path
    for (const auto &[path, stat] : std::as_const(found)) {
        if (!path.endsWith(".lock"))
            continue;
        const qsizetype slash = path.lastIndexOf('/');
        const QByteArray folder = path.left(slash + 1);
        const QByteArray name = path.mid(slash + 1).chopped(5);
        lockByPrefix.insert(folder + localDirShortHash(name), path);
        lockByPrefix.insert(folder + name, path);
    }
    const QString id = PathText::decode(dir);
    for (const auto &[path, stat] : std::as_const(found)) {
        WatchedFile file;
        file.path = path;
        file.stat = stat;
        file.repoId = id;
        file.cacheId = id;
        if (path.endsWith(".lock")) {
            file.kind = WatchedFile::Kind::LockFile;
        } else {
            file.kind = WatchedFile::Kind::Incomplete;
            // "<shorthash>.<etag>[.<8hex>].incomplete" or "<name>.<etag>.incomplete": try each
            // prefix ending before a dot, longest first.
            for (qsizetype dot = path.lastIndexOf('.'); dot > path.lastIndexOf('/'); dot = path.lastIndexOf('.', dot - 1)) {
                const auto lock = lockByPrefix.constFind(path.left(dot));
                if (lock != lockByPrefix.constEnd()) {
                    file.lockPath = *lock;
                    break;
                }
                if (dot == 0)
                    break;
            }
        }
        add(file);
    }
    return true;
}

} // namespace hfcache
