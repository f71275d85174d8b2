// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "cache/RepoType.h"

#include <QIcon>

namespace hfcache::ItemIcons {

// The SVG icons of resources/icons (HiDPI-clean), loaded once.
QIcon named(const QString &name);  // "refresh", "folder-open", ...
QIcon repoType(RepoType type);
QIcon revision(bool detached);
QIcon folder();
QIcon file();
QIcon brokenLink();
QIcon severity(int severity);      // -1: OK
QColor repoTypeColor(RepoType type);

} // namespace hfcache::ItemIcons
