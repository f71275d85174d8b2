// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "FindingIndex.h"

#include <algorithm>

namespace hfcache {

FindingIndex::FindingIndex(const Findings &findings)
{
    m_entries.reserve(findings.size());
    for (int i = 0; i < findings.size(); ++i)
        m_entries.append({findings.at(i).path, i, findings.at(i).severity});
    std::stable_sort(m_entries.begin(), m_entries.end(), [](const Entry &a, const Entry &b) { return a.path < b.path; });
}

std::pair<FindingIndex::Range, FindingIndex::Range> FindingIndex::rangesUnder(const QByteArray &path) const
{
    const auto lower = [this](const QByteArray &key) {
        return std::lower_bound(m_entries.cbegin(), m_entries.cend(), key,
                                [](const Entry &e, const QByteArray &k) { return e.path < k; });
    };
    const auto exactEnd = std::upper_bound(lower(path), m_entries.cend(), path,
                                           [](const QByteArray &k, const Entry &e) { return k < e.path; });
    const auto exact = std::make_pair(lower(path), exactEnd);
    return {exact, {lower(path + '/'), lower(path + '0')}};
}

Findings FindingIndex::under(const Findings &findings, const QByteArray &path, qsizetype limit) const
{
    Q_ASSERT(findings.size() == m_entries.size());
    const auto [exact, below] = rangesUnder(path);
    Findings result;
    for (const Range &range : {exact, below}) {
        for (auto it = range.first; it != range.second && result.size() != limit; ++it)
            result << findings.at(it->position);
    }
    return result;
}

int FindingIndex::countUnder(const QByteArray &path) const
{
    const auto [exact, below] = rangesUnder(path);
    return int((exact.second - exact.first) + (below.second - below.first));
}

int FindingIndex::worstUnder(const QByteArray &path) const
{
    int worst = -1;
    forEachUnder(path, [&worst](const QByteArray &, Severity severity) { worst = std::max(worst, int(severity)); });
    return worst;
}

} // namespace hfcache
