// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>

#include <sys/stat.h>

namespace hfcache {

// One file of an export: where it goes, where its bytes come from, and what the walk saw there
// (the export reads only that inode, and fails when it changed).
struct ExportItem
{
    // What `location` is relative to: the export never re-resolves a path outside these.
    enum class Base {
        Blobs,      // a name in the repo's blobs/ (opened from its fd)
        Container,  // a path below the repo folder or the local_dir (opened component by component, O_NOFOLLOW)
        Outside,    // an absolute path a link leads to (--follow-outside-links only)
        SharedBlobs,// "<2>/<hash>" in the cache's shared blob store, which the repo's blobs/<etag> links to
                    // (huggingface_hub >= 1.29; opened from the store's fd, component by component)
    };

    QByteArray path;         // relative to the export root, "/"-separated, raw bytes
    QByteArray contentPath;  // absolute path of the file holding the content (for messages)
    QByteArray blobName;     // set when the content is <repo>/blobs/<blobName>
    QByteArray hashName;     // expected sha256 (64 hex) or git sha1 (40 hex); empty: cannot be verified
    Base base = Base::Container;
    QByteArray location;
    quint64 size = 0;
    qint64 mtime = 0;        // of the content file (the blob), seconds since the epoch
    // Identity and times as the walk saw them (fstatat without following links).
    quint64 device = 0;
    quint64 inode = 0;
    qint64 mtimeNs = 0;
    qint64 ctimeNs = 0;

    // Size, mtime, identity and times of the file the walk saw (fstatat without following links).
    void takeIdentity(const struct stat &st)
    {
        size = quint64(st.st_size);
        mtime = st.st_mtim.tv_sec;
        device = quint64(st.st_dev);
        inode = quint64(st.st_ino);
        mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
        ctimeNs = qint64(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec;
    }
};

} // namespace hfcache
