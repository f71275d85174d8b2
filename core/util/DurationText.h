// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QString>

#include <optional>

namespace hfcache {

// Ages typed by people: a number and a unit, `30d`, `1.5d`, `12 h`, `6mo`, `1y` (s, m, h, d,
// w, mo = 30 days, y = 365 days; case and spaces do not matter). One grammar for every
// command that takes an age (`scan --filter accessed>30d`, `prune --older-than 30d`).
class DurationText
{
public:
    // Whole seconds; nullopt for anything else, negative numbers and ages over 10,000 years.
    static std::optional<qint64> parseSeconds(const QString &text);
    // What to tell someone whose text was refused.
    static QString expected();
};

} // namespace hfcache
