// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "activity/ProcessInfo.h"
#include "audit/FilesystemFacts.h"
#include "cache/CacheSnapshot.h"
#include "home/KindSnapshot.h"
#include "util/JsonWriter.h"

namespace hfcache {

// The pinned JSON shape of `hfcache scan --json` (README documents every key). Scripts,
// tests and the other commands (doctor, rm, verify) reuse these writers so that a repo, a
// revision or a finding always looks the same.
namespace SnapshotJson {

void writeFinding(JsonWriter &json, const Finding &finding);
void writeFindings(JsonWriter &json, const Findings &findings);
void writeRevision(JsonWriter &json, const CachedRepo &repo, const CachedRevision &revision, bool withFiles);
void writeRepo(JsonWriter &json, const CachedRepo &repo, bool withFiles);
// "shared_blobs": huggingface_hub's shared blob store (null when the cache has none): its
// payloads with the repo blobs linking to each.
void writeSharedBlobs(JsonWriter &json, const CacheSnapshot &snapshot);
// The fields that name a cache of HF_HOME in home, doctor and locks: kind, name, path, source, exists.
void writeKindIdentity(JsonWriter &json, const KindSnapshot &kind);
// {type, magic, network, lock_scope, locks, mount_point, source, root, options, nfs_version, local_lock}
void writeFilesystem(JsonWriter &json, const FilesystemFacts &facts);
void writeTime(JsonWriter &json, const char *key, qint64 secondsSinceEpoch);
// key: [ {pid, process, cmdline, user, started, host} ]: lock holders, waiters, writers, users.
void writeProcesses(JsonWriter &json, const char *key, const QList<ProcessInfo> &list);

} // namespace SnapshotJson

} // namespace hfcache
