// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RepoTarget.h"

#include "BlobKind.h"
#include "util/PathText.h"

#include <algorithm>

namespace hfcache {

std::optional<RepoTarget> RepoTarget::parse(const QString &text, QString *error)
{
    RepoTarget target;
    QString repo = text.trimmed();
    const qsizetype at = repo.indexOf(QLatin1Char('@'));
    if (at >= 0) {
        target.revision = repo.mid(at + 1);
        repo.truncate(at);
        if (target.revision.isEmpty()) {
            *error = QStringLiteral("'%1': nothing after '@' (expected a commit, a hash prefix or a ref)").arg(text);
            return std::nullopt;
        }
    }
    const QStringList parts = repo.split(QLatin1Char('/'));
    if (parts.size() == 3 || (parts.size() == 2 && repoTypeFromName(parts.first()))) {
        // "model/org/name", or "dataset/name" for a repo without namespace
        target.type = repoTypeFromName(parts.first());
        if (!target.type && parts.size() == 3) {
            *error = QStringLiteral("'%1': unknown repo type '%2' (model, dataset, space or kernel)").arg(text, parts.first());
            return std::nullopt;
        }
        target.repoId = parts.mid(1).join(QLatin1Char('/'));
    } else if (parts.size() <= 2) {
        target.repoId = repo;
    }
    if (target.repoId.isEmpty() || target.repoId.startsWith(QLatin1Char('/')) || target.repoId.endsWith(QLatin1Char('/'))
        || parts.contains(QString()) || parts.size() > 3) {
        *error = QStringLiteral("'%1' is not a repo (expected org/name, name or type/org/name)").arg(text);
        return std::nullopt;
    }
    return target;
}

QString RepoTarget::toString() const
{
    QString text = type ? repoTypeName(*type) + QLatin1Char('/') + repoId : repoId;
    return revision.isEmpty() ? text : text + QLatin1Char('@') + revision;
}

RepoTarget::ReposById RepoTarget::indexById(const CacheSnapshot &snapshot)
{
    ReposById byId;
    byId.reserve(snapshot.repos.size());
    for (const CachedRepoPtr &repo : snapshot.repos)
        byId[repo->repoId].append(repo);
    return byId;
}

std::optional<RepoTarget::Resolved> RepoTarget::resolve(const CacheSnapshot &snapshot, bool needRevision,
                                                        QString *error, const ReposById *byId) const
{
    Resolved resolved;
    QList<CachedRepoPtr> matches;
    // The id as decoded (lossless), or as scan shows it (a non-UTF-8 byte as \xNN: Hub ids have
    // no backslash, so the shown form cannot name another repo); the index has the decoded ones.
    const bool maybeShown = repoId.contains(QLatin1Char('\\'));
    const QList<CachedRepoPtr> &candidates = byId && !maybeShown ? byId->value(repoId) : snapshot.repos;
    for (const CachedRepoPtr &repo : candidates) {
        const bool sameId = repo->repoId == repoId || (maybeShown && PathText::display(repo->repoId) == repoId);
        if (sameId && (!type || repo->type == *type))
            matches.append(repo);
    }
    if (matches.size() > 1) {  // like huggingface_hub, an untyped id means a model first
        const auto model = std::find_if(matches.cbegin(), matches.cend(),
                                        [](const CachedRepoPtr &r) { return r->type == RepoType::Model; });
        if (model == matches.cend()) {
            *error = QStringLiteral("'%1' is ambiguous: say which type (e.g. dataset/%1)").arg(repoId);
            return std::nullopt;
        }
        matches = {*model};
    }
    if (matches.isEmpty()) {
        *error = QStringLiteral("%1 is not in the cache %2").arg(PathText::display(toString().section(QLatin1Char('@'), 0, 0)),
                                                                 PathText::display(snapshot.root));
        return std::nullopt;
    }
    resolved.repo = matches.first();
    const CachedRepo &repo = *resolved.repo;
    if (revision.isEmpty() && !needRevision)
        return resolved;

    const QString refsText = repo.refNames().isEmpty() ? QStringLiteral("none")
                                                       : PathText::display(repo.refNames().join(QStringLiteral(", ")));
    const QString shownId = PathText::display(repo.cacheId());
    const QByteArray wanted = revision.isEmpty() ? QByteArray("main") : PathText::encode(revision);
    QByteArray commit;
    for (const CachedRef &ref : repo.refs) {
        if (PathText::encode(ref.name) == wanted && ref.valid)
            commit = ref.commit;
    }
    if (commit.isEmpty() && isHex(wanted.toLower(), wanted.size()) && wanted.size() >= 4) {
        for (const CachedRevision &r : repo.revisions) {
            if (r.commit.startsWith(wanted.toLower())) {
                if (!commit.isEmpty()) {
                    *error = QStringLiteral("'%1' matches several revisions of %2").arg(PathText::display(revision), shownId);
                    return std::nullopt;
                }
                commit = r.commit;
            }
        }
    }
    if (commit.isEmpty() && revision.isEmpty() && repo.revisions.size() == 1)
        commit = repo.revisions.first().commit;
    if (commit.isEmpty()) {
        const bool shortPrefix = !wanted.isEmpty() && wanted.size() < 4 && isHex(wanted.toLower(), wanted.size());
        *error = revision.isEmpty()
                     ? QStringLiteral("%1 has %2 revisions and no 'main' ref: add @REV (refs: %3)")
                           .arg(shownId).arg(repo.revisions.size()).arg(refsText)
                 : shortPrefix
                     ? QStringLiteral("'%1' is no ref of %2, and a hash prefix needs at least 4 hex digits (refs: %3)")
                           .arg(PathText::display(revision), shownId, refsText)
                     : QStringLiteral("no revision '%1' in %2 (refs: %3)").arg(PathText::display(revision), shownId, refsText);
        return std::nullopt;
    }
    resolved.revision = repo.revision(commit);
    if (!resolved.revision) {
        *error = QStringLiteral("'%1' of %2 points to commit %3, which is not in the cache")
                     .arg(PathText::display(wanted), shownId, QString::fromLatin1(commit));
        return std::nullopt;
    }
    return resolved;
}

std::optional<QList<RepoTarget::Resolved>> RepoTarget::resolveArgument(const QString &text,
                                                                       const CacheSnapshot &snapshot, QString *error,
                                                                       const ReposById *byId)
{
    const QByteArray hash = text.toLower().toLatin1();
    if (isCommitHash(hash)) {
        QList<Resolved> matches;
        for (const CachedRepoPtr &repo : snapshot.repos) {
            if (const CachedRevision *revision = repo->revision(hash))
                matches.append({repo, revision});
        }
        if (matches.isEmpty()) {
            *error = QStringLiteral("no revision %1 in %2").arg(text, PathText::display(snapshot.root));
            return std::nullopt;
        }
        return matches;
    }
    const auto target = parse(text, error);
    const auto resolved = target ? target->resolve(snapshot, !target->revision.isEmpty(), error, byId) : std::nullopt;
    if (!resolved)
        return std::nullopt;
    return QList<Resolved>{*resolved};
}

} // namespace hfcache
