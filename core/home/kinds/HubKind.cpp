// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HubKind.h"

#include "cache/CacheScan.h"
#include "cache/FindingCode.h"
#include "cache/RepoType.h"
#include "home/HomeEnvironment.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>

namespace hfcache {

QString HubKind::id() const { return QStringLiteral("hub"); }
QString HubKind::displayName() const { return QStringLiteral("hub cache"); }
QString HubKind::library() const { return QStringLiteral("huggingface_hub"); }

KindLocation HubKind::locate(const HomeEnvironment &env) const
{
    return {id(), env.hub().hubCache, env.hub().hubCacheSource};
}

// CacheScan reads the hub cache for every other command; here its summary becomes one row,
// one item per repo (entries = the repo's files; per-entry records stay with CacheScan).
KindSnapshotPtr HubKind::scan(const KindLocation &location, const HomeScanOptions &options) const
{
    auto result = std::make_shared<KindSnapshot>();
    result->location = location;
    ScanOptions scanOptions;
    scanOptions.threads = options.threads;
    scanOptions.keepEntries = false;
    ScanError error;
    const QByteArray root = QFile::encodeName(location.path);
    const CacheSnapshotPtr snapshot = CacheScan::run(root, scanOptions, {}, options.cancel, &error);
    if (!snapshot) {
        EntryStat rootStat;
        if (EntryStat::lstatAt(AT_FDCWD, root, &rootStat)) {
            result->exists = true;
            result->rootStat = rootStat;
            result->findings.append(makeFinding(Severity::Error, FindingCode::Unreadable, root, error.message()));
        }
        return result;
    }
    result->exists = true;
    result->rootStat = snapshot->rootStat;
    result->sizeOnDisk = snapshot->sizeOnDisk;
    result->sizeApparent = snapshot->sizeApparent;
    result->durationMs = snapshot->durationMs;
    result->findings = snapshot->findings;
    QHash<quint32, OwnerUsage> owners;
    for (const CachedRepoPtr &repo : snapshot->repos) {
        HomeGroup group;
        group.key = repo->folderName;
        group.type = repoTypeName(repo->type);
        group.sizeOnDisk = repo->sizeOnDisk;
        group.sizeApparent = repo->sizeApparent;
        group.lastModified = repo->lastModified;
        group.entries = repo->nbFiles;
        group.roles[size_t(EntryRole::Data)] = repo->nbFiles;
        group.setDetail(QStringLiteral("repo_id"), repo->repoId);
        group.setDetail(QStringLiteral("revisions"), QString::number(repo->revisions.size()));
        result->groups.append(std::move(group));
        result->groupIndex.insert(result->groups, qint32(result->groups.size() - 1));
        result->entryCount += repo->nbFiles;
        result->findings += repo->findings;
        OwnerUsage &owner = owners[repo->stat.uid];
        owner.uid = repo->stat.uid;
        owner.sizeOnDisk += repo->sizeOnDisk;
        owner.entries += repo->nbFiles;
    }
    result->owners = owners.values();
    std::sort(result->owners.begin(), result->owners.end(),
              [](const OwnerUsage &a, const OwnerUsage &b) { return a.sizeOnDisk > b.sizeOnDisk; });
    return result;
}

} // namespace hfcache
