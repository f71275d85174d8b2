#pragma once

#include "WatchedFile.h"
#include "cache/CacheSnapshot.h"

#include <QList>

namespace hfcache {

// The files CacheActivity looks at, taken from a scan (no second walk of the cache) and from
// local_dir download folders (<dir>/.cache/huggingface/, small, walked here).
class ActivityTargets
{
public:
    static ActivityTargets fromSnapshot(const CacheSnapshot &snapshot);

    // Lock files and .incomplete downloads of `snapshot_download(local_dir=dir)`. False and
    // *error set when <dir>/.cache/huggingface cannot be read.
    bool addLocalDir(const QByteArray &dir, QString *error);
    void add(const WatchedFile &file) { m_files.append(file); }

    const QList<WatchedFile> &files() const { return m_files; }

    // The lock file of a local_dir download: download/<dir>/<shorthash>.<etag>.incomplete
    // belongs to download/<dir>/<name>.lock when shorthash = urlsafe-b64(sha1("<name>.metadata"))
    // (huggingface_hub >= 0.28), or the incomplete name starts with "<name>." (older).
    static QByteArray localDirShortHash(const QByteArray &fileName);

private:
    QList<WatchedFile> m_files;
};

} // namespace hfcache
