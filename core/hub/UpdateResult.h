// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "cache/RepoType.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace hfcache {

enum class UpdateState {
    UpToDate,        // the Hub's commit for the ref is the cached one
    UpdateAvailable, // the ref moved on the Hub (remoteCommit)
    Gone,            // not found (404, or X-Error-Code RepoNotFound/RevisionNotFound): deleted, or private
    Gated,           // any other 401/403: gated, private, or no access with the current token
    Unknown          // offline, network trouble, unsupported repo type
};
QString updateStateName(UpdateState state);  // "up-to-date", "update-available", "gone", "gated", "unknown"
std::optional<UpdateState> updateStateFromName(const QString &name);

// One cached ref to check ...
struct UpdateTarget
{
    RepoType type = RepoType::Model;
    QString repoId;
    QString ref;              // "main", "v1.0", "refs/pr/1"
    QByteArray localCommit;
};

// ... and what the Hub said about it.
struct UpdateResult
{
    UpdateTarget target;
    UpdateState state = UpdateState::Unknown;
    QByteArray remoteCommit;  // set for up-to-date and update-available
    QString renamedTo;        // the repo's new id when the Hub answered with a rename
    QString detail;           // the Hub's or the network's words for gone / gated / unknown
    qint64 checkedAtMs = 0;   // wall clock of the answer

    // For unknown results: the last definite answer remembered on disk (UpdateStore).
    std::optional<UpdateState> lastKnownState;
    QByteArray lastKnownRemoteCommit;
    qint64 lastKnownAtMs = 0;
};

} // namespace hfcache
