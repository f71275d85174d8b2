// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RepoFolderName.h"

#include "util/PathText.h"

namespace hfcache {

std::optional<RepoFolderName> RepoFolderName::parse(const QByteArray &folderName)
{
    const qsizetype separator = folderName.indexOf("--");
    if (separator <= 1)
        return std::nullopt;
    const QByteArray prefix = folderName.left(separator);
    const QByteArray rest = folderName.mid(separator + 2);
    if (!prefix.endsWith('s') || rest.isEmpty())
        return std::nullopt;
    const auto type = repoTypeFromName(QString::fromLatin1(prefix.chopped(1)));
    if (!type)
        return std::nullopt;
    QByteArray id = rest;
    id.replace("--", "/");
    if (id.startsWith('/') || id.endsWith('/') || id.contains("//"))
        return std::nullopt;
    return RepoFolderName{*type, PathText::decode(id)};
}

QByteArray RepoFolderName::folderName() const
{
    QByteArray id = PathText::encode(repoId);
    id.replace('/', "--");
    return repoTypeFolderPrefix(type).toLatin1() + "--" + id;
}

QString RepoFolderName::cacheId() const
{
    return repoTypeName(type) + QLatin1Char('/') + repoId;
}

} // namespace hfcache
