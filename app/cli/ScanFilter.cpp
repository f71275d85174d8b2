// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ScanFilter.h"

#include "util/DurationText.h"

#include <QRegularExpression>

namespace hfcache {

std::optional<qint64> ScanFilter::parseSize(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^(\d+(?:\.\d+)?)\s*([kmgtp]?)b?$)"),
                                            QRegularExpression::CaseInsensitiveOption);
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const QString unit = match.captured(2).toLower();
    double value = match.captured(1).toDouble();
    for (QChar u : QStringLiteral("kmgtp")) {
        if (unit.isEmpty())
            break;
        value *= 1000;
        if (unit == u)
            break;
    }
    // Sizes are compared as qint64: 2^63 bytes and more cannot be converted (nor stored).
    if (value >= 9223372036854775808.0)
        return std::nullopt;
    return qint64(value);
}

std::optional<ScanFilter> ScanFilter::parse(const QString &expression, QString *error)
{
    static const QRegularExpression pattern(QStringLiteral(R"(^\s*(\w+)\s*(!=|>=|<=|=|>|<)\s*(.+?)\s*$)"));
    const auto match = pattern.match(expression);
    if (!match.hasMatch()) {
        *error = QStringLiteral("invalid filter '%1' (expected KEY OP VALUE, e.g. size>1G)").arg(expression);
        return std::nullopt;
    }
    ScanFilter filter;
    const QString key = match.captured(1).toLower();
    static const QStringList ops = {QStringLiteral("="), QStringLiteral("!="), QStringLiteral(">"),
                                    QStringLiteral("<"), QStringLiteral(">="), QStringLiteral("<=")};
    filter.m_op = Op(ops.indexOf(match.captured(2)));
    const QString value = match.captured(3);
    if (key == QLatin1String("type") || key == QLatin1String("refs")) {
        filter.m_key = key == QLatin1String("type") ? Key::Type : Key::Refs;
        if (filter.m_op != Op::Eq) {
            *error = QStringLiteral("filter '%1': %2 only supports '='").arg(expression, key);
            return std::nullopt;
        }
        filter.m_text = value.toLower();
        return filter;
    }
    std::optional<qint64> number;
    if (key == QLatin1String("size")) {
        filter.m_key = Key::Size;
        number = parseSize(value);
    } else if (key == QLatin1String("accessed") || key == QLatin1String("modified")) {
        filter.m_key = key == QLatin1String("accessed") ? Key::Accessed : Key::Modified;
        number = DurationText::parseSeconds(value);
    } else {
        *error = QStringLiteral("filter '%1': unknown key '%2' (size, accessed, modified, type, refs)").arg(expression, key);
        return std::nullopt;
    }
    if (!number) {
        *error = QStringLiteral("filter '%1': cannot read '%2' as a %3").arg(
            expression, value, filter.m_key == Key::Size ? QStringLiteral("size (e.g. 500M, 1G; a plain number is bytes, below 2^63)")
                                                         : QStringLiteral("duration (%1)").arg(DurationText::expected()));
        return std::nullopt;
    }
    filter.m_number = *number;
    return filter;
}

template<typename T>
bool ScanFilter::compare(T left, T right) const
{
    switch (m_op) {
    case Op::Eq: return left == right;
    case Op::Ne: return left != right;
    case Op::Gt: return left > right;
    case Op::Lt: return left < right;
    case Op::Ge: return left >= right;
    case Op::Le: return left <= right;
    }
    return false;
}

bool ScanFilter::matches(const Row &row, qint64 now) const
{
    switch (m_key) {
    case Key::Size: return compare(qint64(row.size), m_number);
    case Key::Accessed: return compare(now - row.accessed, m_number);
    case Key::Modified: return compare(now - row.modified, m_number);
    case Key::Type: return row.type == m_text;
    case Key::Refs:
        return std::any_of(row.refs.cbegin(), row.refs.cend(),
                           [this](const QString &ref) { return ref.toLower() == m_text; });
    }
    return false;
}

} // namespace hfcache
