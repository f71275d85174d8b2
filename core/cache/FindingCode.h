// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace hfcache {

// Every finding code hfcache reports, and every fix action it proposes: producers and consumers
// name them by these enums (Finding::code is one); the one name table (FindingCode.cpp) gives the
// stable strings that FindingFix::action, JSON and the README's findings tables use.
enum class FindingCode {
    // the scan of a hub cache or a local_dir (README: Findings)
    BrokenSymlink, SymlinkOutsideRepo, SymlinkLoop, AbsoluteSymlink, RefInvalid, RefWhitespace, RefMissingSnapshot,
    SnapshotWithoutRef, OrphanBlob, IncompleteDownload, DegradedCopy, BlobNameInvalid, UnknownEntry, Unreadable,
    SharedBlobUnreferenced, SharedBlobManifestStale, SharedBlobMissing,
    RepoWithoutSnapshots, EmptyRepo, TooDeep, LocalDirLegacyLayout, LocalDirNoMetadata, LocalDirMetadataInvalid,
    LocalDirFileChanged, LocalDirFileMissing, LocalDirFileUnrecorded, LocalDirMixedCommits,
    // the scan of the caches under HF_HOME (README: Every cache under HF_HOME)
    OddName, SymlinkNotFollowed, LegacyCache, XetChunkCacheUnused, DatasetsHashedLock,
    // the audit (README: hfcache doctor)
    NotReadable, NotWritable, LockNotWritable, ForeignOwner, GroupMismatch, NotGroupWritable, DirMissingSetgid,
    NoDefaultAcl, HfHomePrivate,
    // activity (locks, downloads, open files)
    LockHeld, IncompleteActive, IncompleteStale, InUse, SoftLockStale,
    // the locks of the caches under HF_HOME (README: Locks in every cache)
    EvaluateFilelockMismatch,
    // the filesystem under a cache (README: hfcache doctor)
    FsLocksNodeLocal, FsNoFlock, FsRemoteHolders, FsVolatile, XetCacheNetwork,
    // doctor over every cache under HF_HOME (README: doctor for every cache)
    HfHomeTokenTrap, XetShardCacheOverLimit, StaleTemporary, DatasetsOrphanBuilder, DatasetsOrphanExtracted,
    // verify (README: Findings, verify's table)
    CorruptBlob, UnreadableBlob, MisnamedUnusedBlob, ListedFileMissing, ListedFileWrongSize, ListedFileWrongBlob,
    MissingBlob,
};

enum class FixAction { Chown, Chgrp, Chmod, SetGid, DefaultAcl, Remove, BreakStale, MountOption, SetEnv, ClientConfig,
                       Delete };

// "broken-symlink", ...
QString findingCodeName(FindingCode code);
std::optional<FindingCode> findingCodeFromName(QStringView name);
QList<FindingCode> allFindingCodes();

// "chown", "chgrp", "chmod", "setgid", "default-acl", "remove", "break-stale", ...
QString fixActionName(FixAction action);
std::optional<FixAction> fixActionFromName(QStringView name);
QList<FixAction> allFixActions();

} // namespace hfcache
