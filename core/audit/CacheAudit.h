// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "AuditReport.h"
#include "cache/CacheSnapshot.h"

#include <QByteArray>
#include <QString>

namespace hfcache {

// Ownership and permissions of a scanned cache, for the current user or another one, from the
// lstat the scanner kept for every entry: nothing under the root is walked or stat'ed again.
// Only the components down to the root (and .locks, HF_HOME's token) are stat'ed, plus ACL
// reads on folders in shared-group mode.
//
// Three steps so that repos can be judged while the scan still runs: prepare() before the
// scan, auditRepo() from the scan's workers (thread-safe), finish() on the snapshot.
class CacheAudit
{
public:
    struct Options
    {
        QString asUser;        // empty: the current user (as root: the user whose home holds the cache)
        QString sharedGroup;   // empty: shared mode only when detected
        QByteArray hfHome;     // empty: the root's parent when the root is named "hub"
        // The user every entry should belong to: a private cache of theirs whoever owns the root
        // now (`hfcache repair --mine`). Empty: the user's when the root is theirs or in their
        // home, else the root's owner; and shared mode when the root looks shared.
        QString owner;
    };

    // Who, which policy, the path down to the root. False and *error set for an unknown user
    // or group; a root that cannot be stat'ed is left to the scan to report.
    [[nodiscard]] bool prepare(const QByteArray &root, const Options &options, QString *error);
    RepoAccess auditRepo(const CachedRepo &repo) const;
    // Cache-level findings (the path to the root, the root, .locks, HF_HOME, ACLs) and the
    // report; `repos` in any order.
    AuditReport finish(const CacheSnapshot &snapshot, QList<RepoAccess> repos) const;

    // After prepare() on the root of another kind of cache (datasets, evaluate, xet, ...): the
    // root and its lock files (paths relative to the root) judged by the rules of the hub
    // cache's root and .locks files -- one notion of "shared", one of "a lock the group can use".
    Findings auditKindRoot(const EntryStat &rootStat, const QList<std::pair<QByteArray, EntryStat>> &locks) const;
    // After prepare(): the user, the policy (shared or private) and the path to the root.
    const AuditReport &policy() const { return m_base; }

    // After prepare(): when the user cannot open the root (it, or a folder on the way to it,
    // denies them), the root as a snapshot without repos, for finish() to explain (the why-path
    // and the fix, as for any other entry) and a repair to plan. nullptr when the way is open.
    CacheSnapshotPtr deniedRoot() const;

    // The three steps on a finished scan.
    [[nodiscard]] static AuditReport run(const CacheSnapshot &snapshot, const Options &options, QString *error);

    // lstat (and stat for links) of "/" and every component down to `path`.
    static QList<PathComponent> statChain(const QByteArray &path);

private:
    AuditReport m_base;   // user, policy, root chain and the denials on the way to the root
    Options m_options;
    EntryStat m_rootStat;
    EntryStat m_locksStat;
    bool m_hasLocks = false;
};

} // namespace hfcache
