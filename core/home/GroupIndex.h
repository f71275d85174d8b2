// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "HomeGroup.h"

#include <QByteArrayView>
#include <QList>

#include <vector>

namespace hfcache {

// Item key -> index into KindSnapshot::groups. An open-addressing table of indexes only: the keys
// stay in the groups, so a million datasets downloads cost 4-16 MB here, not the ~40 MB of a
// QHash<QByteArray, qint32> node per key.
class GroupIndex
{
public:
    // The index of the group whose key is `key`, -1 when there is none.
    qint32 find(const QList<HomeGroup> &groups, QByteArrayView key) const;
    // Adds groups[index], whose key is not in the index yet.
    void insert(const QList<HomeGroup> &groups, qint32 index);

private:
    void place(const QList<HomeGroup> &groups, qint32 index);

    std::vector<qint32> m_slots;  // -1: free; a power of two, at most half full
    qsizetype m_count = 0;
};

} // namespace hfcache
