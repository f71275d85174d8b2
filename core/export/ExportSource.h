#pragma once

#include "ExportItem.h"
#include "util/UniqueFd.h"

#include <QByteArray>
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
// be minutes old and the export acts on what is there now.
class ExportSource
{
public:
    struct Options
    {
        bool allowOutsideLinks = false;     // follow links that leave the repo's blobs/
        bool skipMissing = false;           // export the rest when blobs are missing
        bool keepLocalDirMetadata = false;  // local_dir: keep .cache/huggingface/ (0.23.0: .huggingface/)
    };

    static std::optional<ExportSource> fromRevision(const CachedRepo &repo, const CachedRevision &revision,
                                                    const Options &options, QString *error);
    static std::optional<ExportSource> fromSnapshot(const QByteArray &repoPath, const QByteArray &commit,
                                                    const Options &options, QString *error);
    static std::optional<ExportSource> fromLocalDir(const QByteArray &dir, const Options &options, QString *error);

    const QByteArray &root() const { return m_root; }          // snapshot folder or local_dir
    const QByteArray &repoPath() const { return m_repoPath; }  // empty for local_dir
    const QByteArray &commit() const { return m_commit; }
    const QList<ExportItem> &items() const { return m_items; }  // sorted by path
    const QList<QByteArray> &skipped() const { return m_skipped; }  // missing files left out (--skip-missing)
    quint64 totalBytes() const { return m_totalBytes; }

    // Opens an item's content for reading (blobs by fd from blobs/, never following a link)
    // and checks it is still the regular file of the expected size. -1 and *error otherwise.
    int openContent(const ExportItem &item, QString *error) const;

    // Compares the file list and sizes with trees/<commit>.json (huggingface_hub >= 1.22)
    // and fills expected hashes of regular snapshot files from it. Returns the problems
    // (files the listing does not know, wrong sizes); *notCached counts listed files the
    // snapshot does not have (a partial download, not an error). False when no listing.
    bool checkTreeListing(QStringList *problems, int *notCached);

private:
    struct Walk;

    QByteArray m_root;
    QByteArray m_repoPath;
    QByteArray m_commit;
    QList<ExportItem> m_items;
    QList<QByteArray> m_skipped;
    quint64 m_totalBytes = 0;
    std::shared_ptr<UniqueFd> m_blobsFd;
    QByteArray m_treeListing;  // path of the listing to check against
};

} // namespace hfcache
