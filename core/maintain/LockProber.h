// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "LockProbe.h"
#include "util/UniqueFd.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <map>

namespace hfcache {

// LockProbe for many blob locks of one cache: each lock folder (".locks/<repo>") is opened once,
// never through a link, and its lock files are probed by name relative to it, so a plan with
// every blob of 2,000 repos costs one openat per lock instead of a walk from the root.
class LockProber
{
public:
    // `rootFd` is borrowed and must stay open while the prober is used; `rootPath` for messages.
    LockProber(int rootFd, QByteArray rootPath) : m_rootFd(rootFd), m_rootPath(std::move(rootPath)) {}

    // As LockProbe::probe(rootFd, rootPath, relativePath, why).
    [[nodiscard]] LockProbe::State probe(const QByteArray &relativePath, QString *why);
    // The lock files probed so far that were there (regular, one link): relative path -> identity,
    // as fstat saw them when opened, so a caller that looks at the same files now need not stat them again.
    const QHash<QByteArray, FileKey> &opened() const { return m_opened; }

private:
    struct Folder
    {
        UniqueFd fd;    // invalid: missing (empty error) or refused (error)
        QString error;
    };

    int m_rootFd;
    QByteArray m_rootPath;
    std::map<QByteArray, Folder> m_folders;  // by path relative to the root
    QHash<QByteArray, FileKey> m_opened;
};

} // namespace hfcache
