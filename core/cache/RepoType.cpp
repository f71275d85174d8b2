// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RepoType.h"

namespace hfcache {

QString repoTypeName(RepoType type)
{
    switch (type) {
    case RepoType::Model: return QStringLiteral("model");
    case RepoType::Dataset: return QStringLiteral("dataset");
    case RepoType::Space: return QStringLiteral("space");
    case RepoType::Kernel: return QStringLiteral("kernel");
    }
    return {};
}

std::optional<RepoType> repoTypeFromName(QStringView name)
{
    for (RepoType type : {RepoType::Model, RepoType::Dataset, RepoType::Space, RepoType::Kernel}) {
        if (name == repoTypeName(type))
            return type;
    }
    return std::nullopt;
}

QString repoTypeFolderPrefix(RepoType type)
{
    return repoTypeName(type) + QLatin1Char('s');
}

} // namespace hfcache
