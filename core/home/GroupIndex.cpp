// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "GroupIndex.h"

#include <QHashFunctions>

#include <algorithm>
#include <utility>

namespace hfcache {

qint32 GroupIndex::find(const QList<HomeGroup> &groups, QByteArrayView key) const
{
    if (m_slots.empty())
        return -1;
    const size_t mask = m_slots.size() - 1;
    for (size_t slot = qHash(key) & mask;; slot = (slot + 1) & mask) {
        const qint32 index = m_slots[slot];
        if (index < 0 || QByteArrayView(groups[index].key) == key)
            return index;
    }
}

void GroupIndex::place(const QList<HomeGroup> &groups, qint32 index)
{
    const size_t mask = m_slots.size() - 1;
    size_t slot = qHash(QByteArrayView(groups[index].key)) & mask;
    while (m_slots[slot] >= 0)
        slot = (slot + 1) & mask;
    m_slots[slot] = index;
}

void GroupIndex::insert(const QList<HomeGroup> &groups, qint32 index)
{
    if (size_t(m_count + 1) * 2 > m_slots.size()) {
        const std::vector<qint32> old = std::exchange(m_slots, std::vector<qint32>(std::max<size_t>(16, m_slots.size() * 2), -1));
        for (const qint32 placed : old) {
            if (placed >= 0)
                place(groups, placed);
        }
    }
    place(groups, index);
    ++m_count;
}

} // namespace hfcache
