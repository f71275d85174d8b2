// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "ExportItem.h"
#include "util/UniqueFd.h"

#include <QByteArray>
#include <QString>

#include <map>
#include <mutex>

namespace hfcache {

class AsyncHasher;
class ExportMeter;

// Writes items as real files under an (empty, temporary) folder. It lets the kernel copy:
// FICLONE (a reflink on btrfs/XFS), else copy_file_range over the data extents only (sparse
// files stay sparse), else read/write. --hardlink links the blob itself instead (same
// filesystem only; the copy then shares inodes with the cache). --verify reads and writes
// through a buffer instead of the kernel copy and hashes the very bytes it writes (a link or a
// reflink copies nothing, so then the source is hashed). Several threads may write different
// items at once; each brings its own AsyncHasher.
class FolderWriter
{
public:
    struct Options
    {
        bool hardlink = false;
    };

    FolderWriter(int rootFd, QByteArray rootPath, Options options);

    // `contentFd` is the checked, open content (ExportSource::openContent); `verifier` null:
    // no --verify.
    [[nodiscard]] bool write(const ExportItem &item, int contentFd, AsyncHasher *verifier, ExportMeter &meter, QString *error);

private:
    [[nodiscard]] int parentFolder(const QByteArray &relative, QString *error);
    [[nodiscard]] bool link(const ExportItem &item, int contentFd, int dirFd, const QByteArray &name, QString *error);
    [[nodiscard]] bool kernelCopy(int from, int to, const ExportItem &item, ExportMeter &meter, QString *error);
    [[nodiscard]] bool streamCopy(int from, int to, const ExportItem &item, AsyncHasher *verifier, ExportMeter &meter,
                                  QString *error);
    [[nodiscard]] static bool verifySource(int from, const ExportItem &item, AsyncHasher *verifier, ExportMeter &meter,
                                           QString *error);

    int m_rootFd;
    QByteArray m_rootPath;
    Options m_options;
    std::mutex m_foldersMutex;
    std::map<QByteArray, UniqueFd> m_folders;  // relative path -> folder made and opened by us
};

} // namespace hfcache
