// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "PathComponent.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace hfcache {

// Why a user may not do something to a path: every component from "/" to the entry with its
// owner, group and mode, the one that denies, and the reason -- the `namei -l` view.
struct WhyPath
{
    QList<PathComponent> components;
    int denied = -1;   // index into components; -1: allowed
    int want = 0;      // AccessCheck::Want bits the denying component lacks
    QString reason;

    bool isDenied() const { return denied >= 0; }
    QByteArray target() const { return components.isEmpty() ? QByteArray() : components.last().path; }
    const PathComponent *denying() const { return isDenied() ? &components.at(denied) : nullptr; }
    // "drwxr-xr-x root  root  /", ..., with "  <- <reason>" on the denying line.
    QStringList lines() const;
};

} // namespace hfcache
