// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "UniqueFd.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QVarLengthArray>

#include <vector>

namespace hfcache {

// Reaches paths below one root folder the way a privileged process must (OpenRC checkpath's
// get_dirfd): from an fd of the root, one component at a time with openat(O_PATH|O_NOFOLLOW),
// so a symlink or a folder swapped for one is never followed and no path is ever re-resolved
// by name. Every fd is checked to be on the root's mount. The folders of the last path stay
// open, so a plan sorted by path costs about one openat per entry.
class FdWalk
{
public:
    // What statx said about an fd: enough to decide whether and how to act on it.
    struct Stat
    {
        quint64 device = 0;
        quint64 mountId = 0;
        quint64 inode = 0;
        quint32 mode = 0;
        quint32 uid = 0;
        quint32 gid = 0;
        quint32 nlink = 0;

        bool isDirectory() const;
        bool isRegularFile() const;
        bool isSymlink() const;
    };

    struct Entry
    {
        UniqueFd fd;      // O_PATH: the entry itself (the link itself for a symlink)
        int parentFd = -1;// borrowed from the walk, valid until the next call
        QByteArray name;  // last component
        Stat stat;
    };

    // `path` with every symlink resolved (realpath): the form openRoot() takes. Empty when it
    // cannot be resolved (errno set).
    static QByteArray canonicalPath(const QByteArray &path);
    // Opens `absoluteRoot` from "/" without following any symlink: the root must be given in its
    // canonical form. False and *error on failure.
    [[nodiscard]] bool openRoot(const QByteArray &absoluteRoot, QString *error);
    int rootFd() const { return m_root.get(); }
    // What openRoot() found at each folder on the way, "/" first and the root last: who could
    // have renamed or replaced a component while it resolved the path.
    const std::vector<Stat> &rootPathStats() const { return m_rootPath; }

    // `relativePath` ("a/b/c", or "." for the root itself) opened with O_PATH|O_NOFOLLOW.
    [[nodiscard]] bool open(const QByteArray &relativePath, Entry *entry, QString *error);
    // What `relativePath` is (the link itself for a symlink), without opening it: one statx by
    // name from its folder's fd. For checking before acting; act only on open()'s fd.
    [[nodiscard]] bool stat(const QByteArray &relativePath, Stat *stat, QString *error);
    // The folder `relativePath` names, opened as a walk component (never a symlink).
    [[nodiscard]] int openDirectory(const QByteArray &relativePath, QString *error);

    using Parts = QVarLengthArray<QByteArrayView, 16>;

    static bool statFd(int fd, Stat *stat);
    // "a/b": no empty, "." or ".." component, not absolute, no NUL; "." alone is the root.
    [[nodiscard]] static bool isValidRelativePath(const QByteArray &relativePath, QString *why);

private:
    [[nodiscard]] int walkTo(const Parts &parts, qsizetype count, const QByteArray &path, QString *error);
    bool onRootMount(const Stat &stat) const;

    UniqueFd m_root;
    Stat m_rootStat;
    std::vector<Stat> m_rootPath;
    QList<QByteArray> m_openNames;  // the folders below the root that m_openFds hold, in order
    std::vector<UniqueFd> m_openFds;
};

} // namespace hfcache
