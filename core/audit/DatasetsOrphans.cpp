// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DatasetsOrphans.h"

#include "cache/RepoType.h"
#include "util/HumanFormat.h"
#include "util/PathText.h"

#include <QCryptographicHash>
#include <QFile>
#include <QMap>
#include <QSet>

namespace hfcache {

namespace {

struct DatasetFolder
{
    quint64 size = 0;
    int builders = 0;
};

// sha256 of every file path in the hub cache's dataset snapshots: what extracted/ names an
// archive by (hash_url_to_filename(os.path.abspath(path)) of the path hf_hub_download returned).
QSet<QByteArray> hubArchiveHashes(const CacheSnapshot &hub)
{
    QSet<QByteArray> hashes;
    for (const CachedRepoPtr &repo : hub.repos) {
        if (repo->type != RepoType::Dataset)
            continue;
        for (const CachedRevision &revision : repo->revisions) {
            const QByteArray base = repo->path + "/snapshots/" + revision.commit + '/';
            for (const SnapshotEntry &entry : revision.entries) {
                if (entry.kind != SnapshotEntry::Kind::Directory)
                    hashes.insert(QCryptographicHash::hash(base + entry.path, QCryptographicHash::Sha256).toHex());
            }
        }
    }
    return hashes;
}

} // namespace

Findings DatasetsOrphans::find(const KindSnapshot &datasets, const CacheSnapshot *hubCache)
{
    Findings findings;
    if (!hubCache || !datasets.exists)
        return findings;
    QSet<QString> hubDatasets;
    for (const CachedRepoPtr &repo : hubCache->repos) {
        if (repo->type == RepoType::Dataset)
            hubDatasets.insert(repo->repoId);
    }
    const QByteArray root = QFile::encodeName(datasets.location.path);
    QMap<QByteArray, DatasetFolder> orphans;  // by <ns>___<name>, in name order
    QSet<QByteArray> hashes;
    bool hashed = false;
    for (const HomeGroup &group : datasets.groups) {
        if (group.type == QLatin1String("builder") || group.type == QLatin1String("incomplete")) {
            // Only <ns>___<name>: packaged builders (csv, json, ...) read local files, not the Hub.
            const QString dataset = group.detail(QStringLiteral("dataset"));
            if (!dataset.contains(QLatin1Char('/')) || hubDatasets.contains(dataset))
                continue;
            DatasetFolder &folder = orphans[group.key.left(group.key.indexOf('/'))];
            folder.size += group.sizeOnDisk;
            ++folder.builders;
        } else if (group.type == QLatin1String("extracted") && group.detail(QStringLiteral("archive")).isEmpty()) {
            if (!hashed) {
                hashes = hubArchiveHashes(*hubCache);
                hashed = true;
            }
            const QByteArray hash = group.key.mid(group.key.lastIndexOf('/') + 1);
            if (hashes.contains(hash))
                continue;
            const QByteArray path = root + '/' + group.key;
            findings.append(makeFinding(
                Severity::Info, FindingCode::DatasetsOrphanExtracted, path,
                QStringLiteral("an extracted archive (%1) whose archive is neither a download of this cache nor a file "
                               "of a dataset in the hub cache %2: its archive was deleted (or is a local file datasets "
                               "was given)").arg(HumanFormat::size(group.sizeOnDisk), PathText::display(hubCache->root)),
                makeFix(FixAction::Delete, path, {})));
        }
    }
    for (auto it = orphans.cbegin(); it != orphans.cend(); ++it) {
        const QByteArray path = root + '/' + it.key();
        const QString repo = PathText::display(it.key()).replace(QStringLiteral("___"), QStringLiteral("--"));
        findings.append(makeFinding(
            Severity::Info, FindingCode::DatasetsOrphanBuilder, path,
            QStringLiteral("%1 prepared build(s), %2, of a Hub dataset that is not in the hub cache %3 (no datasets--%4): "
                           "deleted with `hf cache rm`, or prepared by datasets < 3.0; the Arrow files stay until "
                           "removed").arg(it->builders).arg(HumanFormat::size(it->size), PathText::display(hubCache->root), repo),
            makeFix(FixAction::Delete, path, {})));
    }
    return findings;
}

} // namespace hfcache
