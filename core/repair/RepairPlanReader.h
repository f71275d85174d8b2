// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include "RepairPlan.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace hfcache {

// Reads exactly RepairPlan's JSON, strictly: RFC 8259 syntax, the plan's keys and types only,
// no duplicate keys, strings decoded straight to raw bytes (UTF-8, "\udcXX" for other bytes, as
// PathText writes them). It replaces QJsonDocument in hfcache-helper, where building and
// freeing a tree that nobody keeps was a quarter of a 100k-entry repair.
class RepairPlanReader
{
public:
    explicit RepairPlanReader(const QByteArray &json);

    // False with *error naming the offset or the operation on anything unexpected.
    [[nodiscard]] bool read(RepairPlan *plan, QString *error);

private:
    // A scalar where one is expected; objects, arrays and literals are only recognised (to be refused).
    struct Value
    {
        enum class Type { String, Integer, OtherNumber, Other } type = Type::Other;
        QByteArray bytes;  // String
        qint64 integer = 0;  // Integer (no fraction, no exponent, fits 53 bits)
    };

    static bool isId(const Value &value);
    void skipSpace();
    bool expect(char c);
    bool syntaxError(const QString &what);
    bool string(QByteArray *out);
    bool escape(QByteArray *out);
    bool number(Value *value);
    bool value(Value *value);
    bool object(const std::function<bool(const QByteArray &key)> &member);
    bool operations(RepairPlan *plan);
    bool operation(qsizetype index, RepairOperation *op);

    const char *m_begin;
    const char *m_at;
    const char *m_end;
    QString m_error;
    QByteArray m_key;  // reused: no allocation per key of a million operations
    Value m_value;
};

} // namespace hfcache
