// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace hfcache {

// One file of a revision as the Hub lists it.
struct RemoteFile
{
    QByteArray path;        // "/"-separated, validated: no "..", no absolute path, no empty segment
    qint64 size = 0;
    QByteArray blobId;      // git blob sha1 (of the LFS pointer for LFS files)
    QByteArray lfsSha256;   // empty for regular git files

    // The blob name huggingface_hub gives it: X-Linked-Etag (sha256) for LFS, else the git sha1.
    QByteArray etag() const { return lfsSha256.isEmpty() ? blobId : lfsSha256; }
};

// The complete file list of one commit: from the tree API (GET /api/{type}s/{id}/tree/{commit}
// ?recursive=true, possibly in pages) or from huggingface_hub's trees/<commit>.json (v1.22+).
struct RemoteTree
{
    QByteArray commit;
    QList<RemoteFile> files;  // sorted by path

    // Adds the files of one tree-API page; false and *error on malformed JSON or unsafe paths.
    [[nodiscard]] bool addApiPage(const QByteArray &json, QString *error);
    [[nodiscard]] static std::optional<RemoteTree> fromTreesFile(const QByteArray &json, const QByteArray &commit, QString *error);
    // Byte-compatible with huggingface_hub's writer (json.dump(indent=1), sorted by path).
    QByteArray toTreesFile() const;
    void sort();

    static bool isSafePath(const QByteArray &path);
};

} // namespace hfcache
