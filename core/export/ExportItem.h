#pragma once

#include <QByteArray>

namespace hfcache {

// One file of an export: where it goes and where its bytes come from.
struct ExportItem
{
    QByteArray path;         // relative to the export root, "/"-separated, raw bytes
    QByteArray contentPath;  // absolute path of the file holding the content (for messages)
    QByteArray blobName;     // set when the content is <repo>/blobs/<blobName> (opened by fd from blobs/)
    QByteArray hashName;     // expected sha256 (64 hex) or git sha1 (40 hex); empty: cannot be verified
    quint64 size = 0;
    qint64 mtime = 0;        // of the content file (the blob), seconds since the epoch
};

} // namespace hfcache
