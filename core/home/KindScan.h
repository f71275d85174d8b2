// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CacheKind.h"
#include "cache/FindingCode.h"
#include "util/ByteArena.h"

#include <QHash>
#include <QPair>
#include <QSet>

#include <memory>

namespace hfcache {

// One scan of one cache kind's root into a KindSnapshot: the walk every folder-shaped kind
// shares. One pass; each folder is opened by its name from its parent's fd (never through a
// link) and listed once, each entry lstat'ed once. What the kind cannot place, and what cannot
// be read, becomes a finding with the path: nothing is dropped silently.
class KindScan
{
public:
    // `rootFolder`: the folder to read, when it is not location.path itself (the token's folder).
    KindScan(const CacheKind &kind, const KindLocation &location, const HomeScanOptions &options,
             const QByteArray &rootFolder = {});

    // Walks the root (a missing root is a snapshot with exists == false).
    KindSnapshotPtr run();
    // Reads only `names` in the root folder, for a kind that shares its folder with others; the
    // snapshot exists when the first name does.
    KindSnapshotPtr runNames(const QList<QByteArray> &names);

    // For CacheKind::classify() and finish():
    // The index of the item `key` (a path relative to the root), made with `type` when new.
    qint32 group(const QByteArray &key, const QString &type);
    HomeGroup &groupAt(qint32 index) { return m_snapshot->groups[index]; }
    const KindSnapshot &snapshot() const { return *m_snapshot; }
    void addFinding(Severity severity, FindingCode code, const QByteArray &relativePath, const QString &message);
    // The first `limit` bytes of the regular file `name` in `dirFd` (never a FIFO, never through a
    // link); empty, with an `unreadable` finding, when it cannot be read.
    QByteArray readSmallFile(const WalkedEntry &entry, qsizetype limit = 4096);
    QByteArray absolutePath(const QByteArray &relativePath) const;
    // Counts one entry (sizes once per inode, owners, its item) and keeps it when asked to.
    void record(const QByteArray &relativePath, const EntryStat &stat, EntryRole role, qint32 group);
    void setRoot(const EntryStat &stat);

private:
    void walk(int parentFd, const char *name, QList<QByteArray> &parents, qint32 folderGroup);
    void visit(int dirFd, const QByteArray &name, const EntryStat &stat, QList<QByteArray> &parents, qint32 folderGroup);
    void noteOddName(const WalkedEntry &entry);
    void sortResult();
    bool cancelled() const { return m_options.cancel && m_options.cancel->load(); }

    const CacheKind &m_kind;
    HomeScanOptions m_options;
    std::shared_ptr<KindSnapshot> m_snapshot;
    QByteArray m_root;
    ByteArena m_keys;  // the items' keys
    QSet<QPair<quint64, quint64>> m_linkedInodes;  // files with more than one link, counted once
    QHash<quint32, OwnerUsage> m_owners;
    OwnerUsage *m_lastOwner = nullptr;
};

} // namespace hfcache
