// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace hfcache {

class InUseChecker;

// Repo folders a download works in right now, read from the disk at call time (not from a
// scan: a download may have started since). A repo is busy when a lock file of
// .locks/<repo>/ is held or waited on by another process (/proc/locks), or some other process
// has one of its lock files or blobs/*.incomplete open. Everything in such a repo is in use:
// the download may link any blob next, into a snapshot that may have no ref yet.
class ActiveDownloads
{
public:
    struct Result
    {
        // repo folder -> why ("a download holds .locks/models--gpt2/<etag>.lock (pid 1234)").
        QHash<QByteArray, QString> busy;
        QSet<QByteArray> heldLocks;  // lock files another process holds, relative to the root
    };
    static Result find(const QByteArray &root, const QList<QByteArray> &repoFolders, const InUseChecker *inUse);
};

} // namespace hfcache
