// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "VerifyReport.h"
#include "cache/FindingCode.h"

#include "cache/CachedRepo.h"

namespace hfcache {

const char *ListingProblem::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Missing: return "missing";
    case Kind::WrongSize: return "wrong-size";
    case Kind::WrongBlob: return "wrong-blob";
    case Kind::Unreadable: return "unreadable";
    case Kind::MissingBlob: return "missing-blob";
    }
    return "?";
}

Findings VerifyReport::findingsIn(const CachedRepo &repo) const
{
    const QString id = repo.cacheId();
    const auto fileIn = [&repo](const QByteArray &commit, const QByteArray &file) {
        const CachedRevision *revision = repo.revision(commit);
        if (!revision)
            return repo.path;
        const QByteArray snapshot = repo.snapshotPath(*revision);
        return file.isEmpty() ? snapshot : snapshot + '/' + file;
    };
    Findings findings;
    for (const CorruptBlob &blob : corrupt) {
        if (blob.cacheId != id)
            continue;
        const QString code = findingCodeName(blob.actual.isEmpty() ? FindingCode::UnreadableBlob : FindingCode::CorruptBlob);
        findings << Finding{Severity::Error, code, blob.path, blob.error, {}};
        for (const auto &[commit, file] : blob.breaks)
            findings << Finding{Severity::Error, code, fileIn(commit, file), blob.error, {}};
    }
    for (const ListingProblem &problem : listingProblems) {
        if (problem.cacheId == id)
            findings << Finding{Severity::Error, QString::fromLatin1(ListingProblem::kindName(problem.kind)),
                                fileIn(problem.commit, problem.file), problem.message, {}};
    }
    for (const CorruptBlob &blob : unusedMisnamed) {
        if (blob.cacheId == id)
            findings << Finding{Severity::Warning, findingCodeName(FindingCode::MisnamedUnusedBlob), blob.path, blob.error, {}};
    }
    return findings;
}

} // namespace hfcache
