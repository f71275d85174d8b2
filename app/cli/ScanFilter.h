// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace hfcache {

// One `--filter` expression with `hf cache ls` semantics: KEY OP VALUE with keys
// size | accessed | modified | type | refs and ops = != > < >= <= (type and refs: = only).
// Sizes are decimal (`1G`, `500mb`); durations (`30d`, `2w`, `6mo`, `1y`) compare ages:
// `accessed>30d` means last accessed more than 30 days ago.
class ScanFilter
{
public:
    // The values a row (a repo, or a revision with --revisions) is filtered on.
    struct Row
    {
        QString type;
        quint64 size = 0;
        qint64 accessed = 0;  // seconds since the epoch
        qint64 modified = 0;
        QStringList refs;
    };

    [[nodiscard]] static std::optional<ScanFilter> parse(const QString &expression, QString *error);
    // "500M", "1G", "16gb", "1.5T": decimal units; a plain number is bytes. nullopt: not a size.
    [[nodiscard]] static std::optional<qint64> parseSize(const QString &text);
    bool matches(const Row &row, qint64 now) const;

private:
    enum class Key { Size, Accessed, Modified, Type, Refs };
    enum class Op { Eq, Ne, Gt, Lt, Ge, Le };
    template<typename T>
    bool compare(T left, T right) const;

    Key m_key = Key::Size;
    Op m_op = Op::Eq;
    qint64 m_number = 0;  // bytes or seconds
    QString m_text;
};

} // namespace hfcache
