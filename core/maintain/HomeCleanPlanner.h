// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "DeletePlan.h"
#include "HomeCleanTarget.h"
#include "home/HomeSnapshot.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace hfcache {

class InUseChecker;
struct KindSnapshot;

// Turns `hfcache clean` targets into DeletePlans, one per cache root, from a scan made with
// keepEntries: the same plans `rm` and `prune` make, carried out by the same DeleteExecutor (fd
// walk from the root, never through a link, identities re-checked, lock files removed only
// while it holds them and no other process has them open). Each item is one thing the user
// can name, with the bytes it frees.
//
// Before planning it asks who uses the files right now (InUseChecker, and a probe of the locks
// that mark a running job): what a process has open or mapped, a lock that is held or open, and
// an .incomplete whose lock is held are left out, with the reason in the plan's `kept`; the
// executor asks again before it deletes. Nothing here prints: the CLI and the GUI show the plans.
class HomeCleanPlanner
{
public:
    static constexpr quint64 DefaultShardLimit = 16ULL << 30;  // hf_xet's soft limit (§1.2)
    // Temp files younger than this may be an upload between two writes: left alone.
    static constexpr qint64 QuietSeconds = 3600;

    struct Options
    {
        quint64 shardLimit = DefaultShardLimit;
        const InUseChecker *inUse = nullptr;  // nullptr: no check now (the executor still checks)
        qint64 nowSecs = 0;                   // 0: the current time
    };

    struct Result
    {
        QList<DeletePlan> plans;  // one per cache root that has something to delete or keep
        QStringList hints;        // what the user named that is not there ("the datasets cache holds no folder org___x")
    };

    HomeCleanPlanner(HomeSnapshotPtr home, Options options);

    void addTarget(HomeCleanTarget target) { m_targets.append(target); }
    // A whole cache: everything in it that its layout knows (the root folder stays). False, with
    // *error, for the hub cache (rm and prune know its locks), the token, an unknown kind, or a
    // folder that does not carry its kind's markers.
    [[nodiscard]] bool addKind(const QString &kindId, QString *error);
    // A dataset of the datasets cache ("org/name" or "name"): its builder folders and lock files
    // (its hub repo is the hub cache's: DeletePlanner::addRepo).
    [[nodiscard]] bool addDataset(const QString &name, QString *error);
    // One item (HomeGroup) of the cache at `root` (KindLocation::path), whole, as the window's
    // Delete names it; refused as addKind refuses (the hub cache, the token).
    [[nodiscard]] bool addItem(const QString &root, const QByteArray &key, QString *error);

    [[nodiscard]] Result build() const;

private:
    class KindPlan;

    bool wants(HomeCleanTarget target) const;
    // The steps of build(): each adds the candidates of its targets to the plan of one cache.
    void planXet(KindPlan &plan) const;
    void planXetShards(KindPlan &plan) const;
    void planDatasets(KindPlan &plan) const;
    void planDatasetTemporaries(KindPlan &plan) const;
    void planDatasetOrphans(KindPlan &plan) const;
    QStringList planNamedDatasets(KindPlan &plan) const;
    void planFinishedExperiments(KindPlan &plan) const;
    void planTorchHubPartials(KindPlan &plan) const;
    void planWholeKind(KindPlan &plan) const;

    HomeSnapshotPtr m_home;
    Options m_options;
    QList<HomeCleanTarget> m_targets;
    QStringList m_kinds;
    QStringList m_datasets;  // dataset folder names ("org___name")
    QHash<QString, QList<QByteArray>> m_items;  // root -> item keys
};

} // namespace hfcache
