// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "SnapshotJson.h"

#include "cache/SharedBlobLayout.h"
#include "home/CacheKinds.h"
#include "util/HumanFormat.h"

#include <QFile>
#include <QSet>

namespace hfcache::SnapshotJson {

namespace {

// Whether huggingface_hub would trust a local_dir file's .metadata without hashing the file.
const char *localDirMetadataState(const LocalDirRecord *record)
{
    if (!record)
        return "missing";
    if (!record->valid)
        return "invalid";
    return record->fresh ? "fresh" : "stale";
}

} // namespace

void writeTime(JsonWriter &json, const char *key, qint64 secondsSinceEpoch)
{
    json.key(key);
    if (secondsSinceEpoch > 0)
        json.value(HumanFormat::isoUtc(secondsSinceEpoch));
    else
        json.null();
}

void writeFinding(JsonWriter &json, const Finding &finding)
{
    json.beginObject();
    json.field("severity", severityName(finding.severity));
    json.field("code", findingCodeName(finding.code));
    json.field("path", finding.path);
    json.field("message", finding.message);
    if (!finding.fix.isEmpty()) {
        json.key("fix");
        json.beginObject();
        json.field("action", finding.fix.action);
        json.field("path", finding.fix.path);
        json.field("value", finding.fix.value);
        json.endObject();
    }
    json.endObject();
}

void writeFindings(JsonWriter &json, const Findings &findings)
{
    json.beginArray();
    for (const Finding &finding : findings)
        writeFinding(json, finding);
    json.endArray();
}

void writeKindIdentity(JsonWriter &json, const KindSnapshot &kind)
{
    json.field("kind", kind.location.kindId);
    json.field("name", CacheKinds::displayName(kind.location.kindId));
    json.field("path", QFile::encodeName(kind.location.path));
    json.field("source", kind.location.source);
    json.field("exists", kind.exists);
}

void writeFilesystem(JsonWriter &json, const FilesystemFacts &facts)
{
    if (!facts.known) {
        json.null();
        return;
    }
    json.beginObject();
    json.field("type", facts.type);
    json.field("magic", QStringLiteral("0x%1").arg(facts.magic, 0, 16));
    json.field("network", facts.network);
    json.field("lock_scope", facts.lockScopeName());
    json.field("locks", facts.lockText());
    json.field("summary", facts.summary());
    json.key("mount");
    if (facts.hasMount) {
        json.beginObject();
        json.field("mount_point", facts.mount.mountPoint);
        json.field("source", facts.mount.source);
        json.field("root", facts.mount.root);
        json.field("options", (facts.mount.mountOptions + facts.mount.superOptions).join(QLatin1Char(',')));
        json.endObject();
    } else {
        json.null();
    }
    json.field("nfs_version", facts.nfsVersion);
    json.field("local_lock", facts.localLock);
    json.endObject();
}

void writeRevision(JsonWriter &json, const CachedRepo &repo, const CachedRevision &revision, bool withFiles)
{
    json.beginObject();
    json.field("commit_hash", revision.commit);
    json.key("refs");
    json.beginArray();
    for (const QString &ref : revision.refs)
        json.value(ref);
    json.endArray();
    json.key("detached");  // a local_dir has no refs to be detached from
    if (repo.isLocalDir)
        json.null();
    else
        json.value(revision.isDetached());
    json.field("snapshot_path", repo.snapshotPath(revision));
    json.field("size_on_disk", revision.sizeOnDisk);
    json.field("size_apparent", revision.sizeApparent);
    json.field("nb_files", revision.nbFiles);
    writeTime(json, "last_modified", revision.lastModified);
    json.field("has_tree_listing", revision.hasTreeListing);
    if (withFiles) {
        json.key("files");
        json.beginArray();
        for (const SnapshotEntry &entry : revision.entries) {
            if (entry.kind != SnapshotEntry::Kind::Symlink && entry.kind != SnapshotEntry::Kind::File)
                continue;
            json.beginObject();
            json.field("path", entry.path);
            json.key("blob");
            const LocalDirRecord *record = repo.isLocalDir ? repo.localDirRecord(entry.path) : nullptr;
            if (entry.blobIndex >= 0)
                json.value(repo.blobs.at(entry.blobIndex).name);
            else if (record && record->valid)
                json.value(record->etag);  // the blob name the hub cache would give it
            else
                json.null();
            const EntryStat *content = repo.contentStat(entry);
            json.field("size", content ? content->size : quint64(0));
            json.field("kind", entry.kind == SnapshotEntry::Kind::Symlink ? "symlink" : "file");
            json.key("shared_payload");  // the shared store's file holding it (huggingface_hub >= 1.29)
            if (entry.blobIndex >= 0 && repo.blobs.at(entry.blobIndex).isShared())
                json.value(repo.blobContentPath(repo.blobs.at(entry.blobIndex)));
            else
                json.null();
            json.key("link_target");
            if (entry.kind == SnapshotEntry::Kind::Symlink)
                json.value(repo.linkTarget(entry));
            else
                json.null();
            if (repo.isLocalDir)
                json.field("metadata", localDirMetadataState(record));
            json.endObject();
        }
        json.endArray();
    }
    json.endObject();
}

void writeRepo(JsonWriter &json, const CachedRepo &repo, bool withFiles)
{
    json.beginObject();
    json.field("repo_id", repo.repoId);
    json.key("repo_type");  // a local_dir's metadata does not say
    if (repo.isLocalDir)
        json.null();
    else
        json.value(repoTypeName(repo.type));
    json.field("repo_path", repo.path);
    json.field("size_on_disk", repo.sizeOnDisk);
    json.field("size_apparent", repo.sizeApparent);
    json.field("size_referenced", repo.sizeReferenced);
    json.field("nb_files", repo.nbFiles);
    writeTime(json, "last_accessed", repo.lastAccessed);
    writeTime(json, "last_modified", repo.lastModified);
    writeTime(json, "last_ref_change", repo.lastRefChange);
    json.key("refs");
    json.beginArray();
    for (const CachedRef &ref : repo.refs)
        json.value(ref.name);
    json.endArray();
    json.key("revisions");
    json.beginArray();
    for (const CachedRevision &revision : repo.revisions)
        writeRevision(json, repo, revision, withFiles);
    json.endArray();
    json.key("findings");
    writeFindings(json, repo.findings);
    json.endObject();
}

void writeProcesses(JsonWriter &json, const char *key, const QList<ProcessInfo> &list)
{
    json.key(key);
    json.beginArray();
    for (const ProcessInfo &p : list) {
        json.beginObject();
        json.field("pid", p.pid);
        json.key("process");
        if (p.exists)
            json.value(p.name);
        else
            json.null();
        json.field("cmdline", p.cmdline);
        json.field("user", p.exists ? p.user : QString());
        writeTime(json, "started", p.startTime);
        json.key("host");  // another machine's soft lock holder; null: this node
        if (p.host.isEmpty())
            json.null();
        else
            json.value(p.host);
        json.endObject();
    }
    json.endArray();
}

void writeSharedBlobs(JsonWriter &json, const CacheSnapshot &snapshot)
{
    const SharedBlobStore &store = snapshot.sharedBlobs;
    json.key("shared_blobs");
    if (!store.present) {
        json.null();
        return;
    }
    json.beginObject();
    json.field("path", snapshot.root + '/' + SharedBlobLayout::Folder);
    json.key("payloads");
    json.beginArray();
    for (const SharedPayload &payload : store.payloads) {
        json.beginObject();
        json.field("xet_hash", payload.hash);
        json.field("path", snapshot.root + '/' + SharedBlobLayout::payloadPath(payload.hash));
        json.field("present", payload.hasPayload());
        json.field("size_on_disk", payload.stat.diskSize);
        json.field("size_apparent", payload.stat.size);
        QSet<QByteArray> repos;
        json.key("referenced_by");  // the repo blob links the scan found
        json.beginArray();
        for (const QByteArray &link : payload.linkedBy) {
            json.value(link);
            repos.insert(link.left(link.indexOf('/')));
        }
        json.endArray();
        json.field("repos", int(repos.size()));
        json.field("manifest_entries", int(payload.manifestRefs.size()));
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

} // namespace hfcache::SnapshotJson
