// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QStringView>

namespace hfcache {

// What a file name in blobs/ says the file is.
enum class BlobKind : quint8 {
    Sha256,      // 64 hex: LFS / Xet file, name = sha256 of the content
    GitSha1,     // 40 hex: regular git file, name = sha1("blob <size>\0" + content)
    Incomplete,  // <etag>.incomplete or <etag>.<8 hex>.incomplete: a download in progress or interrupted
    Invalid      // anything else (umask probes, foreign files)
};

BlobKind classifyBlobName(const QByteArray &name);
// The etag an .incomplete file belongs to (its blob lock is .locks/<repo>/<etag>.lock); empty otherwise.
QByteArray incompleteEtag(const QByteArray &name);

bool isHex(const QByteArray &text, qsizetype length);
bool isCommitHash(const QByteArray &text);  // 40 hex digits
bool isCommitHash(QStringView text);        // a revision as the user or the Hub wrote it

} // namespace hfcache
