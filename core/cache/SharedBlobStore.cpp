// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "SharedBlobStore.h"

#include <algorithm>

namespace hfcache {

const SharedPayload *SharedBlobStore::payload(const QByteArray &hash) const
{
    const auto it = std::lower_bound(payloads.cbegin(), payloads.cend(), hash,
                                     [](const SharedPayload &p, const QByteArray &h) { return p.hash < h; });
    return it != payloads.cend() && it->hash == hash ? &*it : nullptr;
}

QList<const SharedPayload *> SharedBlobStore::unreferenced() const
{
    QList<const SharedPayload *> found;
    for (const SharedPayload &p : payloads) {
        if (p.hasPayload() && p.manifestRead && !isReferencedBeyond(p, {}))
            found.append(&p);
    }
    return found;
}

bool SharedBlobStore::isReferencedBeyond(const SharedPayload &payload, const QList<QByteArray> &leaving)
{
    auto stays = [&leaving](const QByteArray &ref) { return !leaving.contains(ref); };
    return std::any_of(payload.linkedBy.cbegin(), payload.linkedBy.cend(), stays)
           || std::any_of(payload.uncheckedRefs.cbegin(), payload.uncheckedRefs.cend(), stays);
}

} // namespace hfcache
