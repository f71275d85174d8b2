// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "CacheSnapshot.h"
#include "RepoType.h"

#include <QHash>
#include <QString>

#include <optional>

namespace hfcache {

// A repo, optionally at a revision, as users type it on the command line:
// `org/name`, `gpt2`, `model/org/name`, `dataset/org/name`, `space/...`, `kernel/...`,
// each optionally followed by `@REV` where REV is a commit hash, a unique hash prefix (>= 4
// hex digits) or a ref name (`main`, `v1.0`, `refs/pr/1`).
struct RepoTarget
{
    std::optional<RepoType> type;  // unset: any type (a model first, then a unique other)
    QString repoId;
    QString revision;              // empty: no revision given

    [[nodiscard]] static std::optional<RepoTarget> parse(const QString &text, QString *error);
    QString toString() const;

    struct Resolved
    {
        CachedRepoPtr repo;
        const CachedRevision *revision = nullptr;  // points into *repo
    };
    // A snapshot's repos by repo id (in the snapshot's order), built once to resolve many
    // arguments (rm of every repo) without a pass over all repos for each.
    using ReposById = QHash<QString, QList<CachedRepoPtr>>;
    static ReposById indexById(const CacheSnapshot &snapshot);

    // Finds the repo and, when `revision` is set or `needRevision`, the revision: by full hash,
    // unique prefix or ref; without a revision, refs/main, else the only revision.
    // nullopt with a clear *error ("no revision 'x' in model/org/name; refs: main, dev").
    // `byId`: indexById(snapshot), when the caller resolves many.
    [[nodiscard]] std::optional<Resolved> resolve(const CacheSnapshot &snapshot, bool needRevision, QString *error,
                                                  const ReposById *byId = nullptr) const;

    // One command-line argument of rm, verify and friends: REPO[@REV], or a bare 40-hex commit
    // (revision hashes are unique, so it needs no repo). Every match; `revision` is set only
    // when the argument named one.
    [[nodiscard]] static std::optional<QList<Resolved>> resolveArgument(const QString &text, const CacheSnapshot &snapshot,
                                                                        QString *error, const ReposById *byId = nullptr);
};

} // namespace hfcache
