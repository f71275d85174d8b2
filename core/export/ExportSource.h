// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "ExportItem.h"
#include "util/UniqueFd.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace hfcache {

struct CachedRepo;
struct CachedRevision;

// What an export will write: the files of one cached revision (snapshot links resolved to
// their blobs) or of a local_dir download folder, validated as a whole before anything is
// written. The snapshot folder is walked again by fd (never following a link): the scan may
// be minutes old and the export acts on what is there now. Every file is later opened again
// relative to the fds of the repo folder (or local_dir) and of blobs/, never through a link,
// and must still be the inode the walk saw: nothing outside the source tree is ever read.
// A file trees/<commit>.json lists that the snapshot lacks is missing (an incomplete
// download), like a link to a missing blob. Bookkeeping files (trees/, .metadata) are opened
// O_NONBLOCK and must be regular files: a FIFO there cannot hang the export.
class ExportSource
{
public:
    struct Options
    {
        bool allowOutsideLinks = false;     // follow links that leave the repo's blobs/
        bool skipMissing = false;           // export the rest when files are missing
        bool keepLocalDirMetadata = false;  // local_dir: keep .cache/huggingface/ (0.23.0: .huggingface/)
    };

    [[nodiscard]] static std::optional<ExportSource> fromRevision(const CachedRepo &repo, const CachedRevision &revision,
                                                                  const Options &options, QString *error);
    [[nodiscard]] static std::optional<ExportSource> fromSnapshot(const QByteArray &repoPath, const QByteArray &commit,
                                                                  const Options &options, QString *error);
    [[nodiscard]] static std::optional<ExportSource> fromLocalDir(const QByteArray &dir, const Options &options, QString *error);

    const QByteArray &root() const { return m_root; }          // snapshot folder or local_dir
    const QByteArray &repoPath() const { return m_repoPath; }  // empty for local_dir
    const QByteArray &commit() const { return m_commit; }
    const QList<ExportItem> &items() const { return m_items; }  // sorted by path
    const QList<QByteArray> &skipped() const { return m_skipped; }  // missing files left out (--skip-missing)
    quint64 totalBytes() const { return m_totalBytes; }
    const QStringList &warnings() const { return m_warnings; }  // what the walk could not check

    // The folder an export must stay out of: the cache holding the repo, or the local_dir.
    QByteArray origin() const { return m_repoPath.isEmpty() ? m_container : originOf(m_repoPath, false); }
    static QByteArray originOf(const QByteArray &repoOrLocalDir, bool localDir)
    {
        return localDir ? repoOrLocalDir : repoOrLocalDir.left(repoOrLocalDir.lastIndexOf('/'));
    }
    // What the export marker of a folder export says: the source and its revision.
    QByteArray describe() const;

    // Opens an item's content for reading (relative to the source's fds, never following a
    // link, O_NONBLOCK so a FIFO swapped in cannot block) and checks it is still the regular
    // file the walk saw (device, inode, size, times). -1 and *error otherwise.
    [[nodiscard]] int openContent(const ExportItem &item, QString *error) const;
    // After reading: the open content is still what the walk saw (a file rewritten in place
    // mid-export changes its times). `linked`: the export hard-linked it (which changes ctime).
    [[nodiscard]] static bool checkUnchanged(const ExportItem &item, int fd, bool linked, QString *error);

    // Compares the sizes with trees/<commit>.json (huggingface_hub >= 1.22) and fills expected
    // hashes of regular snapshot files from it. Returns the problems (files the listing does
    // not know, wrong sizes). False when there is no listing.
    bool checkTreeListing(QStringList *problems);

private:
    friend class DatasetExportSource;  // builds a source of a datasets builder folder
    struct Walk;

    QByteArray m_root;
    QByteArray m_repoPath;
    QByteArray m_commit;
    QList<ExportItem> m_items;
    QList<QByteArray> m_skipped;
    quint64 m_totalBytes = 0;
    bool readTreeListing(int repoFd, QStringList *refusals);

    QByteArray m_container;
    std::shared_ptr<UniqueFd> m_containerFd;
    std::shared_ptr<UniqueFd> m_blobsFd;
    std::shared_ptr<UniqueFd> m_sharedBlobsFd;  // <cache>/blobs when it is a marked shared blob store
    QByteArray m_treeListing;  // path of the listing (for messages)
    bool m_hasListing = false;
    QJsonObject m_listedFiles; // its "files"
    QStringList m_warnings;
    QByteArray m_kindLabel = "local_dir";  // what describe() calls a source without a repo
};

} // namespace hfcache
