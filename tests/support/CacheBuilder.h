// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>

// Builds hub-cache layouts by hand for tests that need shapes no client writes (broken,
// hostile or odd ones). Paths are raw bytes so names can be anything a filesystem allows.
class CacheBuilder
{
public:
    explicit CacheBuilder(QByteArray root);

    const QByteArray &root() const { return m_root; }
    static QByteArray commit(const QByteArray &seed);  // a deterministic 40-hex commit hash

    // Writes blobs/<name> with the name huggingface_hub would give it; returns the name.
    QByteArray addBlob(const QByteArray &repoFolder, const QByteArray &content, bool lfs = false);
    // snapshots/<commit>/<path> -> the canonical relative link to blobs/<blob>.
    void linkBlob(const QByteArray &repoFolder, const QByteArray &commit, const QByteArray &path, const QByteArray &blob);
    // snapshots/<commit>/<path> -> any target text.
    void symlink(const QByteArray &repoFolder, const QByteArray &commit, const QByteArray &path, const QByteArray &target);
    void writeRef(const QByteArray &repoFolder, const QByteArray &name, const QByteArray &content);
    // Any file relative to the root, parents created.
    void writeFile(const QByteArray &relativePath, const QByteArray &content);
    void mkdirs(const QByteArray &relativePath);
    // relativePath/d/d/.../d/leaf, `depth` folders deep: made with mkdirat from fds, since a
    // path that long cannot be named in one piece.
    void nestFolders(const QByteArray &relativePath, int depth);

private:
    QByteArray m_root;
};
