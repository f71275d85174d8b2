// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CachedRepo.h"

#include "RepoFolderName.h"

#include <algorithm>

namespace hfcache {

QString CachedRepo::cacheId() const
{
    return RepoFolderName{type, repoId}.cacheId();
}

QStringList CachedRepo::refNames() const
{
    QStringList names;
    names.reserve(refs.size());
    for (const CachedRef &ref : refs)
        names << ref.name;
    return names;
}

const CachedRevision *CachedRepo::revision(const QByteArray &commit) const
{
    const auto it = std::lower_bound(revisions.cbegin(), revisions.cend(), commit,
                                     [](const CachedRevision &r, const QByteArray &c) { return r.commit < c; });
    return it != revisions.cend() && it->commit == commit ? &*it : nullptr;
}

QByteArray CachedRepo::linkTarget(const SnapshotEntry &entry) const
{
    if (entry.kind != SnapshotEntry::Kind::Symlink)
        return {};
    if (!entry.unusualTarget.isEmpty() || entry.blobIndex < 0)
        return entry.unusualTarget;
    return QByteArray("../").repeated(entry.depth() + 2) + "blobs/" + blobs.at(entry.blobIndex).name;
}

QByteArray CachedRepo::snapshotPath(const CachedRevision &revision) const
{
    return isLocalDir ? path : path + "/snapshots/" + revision.commit;
}

QByteArray CachedRepo::blobPath(const CachedBlob &blob) const
{
    return path + "/blobs/" + blob.name;
}

QByteArray CachedRepo::cacheRoot() const
{
    return path.left(path.lastIndexOf('/'));
}

QByteArray CachedRepo::blobContentPath(const CachedBlob &blob) const
{
    return blob.payloadIndex >= 0 ? cacheRoot() + '/' + sharedPayloads.at(blob.payloadIndex).path : blobPath(blob);
}

const EntryStat *CachedRepo::blobContent(const CachedBlob &blob) const
{
    if (blob.payloadIndex >= 0)
        return &sharedPayloads.at(blob.payloadIndex).stat;
    return blob.isShared() ? nullptr : &blob.stat;
}

const EntryStat *CachedRepo::contentStat(const SnapshotEntry &entry) const
{
    if (entry.kind == SnapshotEntry::Kind::File)
        return &entry.stat;
    if (entry.blobIndex >= 0)
        return blobContent(blobs.at(entry.blobIndex));
    if (entry.targetIndex >= 0)
        return &linkTargets.at(entry.targetIndex).stat;
    return nullptr;
}

int CachedRepo::countFindings(Severity atLeast) const
{
    return int(std::count_if(findings.cbegin(), findings.cend(),
                             [atLeast](const Finding &f) { return f.severity >= atLeast; }));
}

QByteArray CachedRepo::lockFilePath(const QByteArray &cacheRoot, const RepoEntry &lock) const
{
    if (isLocalDir)
        return path + '/' + lock.path;
    return cacheRoot + "/.locks/" + folderName + (lock.path.isEmpty() ? QByteArray() : '/' + lock.path);
}

const LocalDirRecord *CachedRepo::localDirRecord(const QByteArray &relativePath) const
{
    const auto it = std::lower_bound(localDirRecords.cbegin(), localDirRecords.cend(), relativePath,
                                     [](const LocalDirRecord &r, const QByteArray &p) { return r.path < p; });
    return it != localDirRecords.cend() && it->path == relativePath ? &*it : nullptr;
}

} // namespace hfcache
