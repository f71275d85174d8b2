// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace hfcache {

// The names each cache kind's library makes directly in the kind's root folder: what tells a
// repair (hfcache-helper included) or a clean that a folder is a Hugging Face cache of that kind.
// The one table: CacheKind::markers() reads it, and it sits in the cache rules the helper links.
// Rows are CacheKind ids (hf-home-reference.md names the sources); a kind without a row has no
// name of its own (metrics, assets, the legacy caches: only their place in HF_HOME tells them).
namespace KindMarkers {

// Empty for a kind without markers.
const QList<QByteArray> &of(QByteArrayView kindId);
// Whether a name proves the kind: the hub cache's `.locks` and `CACHEDIR.TAG` do not (another tool
// writes a CACHEDIR.TAG too): huggingface_hub's tag text or a repo folder does (RepairAuthorization).
bool provenByName(QByteArrayView kindId);
// Every name that proves a kind, once each ("logs, downloads, ..."), for refusals.
QList<QByteArray> provenNames();
// The id of the first kind (proven by name) with a marker directly in the folder `dirFd`, never
// through a symlink; empty when there is none.
QByteArray kindMarkedIn(int dirFd);

} // namespace KindMarkers

} // namespace hfcache
