// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "SharedBlobRepair.h"

#include "cache/SharedBlobLayout.h"

#include <algorithm>

namespace hfcache {

namespace {

using OpKind = RepairOperation::Kind;

struct StoreEntry
{
    QByteArray path;
    EntryStat stat;
    quint32 mode;  // what the library gives it (folders: with setgid/sticky)
};

RepairOperation operation(OpKind kind, const StoreEntry &entry)
{
    RepairOperation op;
    op.kind = kind;
    op.path = entry.path;
    op.before = entry.stat;
    return op;
}

} // namespace

void SharedBlobRepair::plan(RepairPlan &plan, const CacheSnapshot &snapshot, const RepairRecipe &recipe,
                            const RepairInvoker &invoker)
{
    const SharedBlobStore &store = snapshot.sharedBlobs;
    if (!store.present)
        return;
    const bool locksOnly = recipe.kind == RepairRecipe::Kind::LocksOnly;
    // The root as the recipe leaves it: ShareGroup makes folders 2775, Mine gives the owner rwx.
    const quint32 rootMode = recipe.kind == RepairRecipe::Kind::ShareGroup ? 02775 : snapshot.rootStat.permissions() | 0700;
    QList<StoreEntry> entries;
    for (const RepoEntry &e : store.otherEntries) {
        if (locksOnly)
            break;
        if (e.stat.isDirectory())
            entries.append({e.path, e.stat, SharedBlobLayout::folderMode(rootMode)});
        else if (e.path.endsWith(SharedBlobLayout::Marker))
            entries.append({e.path, e.stat, SharedBlobLayout::payloadMode(rootMode)});
    }
    for (const SharedPayload &p : store.payloads) {
        const QByteArray path = SharedBlobLayout::payloadPath(p.hash);
        if (!locksOnly) {
            entries.append({path, p.stat, SharedBlobLayout::payloadMode(rootMode)});
            entries.append({path + SharedBlobLayout::ManifestSuffix, p.manifestStat, SharedBlobLayout::SharedFileMode});
        }
        entries.append({path + SharedBlobLayout::LockSuffix, p.lockStat, SharedBlobLayout::SharedFileMode});
    }
    std::sort(entries.begin(), entries.end(), [](const StoreEntry &a, const StoreEntry &b) { return a.path < b.path; });
    for (const StoreEntry &entry : std::as_const(entries)) {
        const EntryStat &st = entry.stat;
        if (!st.isDirectory() && !st.isRegularFile())
            continue;  // not there (inode 0) or not the library's: the scan's findings say so
        if (recipe.kind == RepairRecipe::Kind::Mine && st.uid != invoker.uid) {
            RepairOperation op = operation(OpKind::Chown, entry);
            op.uid = invoker.uid;
            op.gid = invoker.hasGroup(st.gid) ? -1 : qint64(invoker.gid);
            plan.operations.append(op);
        } else if (recipe.kind == RepairRecipe::Kind::ShareGroup && st.gid != recipe.group) {
            RepairOperation op = operation(OpKind::Chgrp, entry);
            op.gid = recipe.group;
            plan.operations.append(op);
        }
        if ((st.permissions() & 0777) != (entry.mode & 0777)) {
            RepairOperation op = operation(OpKind::Chmod, entry);
            op.mode = entry.mode & 0777;
            plan.operations.append(op);
        }
        if (st.isDirectory() && (entry.mode & 02000) && !(st.mode & 02000))
            plan.operations.append(operation(OpKind::SetGid, entry));
    }
}

} // namespace hfcache
