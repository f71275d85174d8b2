// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "KindDiagnosis.h"

#include <QByteArray>
#include <QList>

#include <algorithm>

namespace hfcache {

// doctor's diagnosis of every cache kind but the hub cache (which CacheAudit diagnoses): one
// entry per located root, plus what concerns HF_HOME as a whole (the token trap).
struct HomeDiagnosis
{
    QByteArray hfHome;
    Findings findings;          // HF_HOME itself and the token
    QList<KindDiagnosis> kinds; // HomeLocations order

    int count(Severity severity) const
    {
        auto countIn = [severity](const Findings &list) {
            return int(std::count_if(list.cbegin(), list.cend(), [severity](const Finding &f) { return f.severity == severity; }));
        };
        int n = countIn(findings);
        for (const KindDiagnosis &kind : kinds)
            n += countIn(kind.findings);
        return n;
    }
};

} // namespace hfcache
