// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "VerifyReport.h"
#include "cache/FindingCode.h"

#include "cache/CachedRepo.h"

namespace hfcache {

FindingCode ListingProblem::findingCode(Kind kind)
{
    switch (kind) {
    case Kind::Missing: return FindingCode::ListedFileMissing;
    case Kind::WrongSize: return FindingCode::ListedFileWrongSize;
    case Kind::WrongBlob: return FindingCode::ListedFileWrongBlob;
    case Kind::Unreadable: return FindingCode::Unreadable;
    case Kind::MissingBlob: return FindingCode::MissingBlob;
    }
    return FindingCode::Unreadable;
}

QString ListingProblem::kindName(Kind kind)
{
    return findingCodeName(findingCode(kind));
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
        const FindingCode code = blob.actual.isEmpty() ? FindingCode::UnreadableBlob : FindingCode::CorruptBlob;
        findings << Finding{Severity::Error, code, blob.path, blob.error, {}};
        for (const auto &[commit, file] : blob.breaks)
            findings << Finding{Severity::Error, code, fileIn(commit, file), blob.error, {}};
    }
    for (const ListingProblem &problem : listingProblems) {
        if (problem.cacheId == id)
            findings << Finding{Severity::Error, ListingProblem::findingCode(problem.kind),
                                fileIn(problem.commit, problem.file), problem.message, {}};
    }
    for (const CorruptBlob &blob : unusedMisnamed) {
        if (blob.cacheId == id)
            findings << Finding{Severity::Warning, FindingCode::MisnamedUnusedBlob, blob.path, blob.error, {}};
    }
    return findings;
}

} // namespace hfcache
