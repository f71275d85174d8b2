// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "SharedBlobPlanner.h"

#include "cache/SharedBlobLayout.h"

#include <QHash>

#include <algorithm>

namespace hfcache {

namespace {

// The operation for `payload`, its bytes counted in `item` when it is expected to go.
DeleteOperation releaseOf(DeletePlan &plan, const SharedPayload &payload, const QList<QByteArray> &leaving, int item)
{
    DeleteOperation op;
    op.path = SharedBlobLayout::payloadPath(payload.hash);
    op.lockPath = op.path + SharedBlobLayout::LockSuffix;
    op.device = payload.stat.device;
    op.inode = payload.stat.inode;
    // The links the scan found that stay: checked again under the lock with the manifest's lines.
    for (const QByteArray &link : payload.linkedBy + payload.uncheckedRefs) {
        if (!leaving.contains(link) && !op.usedBy.contains(link))
            op.usedBy.append(link);
    }
    // huggingface_hub never deletes a payload without a readable manifest; neither do we.
    const bool freed = payload.manifestRead && payload.hasPayload() && op.usedBy.isEmpty();
    op.kind = freed ? DeleteOperation::Kind::SharedBlob : DeleteOperation::Kind::SharedManifest;
    if (!freed)
        return op;
    const FileKey key{payload.stat.device, payload.stat.inode};
    plan.freed.append({key, payload.stat.diskSize, payload.stat.size, payload.stat.nlink, false, true, item});
    plan.contentFiles.insert(key, op.path);  // open or mapped by a process: the plan is refused
    for (const EntryStat &st : {payload.manifestStat, payload.lockStat}) {
        if (st.inode != 0)
            plan.freed.append({FileKey{st.device, st.inode}, st.diskSize, st.size, st.nlink, false, false, item});
    }
    if (payload.lockStat.inode != 0)  // a process waiting on it keeps the lock file
        plan.addLockFile(payload.lockStat, op.lockPath);
    return op;
}

const CachedBlob *blobNamed(const CachedRepo &repo, const QByteArray &name)
{
    const auto it = std::find_if(repo.blobs.cbegin(), repo.blobs.cend(), [&name](const CachedBlob &b) { return b.name == name; });
    return it != repo.blobs.cend() ? &*it : nullptr;
}

} // namespace

void SharedBlobPlanner::addReleases(DeletePlan &plan, const CacheSnapshot &snapshot)
{
    if (!snapshot.sharedBlobs.present)
        return;
    QHash<QByteArray, const CachedRepo *> repos;
    for (const CachedRepoPtr &repo : snapshot.repos)
        repos.insert(repo->folderName, repo.get());
    QHash<QByteArray, QList<QByteArray>> leaving;  // hash -> the links the plan removes
    QHash<QByteArray, int> lastItem;               // hash -> the item removing its last planned link
    QList<QByteArray> order;
    for (int i = 0; i < plan.items.size(); ++i) {
        const DeleteItem &item = plan.items.at(i);
        const CachedRepo *repo = repos.value(item.repoFolder);
        if (!repo || repo->sharedPayloads.isEmpty())
            continue;
        for (const DeleteOperation &op : item.operations) {
            if (op.kind != DeleteOperation::Kind::Blob)
                continue;
            const CachedBlob *blob = blobNamed(*repo, op.path.mid(op.path.lastIndexOf('/') + 1));
            if (!blob || blob->payloadIndex < 0)
                continue;
            const QByteArray &path = repo->sharedPayloads.at(blob->payloadIndex).path;
            const QByteArray hash = path.mid(path.lastIndexOf('/') + 1);
            if (!leaving.contains(hash))
                order.append(hash);
            leaving[hash].append(op.path);
            lastItem[hash] = i;
        }
    }
    for (const QByteArray &hash : std::as_const(order)) {
        const SharedPayload *payload = snapshot.sharedBlobs.payload(hash);
        if (!payload)
            continue;
        const int item = lastItem.value(hash);
        plan.items[item].operations.append(releaseOf(plan, *payload, leaving.value(hash), item));
    }
}

void SharedBlobPlanner::addUnreferenced(DeletePlan &plan, const CacheSnapshot &snapshot)
{
    const QList<const SharedPayload *> payloads = snapshot.sharedBlobs.unreferenced();
    if (payloads.isEmpty())
        return;
    DeleteItem item;
    item.kind = DeleteItem::Kind::SharedBlobs;
    item.reason = QStringLiteral("no repo blob links to them");
    const int index = int(plan.items.size());
    for (const SharedPayload *payload : payloads) {
        item.operations.append(releaseOf(plan, *payload, {}, index));
        item.contentSize += payload->stat.diskSize;
        ++item.files;
    }
    plan.items.append(item);
}

} // namespace hfcache
