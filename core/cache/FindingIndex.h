// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "Finding.h"

#include <QByteArray>
#include <QList>

namespace hfcache {

// The findings of one list ordered by path: those about a path or anything below it are found
// with binary searches instead of a pass over every finding. A revision with 50,000 broken
// links has 50,000 findings and a view asks once per row, so a pass per question is quadratic.
// Built once per list (a repo's findings are immutable once scanned), O(n log n).
class FindingIndex
{
public:
    FindingIndex() = default;
    explicit FindingIndex(const Findings &findings);

    // The findings of `findings` (the list indexed) about `path` or below it, in path order;
    // the first `limit` of them when limit >= 0.
    Findings under(const Findings &findings, const QByteArray &path, qsizetype limit = -1) const;
    int countUnder(const QByteArray &path) const;
    // The worst Severity (as int) about `path` or below it; -1 without findings.
    int worstUnder(const QByteArray &path) const;
    // Calls visit(path, severity) for each finding about `path` or below it, in path order: one
    // pass that gives the rows below a folder their severities.
    template<typename Visit>
    void forEachUnder(const QByteArray &path, Visit visit) const
    {
        const auto [exact, below] = rangesUnder(path);
        for (const Range &range : {exact, below}) {
            for (auto it = range.first; it != range.second; ++it)
                visit(it->path, it->severity);
        }
    }
    qsizetype size() const { return m_entries.size(); }

private:
    struct Entry
    {
        QByteArray path;
        int position;
        Severity severity;
    };
    using Range = std::pair<QList<Entry>::const_iterator, QList<Entry>::const_iterator>;
    // `path` itself, then below it: "path/" up to "path0" ('0' follows '/'). Names such as
    // "path.txt" sort between the two and belong to neither.
    std::pair<Range, Range> rangesUnder(const QByteArray &path) const;

    QList<Entry> m_entries;  // sorted by path
};

} // namespace hfcache
