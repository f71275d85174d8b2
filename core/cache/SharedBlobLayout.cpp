// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "SharedBlobLayout.h"

#include "BlobKind.h"
#include "RepoFolderName.h"

#include <QList>

namespace hfcache {

bool SharedBlobLayout::isXetHash(const QByteArray &name)
{
    return isHex(name, 64);
}

bool SharedBlobLayout::isPrefixFolder(const QByteArray &name)
{
    return isHex(name, 2);
}

SharedBlobLayout::Entry SharedBlobLayout::classify(const QByteArray &prefix, const QByteArray &name, QByteArray *hash)
{
    *hash = name.left(64);
    if (!isXetHash(*hash) || !hash->startsWith(prefix))
        return Entry::Other;
    const QByteArray suffix = name.mid(64);
    if (suffix.isEmpty())
        return Entry::Payload;
    if (suffix == ManifestSuffix)
        return Entry::Manifest;
    if (suffix == LockSuffix)
        return Entry::Lock;
    if (suffix == SoftLockSuffix)
        return Entry::SoftLock;
    return Entry::Other;
}

QByteArray SharedBlobLayout::payloadPath(const QByteArray &hash)
{
    return QByteArray(Folder) + '/' + hash.left(2) + '/' + hash;
}

QByteArray SharedBlobLayout::hashOfLink(const QByteArray &target)
{
    // The link sits at <repo folder>/blobs/<etag>: "../../" climbs to the cache root, and
    // _shared_blob_target() accepts exactly blobs/<hash[:2]>/<hash> from there.
    const QList<QByteArray> parts = target.split('/');
    if (parts.size() != 5 || parts[0] != ".." || parts[1] != ".." || parts[2] != Folder)
        return {};
    const QByteArray &hash = parts[4];
    return isXetHash(hash) && parts[3] == hash.left(2) ? hash : QByteArray();
}

quint32 SharedBlobLayout::payloadMode(quint32 rootMode)
{
    return 0400 | (rootMode & 0010 ? 0040 : 0) | (rootMode & 0001 ? 0004 : 0);
}

bool SharedBlobLayout::isManifestLine(const QByteArray &line)
{
    const QList<QByteArray> parts = line.split('/');
    return parts.size() == 3 && RepoFolderName::parse(parts[0]).has_value() && parts[1] == "blobs"
           && !parts[2].isEmpty() && parts[2] != "." && parts[2] != "..";
}

} // namespace hfcache
