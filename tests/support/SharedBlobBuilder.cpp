// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "SharedBlobBuilder.h"

#include <QCryptographicHash>
#include <QtTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

void fail(const char *what, const QByteArray &path)
{
    qFatal("%s %s failed: %s", what, path.constData(), strerror(errno));
}

// Appends `text`, creating with 0666 and fchmod'ing to 0666 as _append_manifest_reference()
// and _shared_blob_lock() do (the store is shared by every user of the cache).
void appendShared(const QByteArray &path, const QByteArray &text)
{
    const int fd = ::open(path.constData(), O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0 || ::fchmod(fd, 0666) != 0 || ::write(fd, text.constData(), size_t(text.size())) != text.size())
        fail("append", path);
    ::close(fd);
}

} // namespace

QByteArray SharedBlobBuilder::xetHash(const QByteArray &content)
{
    return QCryptographicHash::hash("xet:" + content, QCryptographicHash::Sha256).toHex();
}

QByteArray SharedBlobBuilder::payloadPath(const QByteArray &content)
{
    const QByteArray hash = xetHash(content);
    return "blobs/" + hash.left(2) + '/' + hash;
}

void SharedBlobBuilder::ensureStore()
{
    // _ensure_shared_blobs_dir(): blobs/ with the marker "1\n" (SHARED_BLOBS_LAYOUT_VERSION),
    // written to a temporary, chmod'ed to _shared_blob_mode() and renamed into place.
    const QByteArray marker = m_cache.root() + "/blobs/.huggingface-shared-blobs";
    if (::access(marker.constData(), F_OK) == 0)
        return;
    m_cache.writeFile("blobs/.huggingface-shared-blobs", "1\n");
    struct stat root;
    if (::stat(m_cache.root().constData(), &root) != 0)
        fail("stat", m_cache.root());
    // _shared_directory_mode(): the store's folders mirror the cache root's mode.
    ::chmod((m_cache.root() + "/blobs").constData(), root.st_mode & 07777);
    ::chmod(marker.constData(), 0400 | (root.st_mode & S_IXGRP ? 0040 : 0) | (root.st_mode & S_IXOTH ? 0004 : 0));
}

QByteArray SharedBlobBuilder::addSharedBlob(const QByteArray &repoFolder, const QByteArray &content)
{
    ensureStore();
    const QByteArray etag = QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex();
    const QByteArray hash = xetHash(content);
    const QByteArray payload = payloadPath(content);
    const QByteArray absolute = m_cache.root() + '/' + payload;
    struct stat root;
    if (::stat(m_cache.root().constData(), &root) != 0)
        fail("stat", m_cache.root());
    // _ensure_prefix_dir(): blobs/<hash[:2]>/ with the root's mode.
    m_cache.mkdirs("blobs/" + hash.left(2));
    ::chmod((m_cache.root() + "/blobs/" + hash.left(2)).constData(), root.st_mode & 07777);
    // _shared_blob_lock(): <hash>.lock, O_WRONLY|O_CREAT|O_NOFOLLOW 0666, fchmod 0666.
    appendShared(absolute + ".lock", {});
    // _append_manifest_reference(): the line goes in (fsync'ed) before the link is visible.
    appendShared(absolute + ".refs", repoFolder + "/blobs/" + etag + '\n');
    if (::access(absolute.constData(), F_OK) != 0) {
        // publish_blob_to_shared_store(): _prepare_shared_blob_permissions() makes the download
        // 0400 plus group/other read when the cache root lets them search it, then moves it in.
        m_cache.writeFile(payload, content);
        ::chmod(absolute.constData(), 0400 | (root.st_mode & S_IXGRP ? 0040 : 0) | (root.st_mode & S_IXOTH ? 0004 : 0));
    }
    // _make_temporary_symlink() + os.replace(): blobs/<etag> -> ../../blobs/<2>/<hash>.
    m_cache.mkdirs(repoFolder + "/blobs");
    const QByteArray link = m_cache.root() + '/' + repoFolder + "/blobs/" + etag;
    if (::symlink(("../../" + payload).constData(), link.constData()) != 0)
        fail("symlink", link);
    return etag;
}
