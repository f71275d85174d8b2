// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "RemoteTree.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>

namespace hfcache {

// How one file of a remote revision looks in the local cache.
enum class LocalFileState {
    Ok,            // the link (or degraded-mode file) has the right content
    Missing,       // no snapshots/<commit>/<path>
    BlobMissing,   // the right link, but blobs/<etag> is absent
    WrongLink,     // a link to something else than ../(..)/blobs/<etag>
    SizeMismatch,  // the content has another size than the Hub lists
    HashMismatch,  // same size, different sha256 / git sha1
    Unusable       // a folder in its place, or unreadable (see detail)
};
QString localFileStateName(LocalFileState state);  // "ok", "missing", "blob-missing", ...

struct LocalFileCheck
{
    RemoteFile remote;
    LocalFileState state = LocalFileState::Missing;
    QString detail;

    bool isCorrupt() const { return state == LocalFileState::SizeMismatch || state == LocalFileState::HashMismatch; }
};

// Compares a remote revision with snapshots/<commit>/ of a repo folder, never following a
// link outside blobs/<etag>. Blocking (hashing reads every blob when `hashContent`): run it off
// the GUI thread.
class SnapshotCheck
{
public:
    static QList<LocalFileCheck> run(const QByteArray &repoPath, const RemoteTree &tree, bool hashContent,
                                     const std::atomic_bool *cancel = nullptr);
    // Size and (when `hashContent`) hash of the regular file at `path` against `remote`.
    static LocalFileState checkContent(const QByteArray &path, const RemoteFile &remote, bool hashContent,
                                       QString *detail);
};

} // namespace hfcache
