// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CacheScan.h"

#include "RepoFolderName.h"
#include "RepoScanJob.h"
#include "SharedBlobScan.h"
#include "ScanLog.h"
#include "util/DirectoryReader.h"
#include "util/Parallel.h"
#include "util/PathText.h"
#include "util/SystemError.h"
#include "util/UniqueFd.h"
#include "FindingCode.h"
#include "util/FdWalk.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSet>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace hfcache {

QString ScanError::message() const
{
    return QStringLiteral("cannot open %1: %2").arg(PathText::display(path), reason);
}

namespace {

// Files the operating system drops into folders; huggingface_hub ignores them too.
bool isOsJunk(const QByteArray &name)
{
    return name == ".DS_Store" || name == "Thumbs.db" || name == "desktop.ini";
}

struct RootListing
{
    QList<QByteArray> repoFolders;
    QSet<QByteArray> lockFolders;
};

// Sorts the entries of the cache root into repo folders and everything else.
RootListing classifyRoot(int rootFd, CacheSnapshot &snapshot, ScanError *error)
{
    RootListing listing;
    DirectoryReader dir(rootFd, ".");
    const QList<DirectoryReader::Entry> entries = dir.entries();
    if (!dir.isOpen() || dir.error()) {
        if (error)
            *error = {snapshot.root, errnoText(dir.error())};
        return listing;
    }
    auto finding = [&snapshot](Severity severity, const QByteArray &name, const QString &message) {
        snapshot.findings.append(makeFinding(severity, FindingCode::UnknownEntry, snapshot.root + '/' + name, message));
    };
    for (const DirectoryReader::Entry &e : entries) {
        struct stat st;
        if (::fstatat(rootFd, e.name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0 || isOsJunk(e.name))
            continue;
        const EntryStat stat = EntryStat::fromStat(st);
        if (stat.isDirectory() && RepoFolderName::parse(e.name)) {
            listing.repoFolders.append(e.name);
            continue;
        }
        snapshot.rootEntries.append({e.name, stat});
        if (e.name == "blobs" && stat.isDirectory() && SharedBlobScan::isStore(rootFd))
            continue;  // huggingface_hub >= 1.29's shared blob store, scanned on its own
        if (e.name == ".locks" && stat.isDirectory()) {
            DirectoryReader locks(rootFd, ".locks");
            for (const DirectoryReader::Entry &l : locks.entries())
                listing.lockFolders.insert(l.name);
        } else if (e.name == "CACHEDIR.TAG" || e.name == "version.txt") {
            continue;
        } else if (e.name.startsWith("tmp") && stat.isRegularFile()) {
            finding(Severity::Warning, e.name,
                    QStringLiteral("temporary file of an interrupted download (huggingface_hub <= 0.22); safe to delete"));
        } else if (stat.isDirectory() && e.name.contains("--")) {
            finding(Severity::Warning, e.name,
                    QStringLiteral("%1 looks like a repo folder but its type is not models, datasets, spaces or kernels")
                        .arg(PathText::display(e.name)));
        } else {
            finding(Severity::Info, e.name,
                    QStringLiteral("%1 is not part of the hub cache layout").arg(PathText::display(e.name)));
        }
    }
    const QSet<QByteArray> repos(listing.repoFolders.cbegin(), listing.repoFolders.cend());
    for (const QByteArray &lockFolder : std::as_const(listing.lockFolders)) {
        if (!repos.contains(lockFolder))
            snapshot.findings.append({Severity::Info, FindingCode::UnknownEntry,
                                      snapshot.root + "/.locks/" + lockFolder,
                                      QStringLiteral("lock folder of a repo that is not cached (huggingface_hub never "
                                                     "removes these; harmless)"), {}});
    }
    return listing;
}

void computeTotals(CacheSnapshot &snapshot)
{
    QSet<QPair<quint64, quint64>> counted;
    auto count = [&](const EntryStat &s) {
        if (!counted.contains({s.device, s.inode})) {
            counted.insert({s.device, s.inode});
            snapshot.sizeOnDisk += s.diskSize;
            snapshot.sizeApparent += s.size;
        }
    };
    for (const CachedRepoPtr &repo : std::as_const(snapshot.repos)) {
        for (const CachedBlob &blob : repo->blobs) {
            if (blob.stat.isRegularFile())
                count(blob.stat);
        }
        for (const RepoEntry &target : repo->linkTargets)
            count(target.stat);
        for (const RepoEntry &payload : repo->sharedPayloads)
            count(payload.stat);
        for (const CachedRevision &revision : repo->revisions) {
            for (const SnapshotEntry &entry : revision.entries) {
                if (entry.kind == SnapshotEntry::Kind::File)
                    count(entry.stat);
            }
        }
    }
    for (const SharedPayload &payload : std::as_const(snapshot.sharedBlobs.payloads)) {
        if (payload.hasPayload())  // those no repo links to are on disk all the same
            count(payload.stat);
    }
}

} // namespace

CacheSnapshotPtr CacheScan::run(const QByteArray &root, const ScanOptions &options, const RepoCallback &onRepo,
                                const std::atomic_bool *cancel, ScanError *error)
{
    QElapsedTimer timer;
    timer.start();
    auto snapshot = std::make_shared<CacheSnapshot>();
    snapshot->root = root;
    snapshot->scannedAtMs = QDateTime::currentMSecsSinceEpoch();

    // The root itself may be a symlink (a cache moved to a bigger disk): that one is followed.
    const UniqueFd rootFd(::open(root.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!rootFd.isValid()) {
        if (error)
            *error = {root, errnoText(errno)};
        return nullptr;
    }
    struct stat st;
    if (::fstat(rootFd.get(), &st) == 0)
        snapshot->rootStat = EntryStat::fromStat(st);
    ScanError listError;
    const RootListing listing = classifyRoot(rootFd.get(), *snapshot, &listError);
    if (!listError.reason.isEmpty()) {
        if (error)
            *error = listError;
        return nullptr;
    }

    const UniqueFd locksFd(::openat(rootFd.get(), ".locks", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    const QByteArray realRoot = FdWalk::canonicalPath(root);
    SharedBlobScan::scan(rootFd.get(), root, &snapshot->sharedBlobs, &snapshot->findings);
    const int folders = int(listing.repoFolders.size());
    qCDebug(lcScan) << "scanning" << root << "real path" << realRoot << ":" << folders << "repo folders,"
                    << (locksFd.isValid() ? "with .locks" : "no .locks");
    if (options.onRepoCount)
        options.onRepoCount(folders);
    std::vector<CachedRepoPtr> results;
    results.resize(size_t(folders));
    std::atomic_int next{0};
    auto worker = [&]() {
        for (int i = next++; i < folders; i = next++) {
            if (cancel && cancel->load())
                return;
            RepoScanJob job(rootFd.get(), locksFd.get(), root, realRoot, listing.repoFolders.at(i), cancel,
                            options.keepEntries, &snapshot->sharedBlobs);
            results[size_t(i)] = job.run();
            if (onRepo)
                onRepo(results[size_t(i)]);
        }
    };
    runInParallel(options.threads, folders, worker);

    for (CachedRepoPtr &repo : results) {
        if (repo)
            snapshot->repos.append(std::move(repo));
    }
    std::sort(snapshot->repos.begin(), snapshot->repos.end(),
              [](const CachedRepoPtr &a, const CachedRepoPtr &b) { return a->cacheId() < b->cacheId(); });
    SharedBlobScan::crossCheck(*snapshot);
    computeTotals(*snapshot);
    snapshot->cancelled = cancel && cancel->load();
    snapshot->durationMs = timer.elapsed();
    qCDebug(lcScan) << "scanned" << snapshot->repos.size() << "repos of" << root << "in" << snapshot->durationMs << "ms"
                    << (snapshot->cancelled ? "(cancelled)" : "");
    return snapshot;
}

CachedRepoPtr CacheScan::scanRepo(const QByteArray &root, const QByteArray &folderName)
{
    const UniqueFd rootFd(::open(root.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    struct stat st;
    if (!rootFd.isValid() || !RepoFolderName::parse(folderName)
        || ::fstatat(rootFd.get(), folderName.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode))
        return nullptr;
    const UniqueFd locksFd(::openat(rootFd.get(), ".locks", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    SharedBlobStore sharedBlobs;  // its links are resolved as a full scan does; the store's findings are not the repo's
    Findings storeFindings;
    SharedBlobScan::scan(rootFd.get(), root, &sharedBlobs, &storeFindings);
    RepoScanJob job(rootFd.get(), locksFd.get(), root, FdWalk::canonicalPath(root), folderName, nullptr, true, &sharedBlobs);
    return job.run();
}

} // namespace hfcache
