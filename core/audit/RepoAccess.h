// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "WhyPath.h"
#include "cache/Finding.h"

#include <QByteArray>
#include <QString>

namespace hfcache {

// What one user can do with one repo: load it (read), and download into it, lock and delete
// (write). For each "no", the first path that denies it.
struct RepoAccess
{
    QString cacheId;     // "model/org/name"
    QString repoId;
    QByteArray path;
    bool canRead = true;
    bool canWrite = true;
    WhyPath readDenial;
    WhyPath writeDenial;
    Findings findings;   // ownership and permission findings under this repo (and its .locks folder)
};

} // namespace hfcache
