// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "FindingCode.h"

#include <iterator>
#include <utility>

namespace hfcache {

namespace {

// The one table of names: JSON, the README and scripts match these strings.
constexpr std::pair<FindingCode, const char *> kCodes[] = {
    {FindingCode::BrokenSymlink, "broken-symlink"},
    {FindingCode::SymlinkOutsideRepo, "symlink-outside-repo"},
    {FindingCode::SymlinkLoop, "symlink-loop"},
    {FindingCode::AbsoluteSymlink, "absolute-symlink"},
    {FindingCode::RefInvalid, "ref-invalid"},
    {FindingCode::RefWhitespace, "ref-whitespace"},
    {FindingCode::RefMissingSnapshot, "ref-missing-snapshot"},
    {FindingCode::SnapshotWithoutRef, "snapshot-without-ref"},
    {FindingCode::OrphanBlob, "orphan-blob"},
    {FindingCode::IncompleteDownload, "incomplete-download"},
    {FindingCode::DegradedCopy, "degraded-copy"},
    {FindingCode::BlobNameInvalid, "blob-name-invalid"},
    {FindingCode::UnknownEntry, "unknown-entry"},
    {FindingCode::Unreadable, "unreadable"},
    {FindingCode::SharedBlobUnreferenced, "shared-blob-unreferenced"},
    {FindingCode::SharedBlobManifestStale, "shared-blob-manifest-stale"},
    {FindingCode::SharedBlobMissing, "shared-blob-missing"},
    {FindingCode::RepoWithoutSnapshots, "repo-without-snapshots"},
    {FindingCode::EmptyRepo, "empty-repo"},
    {FindingCode::TooDeep, "too-deep"},
    {FindingCode::LocalDirLegacyLayout, "local-dir-legacy-layout"},
    {FindingCode::LocalDirNoMetadata, "local-dir-no-metadata"},
    {FindingCode::LocalDirMetadataInvalid, "local-dir-metadata-invalid"},
    {FindingCode::LocalDirFileChanged, "local-dir-file-changed"},
    {FindingCode::LocalDirFileMissing, "local-dir-file-missing"},
    {FindingCode::LocalDirFileUnrecorded, "local-dir-file-unrecorded"},
    {FindingCode::LocalDirMixedCommits, "local-dir-mixed-commits"},
    {FindingCode::OddName, "odd-name"},
    {FindingCode::SymlinkNotFollowed, "symlink-not-followed"},
    {FindingCode::LegacyCache, "legacy-cache"},
    {FindingCode::XetChunkCacheUnused, "xet-chunk-cache-unused"},
    {FindingCode::DatasetsHashedLock, "datasets-hashed-lock"},
    {FindingCode::NotReadable, "not-readable"},
    {FindingCode::NotWritable, "not-writable"},
    {FindingCode::LockNotWritable, "lock-not-writable"},
    {FindingCode::ForeignOwner, "foreign-owner"},
    {FindingCode::GroupMismatch, "group-mismatch"},
    {FindingCode::NotGroupWritable, "not-group-writable"},
    {FindingCode::DirMissingSetgid, "dir-missing-setgid"},
    {FindingCode::NoDefaultAcl, "no-default-acl"},
    {FindingCode::HfHomePrivate, "hf-home-private"},
    {FindingCode::LockHeld, "lock-held"},
    {FindingCode::IncompleteActive, "incomplete-active"},
    {FindingCode::IncompleteStale, "incomplete-stale"},
    {FindingCode::InUse, "in-use"},
    {FindingCode::SoftLockStale, "soft-lock-stale"},
    {FindingCode::EvaluateFilelockMismatch, "evaluate-filelock-mismatch"},
    {FindingCode::FsLocksNodeLocal, "fs-locks-node-local"},
    {FindingCode::FsNoFlock, "fs-no-flock"},
    {FindingCode::FsRemoteHolders, "fs-remote-holders"},
    {FindingCode::FsVolatile, "fs-volatile"},
    {FindingCode::XetCacheNetwork, "xet-cache-network"},
    {FindingCode::HfHomeTokenTrap, "hf-home-token-trap"},
    {FindingCode::XetShardCacheOverLimit, "xet-shard-cache-over-limit"},
    {FindingCode::StaleTemporary, "stale-temporary"},
    {FindingCode::DatasetsOrphanBuilder, "datasets-orphan-builder"},
    {FindingCode::DatasetsOrphanExtracted, "datasets-orphan-extracted"},
    {FindingCode::CorruptBlob, "corrupt-blob"},
    {FindingCode::UnreadableBlob, "unreadable-blob"},
    {FindingCode::MisnamedUnusedBlob, "misnamed-unused-blob"},
    {FindingCode::ListedFileMissing, "missing"},
    {FindingCode::ListedFileWrongSize, "wrong-size"},
    {FindingCode::ListedFileWrongBlob, "wrong-blob"},
    {FindingCode::MissingBlob, "missing-blob"},
};

constexpr std::pair<FixAction, const char *> kActions[] = {
    {FixAction::Chown, "chown"},   {FixAction::Chgrp, "chgrp"},
    {FixAction::Chmod, "chmod"},   {FixAction::SetGid, "setgid"},
    {FixAction::DefaultAcl, "default-acl"}, {FixAction::Remove, "remove"},
    {FixAction::BreakStale, "break-stale"}, {FixAction::MountOption, "mount-option"},
    {FixAction::SetEnv, "set-env"}, {FixAction::ClientConfig, "client-config"},
    {FixAction::Delete, "delete"},
};

// The names as QStrings made once (shared, no allocation per call): the JSON of a big shared
// cache names 400k findings.
template <typename Enum, size_t N>
QString nameIn(const std::pair<Enum, const char *> (&table)[N], Enum value)
{
    static const QList<QString> names = [&table] {
        QList<QString> byValue;
        byValue.resize(qsizetype(N));
        for (const auto &[entry, name] : table)
            byValue[qsizetype(entry)] = QString::fromLatin1(name);
        return byValue;
    }();
    return names.value(qsizetype(value));
}

template <typename Enum, size_t N>
std::optional<Enum> valueIn(const std::pair<Enum, const char *> (&table)[N], QStringView name)
{
    for (const auto &[entry, entryName] : table) {
        if (name == QLatin1String(entryName))
            return entry;
    }
    return std::nullopt;
}

} // namespace

QString findingCodeName(FindingCode code)
{
    return nameIn(kCodes, code);
}

std::optional<FindingCode> findingCodeFromName(QStringView name)
{
    // Consumers compare Finding::code as the enum; this reads a name back (JSON, a script's).
    return valueIn(kCodes, name);
}

QList<FindingCode> allFindingCodes()
{
    QList<FindingCode> codes;
    for (const auto &entry : kCodes)
        codes << entry.first;
    return codes;
}

QString fixActionName(FixAction action)
{
    return nameIn(kActions, action);
}

std::optional<FixAction> fixActionFromName(QStringView name)
{
    return valueIn(kActions, name);
}

QList<FixAction> allFixActions()
{
    QList<FixAction> actions;
    for (const auto &entry : kActions)
        actions << entry.first;
    return actions;
}

} // namespace hfcache
