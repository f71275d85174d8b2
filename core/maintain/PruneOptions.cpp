#include "PruneOptions.h"

#include <QRegularExpression>

namespace hfcache {

std::optional<qint64> PruneOptions::parseDuration(const QString &text, QString *error)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d+)(s|m|h|d|w|mo|y)$"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed().toLower());
    bool ok = false;
    const qint64 count = match.hasMatch() ? match.captured(1).toLongLong(&ok) : 0;
    if (!ok || count > (qint64(1) << 40)) {
        *error = QStringLiteral("invalid duration '%1' (a number and s, m, h, d, w, mo or y: 30d, 12h, 6mo)").arg(text);
        return std::nullopt;
    }
    const QString unit = match.captured(2);
    const qint64 seconds = unit == QLatin1String("s")    ? 1
                           : unit == QLatin1String("m")  ? 60
                           : unit == QLatin1String("h")  ? 3600
                           : unit == QLatin1String("d")  ? 86400
                           : unit == QLatin1String("w")  ? 7 * 86400
                           : unit == QLatin1String("mo") ? 30 * 86400
                                                         : 365 * 86400;
    return count * seconds;
}

} // namespace hfcache
