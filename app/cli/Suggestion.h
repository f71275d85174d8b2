// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QString>
#include <QStringList>

namespace hfcache {

// "did you mean ...?" for a mistyped command or option, as git and ninja offer it.
namespace Suggestion {

// Optimal string alignment distance: an insertion, a deletion, a substitution or a swap of two
// neighbours ("sacn" -> "scan") each count one.
int editDistance(QStringView a, QStringView b);
// The candidates nearest to `given`: those it begins ("dry" -> "dry-run") when there are any,
// else those at the smallest distance when that is small for its length (at most 1 for up to 4
// characters, 2 up to 8, 3 beyond). Empty when nothing is near.
QStringList closest(const QString &given, const QStringList &candidates);
// "'scan'" or "'rm' or 'repair'", each candidate with `prefix` ("--" for options); empty when
// nothing is near.
QString didYouMean(const QString &given, const QStringList &candidates, const QString &prefix = {});

} // namespace Suggestion

} // namespace hfcache
