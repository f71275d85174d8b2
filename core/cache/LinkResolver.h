#pragma once

#include "EntryStat.h"

#include <QByteArray>
#include <QList>

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

private:
    int m_repoFd;
    QByteArray m_repoPath;
    QByteArray m_realRepoPath;
};

} // namespace hfcache
