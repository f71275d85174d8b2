// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HomeScanOptions.h"
#include "KindLocation.h"
#include "KindSnapshot.h"
#include "WalkedEntry.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace hfcache {

class HomeEnvironment;
class KindScan;
struct KindLocks;

// One kind of Hugging Face cache (hub, xet, datasets, ...): how its library finds its root,
// how its tree is read into the snapshot model, and its lock-file and marker rules. Every kind
// is one subclass in core/home/kinds/, registered in CacheKinds.cpp; the rest of hfcache
// (where, home, later locks, doctor, repair, clean) asks the table, never a kind by name.
// A new kind: copy kinds/AssetsKind (the smallest), then add one line to CacheKinds.cpp (and its
// marker names, if it has any, to cache/KindMarkers.cpp).
//
// Kinds hold no state: one instance serves every scan, from any thread.
class CacheKind
{
public:
    virtual ~CacheKind() = default;

    virtual QString id() const = 0;           // "datasets": JSON, --kind, --root KIND=DIR
    virtual QString displayName() const = 0;  // "datasets cache": tables
    virtual QString library() const = 0;      // who writes it ("datasets", "hf_xet", ...)
    // The root exactly as the library resolves it (hf-home-reference.md names the source lines).
    virtual KindLocation locate(const HomeEnvironment &env) const = 0;
    // Names directly in the root that only this kind's library makes: what tells a repair or a
    // clean that a folder given for this kind is one (the table hfcache-helper reads: KindMarkers).
    const QList<QByteArray> &markers() const;
    // Whether a file of this name is one of the kind's lock files (filelock's: 0-byte, held only
    // in the kernel). Default: "*.lock".
    virtual bool isLockName(const QByteArray &name) const { return name.endsWith(".lock"); }
    // After HomeLocks read who holds and waits on each lock file: what each lock is for, the
    // locks the library expects that are missing, and findings about them taken together
    // (evaluate's rendezvous). Default: nothing to add.
    virtual void judgeLocks(KindLocks &locks) const { Q_UNUSED(locks) }

    // Reads the root into a snapshot. Default: KindScan walks the tree once by fds, never
    // following a link, and asks classify() where each entry belongs.
    virtual KindSnapshotPtr scan(const KindLocation &location, const HomeScanOptions &options) const;
    // The entry's role and item (KindScan::group() makes items); called once per entry. Default,
    // for a kind without structure of its own: a folder or a data file in its folder's item.
    virtual Placement classify(KindScan &scan, const WalkedEntry &entry) const;
    // After the walk: findings about the cache as a whole.
    virtual void finish(KindScan &scan) const { Q_UNUSED(scan) }
};

} // namespace hfcache
