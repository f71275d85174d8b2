// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CachedRepo.h"
#include "FindingCode.h"
#include "util/UniqueFd.h"

#include <QByteArray>
#include <QHash>
#include <QSet>

#include <atomic>

namespace hfcache {

class LinkResolver;
struct SharedBlobStore;

// Scans one repo folder of a hub cache into a CachedRepo. Runs on a worker thread; shares
// only read-only fds of the root and of .locks/ with other jobs.
class RepoScanJob
{
public:
    RepoScanJob(int rootFd, int locksFd, const QByteArray &root, const QByteArray &realRoot,
                const QByteArray &folderName, const std::atomic_bool *cancel, bool keepEntries = true,
                const SharedBlobStore *sharedBlobs = nullptr);

    CachedRepoPtr run();

private:
    void addFinding(Severity severity, FindingCode code, const QByteArray &relativePath, const QString &message);
    void noteOther(const QByteArray &relativePath, const EntryStat &stat);
    void reportUnreadable(const QByteArray &relativePath, int error);
    // Lists `relativeDir` (opened from `parentFd` by its last component, never through a link)
    // and calls visit(dirFd, name, relativePath, stat) for every entry still there.
    template<typename Visit>
    void forEachEntry(int parentFd, const QByteArray &relativeDir, Visit visit);

    // The layout's folders among `names` (the repo folder's entries), blobs/ first: snapshot
    // links are matched against its listing instead of being followed.
    void scanLayoutFolders(int repoFd, const QList<QByteArray> &names, const LinkResolver &resolver);
    // Every other entry of the repo folder: a finding each.
    void noteUnknownEntries(int repoFd, const QList<QByteArray> &names);
    // What could not be checked because blobs/ or snapshot links were unreadable.
    void reportUncheckedLinks();
    void scanBlobs(int repoFd);
    // A link in blobs/ into the shared blob store: its payload recorded (*hash: the one it
    // names); false when it is no such link.
    bool linkSharedBlob(int blobsFd, CachedBlob &blob, QByteArray *hash);
    // A link's blob when blobs/ could not be listed: looked up by name (search access is
    // enough). -1 with *error set when it is missing (ENOENT) or cannot be checked.
    int blobByName(const QByteArray &name, int *error);
    void scanRefs(int parentFd, const QByteArray &relativeDir);
    void scanSnapshots(int repoFd, const LinkResolver &resolver);
    void scanSnapshotFolder(int parentFd, const QByteArray &relativeDir, CachedRevision &revision,
                            const LinkResolver &resolver);
    void noteUnreadableLink(SnapshotEntry &entry, const QByteArray &relative, int error);
    void resolveLink(SnapshotEntry &entry, const QByteArray &target, const CachedRevision &revision,
                     const LinkResolver &resolver);
    void scanNoExist(int repoFd);
    void scanNoExistFolder(int parentFd, const QByteArray &relativeDir, QList<QByteArray> *markers);
    void scanTrees(int repoFd);
    void scanLocks();
    void linkRefsAndRevisions();
    void computeSizesAndTimes();
    void findOrphans();

    int m_rootFd;
    int m_locksFd;
    QByteArray m_realRoot;
    const std::atomic_bool *m_cancel;
    bool m_keepEntries;
    const SharedBlobStore *m_sharedBlobs;
    std::shared_ptr<CachedRepo> m_repo;
    QHash<QByteArray, int> m_blobIndex;
    bool m_hasSnapshotsFolder = false;
    int m_blobsError = 0;          // why blobs/ could not be listed, reported once snapshots are read
    UniqueFd m_blobsPathFd;        // then: blobs/ opened O_PATH, to look blobs up by name
    int m_uncheckedLinks = 0;      // links into an unlistable blobs/ whose blob cannot even be stat'ed
    int m_uncheckedError = 0;
    int m_unreadableLinks = 0;     // snapshot links whose target the filesystem refuses to give (sshfs contain_symlinks)
    int m_unreadableLinkError = 0;
    QByteArray m_firstUnreadableLink;
    QHash<QByteArray, QList<QByteArray>> m_noExist;  // commit -> markers, attached to revisions at the end
    QSet<QByteArray> m_treeListings;                 // commits with trees/<commit>.json
};

} // namespace hfcache
