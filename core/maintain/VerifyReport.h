// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "cache/Finding.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace hfcache {

struct CachedRepo;

// A blob whose content does not match its name (or cannot be read), and what it breaks.
struct CorruptBlob
{
    QString cacheId;
    QByteArray path;            // absolute
    QByteArray name;            // the expected hash
    QByteArray actual;          // the hash of the content; empty when it could not be read
    QString error;              // why it failed, with the path
    quint64 size = 0;
    QList<QPair<QByteArray, QByteArray>> breaks;  // (commit, file in the snapshot) that use it
};

// A difference between trees/<commit>.json (the Hub's listing, huggingface_hub >= 1.22) and
// the snapshot, or (MissingBlob, with or without a listing) a snapshot link to a blob that is gone.
struct ListingProblem
{
    enum class Kind : quint8 { Missing, WrongSize, WrongBlob, Unreadable, MissingBlob };
    Kind kind = Kind::Missing;
    QString cacheId;
    QByteArray commit;
    QByteArray file;            // repo-relative; empty for Unreadable
    QString message;

    // The finding the window marks the file with; its name is the `kind` of verify's JSON.
    static FindingCode findingCode(Kind kind);
    static QString kindName(Kind kind);  // "missing", "wrong-size", "wrong-blob", "unreadable", "missing-blob"
};

struct VerifyReport
{
    QList<CorruptBlob> corrupt;            // sorted by path
    QList<ListingProblem> listingProblems;
    // Blobs no revision uses whose content does not match their name (a leftover of an
    // interrupted or replaced download): a warning, nothing is broken; prune --orphans removes them.
    QList<CorruptBlob> unusedMisnamed;     // sorted by path
    int blobsChecked = 0;
    int blobsSkipped = 0;       // names that are no content hash (.incomplete, foreign files)
    int listingsChecked = 0;
    quint64 bytesHashed = 0;    // what was really read and hashed (less than bytesToHash after a cancel)
    quint64 bytesToHash = 0;
    qint64 durationMs = 0;
    bool cancelled = false;

    bool ok() const { return corrupt.isEmpty() && listingProblems.isEmpty() && !cancelled; }
    // The problems found in `repo` as findings on the files they break (and so on their revision
    // and repo): corrupt or unreadable blobs and listing problems are errors, unused misnamed
    // blobs warnings. Empty when this report found nothing there.
    Findings findingsIn(const CachedRepo &repo) const;
};

} // namespace hfcache
