// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HumanFormat.h"

#include <QDateTime>

namespace hfcache::HumanFormat {

QString size(quint64 bytes)
{
    if (bytes < 1000)
        return QStringLiteral("%1 B").arg(bytes);
    static const char *const units[] = {"kB", "MB", "GB", "TB", "PB", "EB"};
    double value = double(bytes) / 1000.0;
    int unit = 0;
    while (value >= 999.95 && unit < 5) {
        value /= 1000.0;
        ++unit;
    }
    return QStringLiteral("%1 %2").arg(value, 0, 'f', 1).arg(QLatin1String(units[unit]));
}

QString timeSince(qint64 then, qint64 now)
{
    if (then <= 0)
        return QStringLiteral("never");
    const qint64 delta = now - then;
    if (delta < 0)
        return QStringLiteral("in the future");
    struct Unit { const char *name; qint64 seconds; };
    static const Unit units[] = {{"year", 365 * 86400}, {"month", 30 * 86400}, {"week", 7 * 86400},
                                 {"day", 86400},        {"hour", 3600},        {"minute", 60}};
    for (const Unit &u : units) {
        const qint64 count = delta / u.seconds;
        if (count >= 1)
            return QStringLiteral("%1 %2%3 ago").arg(count).arg(QLatin1String(u.name)).arg(count > 1 ? "s" : "");
    }
    return QStringLiteral("a few seconds ago");
}

QString isoUtc(qint64 secondsSinceEpoch)
{
    if (secondsSinceEpoch <= 0)
        return {};
    return QDateTime::fromSecsSinceEpoch(secondsSinceEpoch, Qt::UTC).toString(Qt::ISODate);
}

QString duration(qint64 milliseconds)
{
    if (milliseconds < 1000)
        return QStringLiteral("%1 ms").arg(milliseconds);
    return QStringLiteral("%1 s").arg(double(milliseconds) / 1000.0, 0, 'f', 1);
}

} // namespace hfcache::HumanFormat
