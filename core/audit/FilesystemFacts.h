// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "MountEntry.h"
#include "cache/Finding.h"

#include <QByteArray>
#include <QString>

namespace hfcache {

// What the filesystem under a cache folder means for huggingface_hub's and datasets' locks
// (filelock: flock(2) on Unix, SoftFileLock where flock fails with ENOSYS): statfs(2) f_type
// plus the mount's options from /proc/self/mountinfo.
struct FilesystemFacts
{
    enum class Kind { Local, Nfs, Lustre, Gpfs, BeeGfs, CephFs, Cifs, Fuse, NineP, Overlay, Tmpfs, Unknown };
    // Who sees a flock taken here.
    enum class LockScope {
        Local,      // a local filesystem: /proc/locks lists every holder
        Cluster,    // coherent across nodes, but /proc/locks lists only this node's holders
        NodeLocal,  // shared with other machines, yet each one's flocks are private to it
        None,       // flock fails (ENOSYS): filelock >= 3.24 falls back to SoftFileLock
        Unknown,
    };

    bool known = false;    // statfs succeeded
    quint64 magic = 0;     // statfs f_type
    Kind kind = Kind::Unknown;
    LockScope lockScope = LockScope::Unknown;
    bool network = false;  // shared with other machines
    QString type;          // mountinfo's type ("nfs4", "fuse.sshfs"), else a name from the magic number
    QString subtype;       // FUSE: "sshfs"
    QString nfsVersion;    // "4.2"
    QString localLock;     // NFS local_lock=: none, flock, posix, all
    bool hasMount = false; // found in mountinfo: `mount` is filled
    MountEntry mount;

    // statfs + /proc/self/mountinfo for `path`, or its nearest existing parent while it does not
    // exist (a cache folder not made yet). `known` false when nothing could be stat'ed. May block on a dead network mount: call it off the GUI thread.
    static FilesystemFacts probe(const QByteArray &path, const QByteArray &mountinfo = "/proc/self/mountinfo");
    // From the parts, for tests and probe(): `mount` may be nullptr.
    static FilesystemFacts classify(quint64 magic, const MountEntry *mount);
    static QString magicName(quint64 magic);

    // "nfs4 4.2, local_lock=none (10.0.0.1:/export on /mnt/hf)"
    QString summary() const;
    // What the locks of huggingface_hub and datasets do here, for people.
    QString lockText() const;
    // "local", "cluster", "node-local", "none", "unknown": the JSON value.
    QString lockScopeName() const;
    // What a cache (or HF_XET_CACHE when `xetCache`) at `path` on this filesystem risks, with fixes.
    Findings findings(const QByteArray &path, bool xetCache = false) const;
};

} // namespace hfcache
