// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// A hand-made repo folder in a hub cache, laid out as huggingface_hub writes it, for the
// cases the genuine fixtures cannot hold (odd names, hostile links, huge sparse files).
class ExportTestRepo
{
public:
    explicit ExportTestRepo(const QString &hubRoot, const QByteArray &folder = "models--org--model",
                            const QByteArray &commit = QByteArray(40, 'a'));

    // Writes blobs/<sha256 of content> (or the git sha1 name when `gitName`) and returns the name.
    QByteArray addBlob(const QByteArray &content, bool gitName = false);
    // snapshots/<commit>/<path> -> the canonical relative link to blobs/<blob>.
    void linkBlob(const QByteArray &path, const QByteArray &blob);
    // snapshots/<commit>/<path> -> any target text.
    void link(const QByteArray &path, const QByteArray &target);
    void writeFile(const QByteArray &relativeToRepo, const QByteArray &content);

    QByteArray repoPath;
    QByteArray snapshotPath;
    QByteArray commit;
};

// Reads a whole file (empty on failure).
QByteArray readAllBytes(const QByteArray &path);
// Paths under `dir` (at any depth) that pass find(1) tests, e.g. {"-type", "f"}.
QList<QByteArray> findEntries(const QString &dir, const QStringList &findTests);
// Every entry under `dir` that is not a regular file or folder (symlinks, fifos).
QStringList nonRegularEntries(const QString &dir);
// Temporary export names (".<name>.hfcache-export-XXXXXX") under `dir`.
QStringList leftovers(const QString &dir);
