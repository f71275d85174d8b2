// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "EntryStat.h"

#include <QByteArray>

namespace hfcache {

// One entry under snapshots/<commit>/, at any depth.
struct SnapshotEntry
{
    enum class Kind : quint8 { Symlink, File, Directory, Other };
    // Where a symlink leads, decided lexically (never by following it).
    enum class LinkState : quint8 {
        None,        // not a symlink
        Blob,        // a relative link into this repo's blobs/ (the normal case)
        AbsoluteBlob,// an absolute link into this repo's blobs/ (huggingface_hub 0.13.0-0.13.1)
        InRepoFile,  // a link to a regular file elsewhere in the repo (followed inside the repo only)
        Broken,      // the target does not exist
        Outside,     // the target leaves the repo folder: never followed, never counted
        Loop,        // the chain of links inside the repo does not end
        Unchecked    // into a blobs/ folder we may not search: whether the blob is there is unknown
    };

    QByteArray path;        // relative to snapshots/<commit>/, "/"-separated, raw bytes
    Kind kind = Kind::Other;
    LinkState linkState = LinkState::None;
    qint32 blobIndex = -1;  // into CachedRepo::blobs when linkState is Blob or AbsoluteBlob
    qint32 targetIndex = -1;// into CachedRepo::linkTargets when linkState is InRepoFile
    EntryStat stat;         // lstat of the entry itself (the link, not its target)
    // readlink() text, kept only when it is not the canonical "../../blobs/<name>" form, to keep
    // memory low on caches with 100k+ links; CachedRepo::linkTarget() rebuilds the canonical one.
    QByteArray unusualTarget;

    int depth() const { return int(path.count('/')); }
    // Symlink, File or Directory from an lstat; Other for anything else (a socket, a fifo...).
    static Kind kindOf(const EntryStat &st)
    {
        return st.isSymlink() ? Kind::Symlink : st.isRegularFile() ? Kind::File : st.isDirectory() ? Kind::Directory : Kind::Other;
    }
};

} // namespace hfcache
