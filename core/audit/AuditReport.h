// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "AclProbe.h"
#include "PathComponent.h"
#include "RepoAccess.h"
#include "UserIdentity.h"
#include "WhyPath.h"
#include "cache/Finding.h"

#include <QList>
#include <QString>

namespace hfcache {

// The ownership and permission diagnosis of one scanned cache for one user.
struct AuditReport
{
    QByteArray root;
    UserIdentity user;
    QString userReason;           // why this user: "current user", "--as-user", "owner of /home/bob"
    quint32 cacheOwner = 0;       // private cache: who should own every entry
    QString cacheOwnerName;
    QString cacheOwnerChown;      // "owner:group", the value of foreign-owner fixes
    bool shared = false;          // shared-group policy checked
    bool sharedDetected = false;  // ... because the root looks shared, not because it was asked
    QString sharedGroup;
    quint32 sharedGid = 0;
    AclProbe::Support aclSupport = AclProbe::Support::Unknown;
    bool rootDefaultAcl = false;  // the root's default ACL keeps new files group-writable
    QList<PathComponent> rootChain;  // "/" ... root
    WhyPath rootReadDenial;       // the path to the root itself
    WhyPath rootWriteDenial;
    QList<RepoAccess> repos;
    Findings findings;            // outside any repo: the path to the root, .locks, HF_HOME, ACLs

    int countFindings(Severity atLeast) const;
};

} // namespace hfcache
