// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "Suggestion.h"

#include <algorithm>
#include <vector>

namespace hfcache::Suggestion {

int editDistance(QStringView a, QStringView b)
{
    const qsizetype n = a.size(), m = b.size();
    std::vector<std::vector<int>> d(size_t(n + 1), std::vector<int>(size_t(m + 1)));
    for (qsizetype i = 0; i <= n; ++i)
        d[size_t(i)][0] = int(i);
    for (qsizetype j = 0; j <= m; ++j)
        d[0][size_t(j)] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int best = std::min({d[size_t(i - 1)][size_t(j)] + 1, d[size_t(i)][size_t(j - 1)] + 1,
                                 d[size_t(i - 1)][size_t(j - 1)] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                best = std::min(best, d[size_t(i - 2)][size_t(j - 2)] + 1);
            d[size_t(i)][size_t(j)] = best;
        }
    }
    return d[size_t(n)][size_t(m)];
}

QStringList closest(const QString &given, const QStringList &candidates)
{
    if (given.isEmpty())
        return {};
    QStringList begun;
    for (const QString &candidate : candidates) {
        if (candidate.startsWith(given))
            begun << candidate;
    }
    if (!begun.isEmpty())
        return begun;
    const int allowed = given.size() <= 4 ? 1 : given.size() <= 8 ? 2 : 3;
    int best = allowed + 1;
    QStringList nearest;
    for (const QString &candidate : candidates) {
        const int distance = editDistance(given, candidate);
        if (distance < best) {
            best = distance;
            nearest = {candidate};
        } else if (distance == best) {
            nearest << candidate;
        }
    }
    return nearest;
}

QString didYouMean(const QString &given, const QStringList &candidates, const QString &prefix)
{
    QStringList quoted;
    for (const QString &candidate : closest(given, candidates))
        quoted << QStringLiteral("'%1%2'").arg(prefix, candidate);
    return quoted.join(QStringLiteral(" or "));
}

} // namespace hfcache::Suggestion
