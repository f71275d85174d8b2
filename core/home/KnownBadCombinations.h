// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "PythonPackages.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace hfcache {

// Versions that break the caches' locks together (hf-home-reference.md §2.2, §3.3, §4, §5, §6):
// each rule names the installed versions it matched, what goes wrong and the way out.
namespace KnownBadCombinations {

struct Match
{
    QStringList packages;  // "evaluate 0.4.1", "filelock 3.20.3", ...
    QString problem;
    QString remedy;
};

QList<Match> find(const PythonPackages &installed);

} // namespace KnownBadCombinations

} // namespace hfcache
