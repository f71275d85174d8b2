// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "FilesystemFacts.h"
#include "cache/Finding.h"
#include "home/KindSnapshot.h"

#include <QString>

namespace hfcache {

// doctor's diagnosis of one cache kind's root: the kind scan's own findings first, then the
// audit's (ownership, lock files), the filesystem's and those of the kind's own rules.
struct KindDiagnosis
{
    KindSnapshotPtr kind;
    bool probed = false;         // there and read: filesystem and policy are known
    FilesystemFacts filesystem;  // of the root
    bool shared = false;         // the shared-group policy applies (asked, or detected as for the hub cache)
    bool sharedDetected = false;
    QString sharedGroup;
    Findings findings;
};

} // namespace hfcache
