// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "LinkResolver.h"

#include "util/PathPrefix.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hfcache {

namespace {
constexpr int maxLinkHops = 40;  // the kernel's own limit (ELOOP)
}

LinkResolver::LinkResolver(int repoFd, QByteArray repoPath, QByteArray realRepoPath)
    : m_repoFd(repoFd), m_repoPath(std::move(repoPath)), m_realRepoPath(std::move(realRepoPath))
{
}

bool LinkResolver::normalise(QList<QByteArray> &stack, const QByteArray &relative)
{
    for (const QByteArray &part : relative.split('/')) {
        if (part.isEmpty() || part == ".")
            continue;
        if (part == "..") {
            if (stack.isEmpty())
                return false;
            stack.removeLast();
        } else {
            stack.append(part);
        }
    }
    return true;
}

bool LinkResolver::lexicalTarget(const QByteArray &linkDir, const QByteArray &target, QByteArray *repoRelative) const
{
    QList<QByteArray> stack;
    if (target.startsWith('/')) {
        // Absolute links (huggingface_hub 0.13.0-0.13.1) count as in-repo only when they name
        // this repo folder, by the path given or by its real path.
        QByteArray rest;
        for (const QByteArray &prefix : {m_repoPath, m_realRepoPath}) {
            if (!prefix.isEmpty() && PathPrefix::isUnder(target, prefix)) {
                rest = target.mid(prefix.size() + 1);
                break;
            }
        }
        if (rest.isEmpty() || !normalise(stack, rest))
            return false;
    } else if (!normalise(stack, linkDir) || !normalise(stack, target)) {
        return false;
    }
    *repoRelative = stack.join('/');
    return !stack.isEmpty();
}

LinkResolver::Result LinkResolver::resolve(const QByteArray &repoRelative) const
{
    QList<QByteArray> pending = repoRelative.split('/');
    QList<QByteArray> resolved;
    int hops = 0;
    while (!pending.isEmpty()) {
        const QByteArray part = pending.takeFirst();
        if (part.isEmpty() || part == ".")
            continue;
        if (part == "..") {
            if (resolved.isEmpty())
                return {Outcome::Outside, {}, {}};
            resolved.removeLast();
            continue;
        }
        resolved.append(part);
        const QByteArray current = resolved.join('/');
        struct stat st;
        // Every prefix of `current` is a verified real folder, so only the last part could
        // be a link, and AT_SYMLINK_NOFOLLOW does not follow that one.
        if (::fstatat(m_repoFd, current.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
            return {Outcome::Broken, current, {}};
        if (S_ISLNK(st.st_mode)) {
            if (++hops > maxLinkHops)
                return {Outcome::Loop, current, {}};
            const QByteArray target = EntryStat::readLinkAt(m_repoFd, current);
            if (target.isEmpty())
                return {Outcome::Broken, current, {}};
            resolved.removeLast();
            QByteArray next;
            if (!lexicalTarget(resolved.join('/'), target, &next))
                return {Outcome::Outside, {}, {}};
            pending = next.split('/') + pending;
            resolved.clear();
            continue;
        }
        if (!pending.isEmpty() && !S_ISDIR(st.st_mode))
            return {Outcome::Broken, current, {}};
        if (pending.isEmpty())
            return {S_ISREG(st.st_mode) ? Outcome::InRepo : Outcome::NotAFile, current, EntryStat::fromStat(st)};
    }
    return {Outcome::Broken, {}, {}};
}

std::optional<LinkResolver::Problem> LinkResolver::record(const Result &result, SnapshotEntry &entry,
                                                         QList<RepoEntry> &linkTargets, const QString &link,
                                                         const QString &outsideMessage)
{
    switch (result.outcome) {
    case Outcome::InRepo:
        entry.linkState = SnapshotEntry::LinkState::InRepoFile;
        entry.targetIndex = qint32(linkTargets.size());
        linkTargets.append({result.path, result.stat});
        return std::nullopt;
    case Outcome::Outside:
        entry.linkState = SnapshotEntry::LinkState::Outside;
        return Problem{FindingCode::SymlinkOutsideRepo, outsideMessage};
    case Outcome::Loop:
        entry.linkState = SnapshotEntry::LinkState::Loop;
        return Problem{FindingCode::SymlinkLoop, QStringLiteral("%1 is part of a loop of links that never reaches a file").arg(link)};
    case Outcome::Broken:
    case Outcome::NotAFile:
        break;
    }
    entry.linkState = SnapshotEntry::LinkState::Broken;
    return Problem{FindingCode::BrokenSymlink, result.outcome == Outcome::NotAFile
                                         ? QStringLiteral("%1 points to a folder, not to a file").arg(link)
                                         : QStringLiteral("%1: the target does not exist").arg(link)};
}

} // namespace hfcache
