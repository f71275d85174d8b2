// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QString>

namespace hfcache::HumanFormat {

// Decimal units, as `hf cache` prints them: 999 B, 4.6 MB, 12.0 GB.
QString size(quint64 bytes);
// "3 days ago", "a few seconds ago"; relative to `now` (seconds since the epoch).
QString timeSince(qint64 then, qint64 now);
// "2026-11-22T12:22:38Z"; an empty string for 0 (unknown).
QString isoUtc(qint64 secondsSinceEpoch);
// "1.2 s", "350 ms".
QString duration(qint64 milliseconds);

} // namespace hfcache::HumanFormat
