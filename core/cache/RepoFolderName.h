// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "RepoType.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace hfcache {

// The reversible mapping between a repo and its folder in the hub cache:
// ("model", "org/name") <-> "models--org--name". Split at the first "--" for the type,
// every further "--" is a "/" (the Hub forbids "--" in repo ids).
struct RepoFolderName
{
    RepoType type = RepoType::Model;
    QString repoId;  // PathText::decode()d: a byte that is not UTF-8 stays distinct

    static std::optional<RepoFolderName> parse(const QByteArray &folderName);
    QByteArray folderName() const;
    // "model/org/name": the id `hf cache` prints and accepts.
    QString cacheId() const;
};

} // namespace hfcache
