// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QString>

#include <optional>

namespace hfcache {

enum class RepoType { Model, Dataset, Space, Kernel };

// "model", "dataset", "space", "kernel": the singular used by huggingface_hub's repo_type.
QString repoTypeName(RepoType type);
std::optional<RepoType> repoTypeFromName(QStringView name);
// "models", "datasets", ...: the folder prefix before the first "--".
QString repoTypeFolderPrefix(RepoType type);

} // namespace hfcache
