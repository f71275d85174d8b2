// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "EntryStat.h"
#include "FindingCode.h"
#include "RepoEntry.h"
#include "SnapshotEntry.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace hfcache {

// Resolves a snapshot symlink inside one repo folder without ever letting the kernel follow
// a link: the target is normalised lexically, each further link in the chain is read with
// readlinkat and spliced in, and every prefix is checked to be a real folder before it is
// used. A chain that leaves the repo is reported, never stat'ed.
class LinkResolver
{
public:
    enum class Outcome { InRepo, Broken, Outside, Loop, NotAFile };
    struct Result
    {
        Outcome outcome = Outcome::Broken;
        QByteArray path;  // repo-relative path of the end of the chain (InRepo, NotAFile)
        EntryStat stat;   // its lstat (InRepo)
    };

    LinkResolver(int repoFd, QByteArray repoPath, QByteArray realRepoPath);

    // Where a link text leads, lexically, relative to the repo: `linkDir` is the repo-relative
    // folder holding the link. False when the path leaves the repo.
    bool lexicalTarget(const QByteArray &linkDir, const QByteArray &target, QByteArray *repoRelative) const;
    // Follows the chain from a repo-relative path, inside the repo only.
    Result resolve(const QByteArray &repoRelative) const;

    static bool normalise(QList<QByteArray> &stack, const QByteArray &relative);

    // What a resolved chain means for the link `entry` (shown as `link`): its state and the
    // file it ends at (appended to `linkTargets`); for a chain that leaves (`outsideMessage`
    // says from where), loops or ends nowhere, the code and message of its error finding.
    struct Problem
    {
        FindingCode code;
        QString message;
    };
    static std::optional<Problem> record(const Result &result, SnapshotEntry &entry, QList<RepoEntry> &linkTargets,
                                         const QString &link, const QString &outsideMessage);

private:
    int m_repoFd;
    QByteArray m_repoPath;
    QByteArray m_realRepoPath;
};

} // namespace hfcache
