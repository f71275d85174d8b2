// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "KindSnapshot.h"

#include "audit/UserIdentity.h"
#include "util/HumanFormat.h"

#include <QStringList>

#include <algorithm>

namespace hfcache {

QString KindSnapshot::ownersText(int named, const QString &more) const
{
    QStringList parts;
    for (qsizetype i = 0; i < owners.size() && i < named; ++i)
        parts << QStringLiteral("%1 %2").arg(UserIdentity::userName(owners[i].uid), HumanFormat::size(owners[i].sizeOnDisk));
    if (owners.size() > named)
        parts << more.arg(owners.size() - named);
    return parts.join(QStringLiteral(", "));
}

int KindSnapshot::problemCount() const
{
    return int(std::count_if(findings.cbegin(), findings.cend(),
                             [](const Finding &f) { return f.severity != Severity::Info; }));
}

const HomeGroup *KindSnapshot::group(const QByteArray &key) const
{
    const qint32 index = indexOfGroup(key);
    return index < 0 ? nullptr : &groups[index];
}

QList<const HomeGroup *> KindSnapshot::sortedGroups() const
{
    QList<const HomeGroup *> sorted;
    sorted.reserve(groups.size());
    for (const HomeGroup &g : groups)
        sorted.append(&g);
    std::sort(sorted.begin(), sorted.end(), [](const HomeGroup *a, const HomeGroup *b) { return a->key < b->key; });
    return sorted;
}

} // namespace hfcache
