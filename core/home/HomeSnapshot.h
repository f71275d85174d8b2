// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "KindSnapshot.h"

#include <QList>
#include <QString>

#include <memory>

namespace hfcache {

// One scan of every cache kind's root: immutable, shared between threads.
struct HomeSnapshot
{
    QString hfHome;                 // huggingface_hub's HF_HOME, absolute
    QList<KindSnapshotPtr> kinds;   // HomeLocations order
    qint64 scannedAtMs = 0;
    qint64 durationMs = 0;

    quint64 sizeOnDisk() const;     // the kinds' sums (a file two kinds share counts in both)
    // The first snapshot of kind `id` (its own root; extra roots follow it).
    KindSnapshotPtr kind(const QString &id) const;
};

using HomeSnapshotPtr = std::shared_ptr<const HomeSnapshot>;

} // namespace hfcache
