// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "activity/FileKey.h"
#include "activity/ProcLocks.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

namespace hfcache {

class InUseChecker;
class LockProber;
struct InUseAnswer;

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
    // The files that tell: lock files of .locks/<repo>/ and blobs/*.incomplete, key -> path
    // relative to the root.
    struct Files
    {
        QHash<FileKey, QByteArray> lockFiles;
        QHash<FileKey, QByteArray> incomplete;
    };

    static Result find(const QByteArray &root, const QList<QByteArray> &repoFolders, const InUseChecker *inUse);

    // find() in its three steps, for a caller that asks its InUseChecker once for these files and
    // its own (one reading of /proc per check): the files now on disk, what to ask about them
    // (lock files without a path, .incomplete with one, so other users' writers are seen too),
    // and the verdict from /proc/locks (`procLocks`: a reading the caller took; nullptr: read now)
    // and that answer (nullptr: not asked).
    static Files filesOf(const QByteArray &root, const QList<QByteArray> &repoFolders);
    // filesOf in its two halves, for a caller that lists blobs/ on another thread meanwhile.
    // `probed`: the caller's LockProber, which has just listed lock folders or opened and
    // fstat'ed lock files: neither is done again.
    static QHash<FileKey, QByteArray> lockFilesOf(const QByteArray &root, const QList<QByteArray> &repoFolders,
                                                  const LockProber *probed = nullptr);
    static QHash<FileKey, QByteArray> incompleteOf(const QByteArray &root, const QList<QByteArray> &repoFolders);
    static QHash<FileKey, QByteArray> questionsAbout(const QByteArray &root, const Files &files);
    static Result judge(const QByteArray &root, const Files &files, const InUseAnswer *answer,
                        const ProcLocks::Result *procLocks = nullptr);
};

} // namespace hfcache
