// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DeleteOperation.h"

#include "util/PathText.h"

namespace hfcache {

const char *DeleteOperation::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Ref: return "ref";
    case Kind::Snapshot: return "snapshot";
    case Kind::NoExist: return "no-exist";
    case Kind::TreeListing: return "tree-listing";
    case Kind::Blob: return "blob";
    case Kind::Incomplete: return "incomplete";
    case Kind::RepoRest: return "repo-folder";
    case Kind::LockFile: return "lock-file";
    case Kind::LockFolder: return "lock-folder";
    case Kind::HomeFile: return "file";
    case Kind::HomeFolder: return "folder";
    case Kind::SharedBlob: return "shared-payload";
    case Kind::SharedManifest: return "shared-manifest";
    }
    return "?";
}

QString DeleteOperation::describe(const QByteArray &root) const
{
    return QStringLiteral("%1 %2").arg(QLatin1String(kindName(kind)), PathText::display(root + '/' + path));
}

} // namespace hfcache
