// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DurationText.h"

#include <QRegularExpression>

namespace hfcache {

std::optional<qint64> DurationText::parseSeconds(const QString &text)
{
    // A plain number is seconds, as huggingface_hub's parse_duration (`hf cache ls --filter`) reads it.
    static const QRegularExpression pattern(QStringLiteral(R"(^(\d+(?:\.\d+)?)\s*(s|m|h|d|w|mo|y)?$)"),
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const QString unit = match.captured(2).toLower();
    const qint64 unitSeconds = unit.isEmpty() || unit == QLatin1String("s") ? 1
                               : unit == QLatin1String("m")  ? 60
                               : unit == QLatin1String("h")  ? 3600
                               : unit == QLatin1String("d")  ? 86400
                               : unit == QLatin1String("w")  ? 7 * 86400
                               : unit == QLatin1String("mo") ? 30 * 86400
                                                             : 365 * 86400;
    const double seconds = match.captured(1).toDouble() * double(unitSeconds);
    constexpr double kLongest = 10000.0 * 365 * 86400;  // also keeps the qint64 conversion defined
    if (seconds > kLongest)
        return std::nullopt;
    return qint64(seconds);
}

QString DurationText::expected()
{
    return QStringLiteral("seconds, or a number and s, m, h, d, w, mo or y: 3600, 30d, 1.5d, 12h, 6mo");
}

} // namespace hfcache
