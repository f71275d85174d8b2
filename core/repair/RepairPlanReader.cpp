// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RepairPlanReader.h"

#include "util/PathText.h"

#include <algorithm>
#include <cstring>

namespace hfcache {

namespace {

constexpr qint64 kMaxId = 4294967294;  // (uid_t)-1 means "unchanged" to the kernel: never an id

void appendUtf8(QByteArray *out, char32_t u)
{
    if (u < 0x80) {
        out->append(char(u));
    } else if (u < 0x800) {
        out->append(char(0xC0 | (u >> 6))).append(char(0x80 | (u & 0x3F)));
    } else if (u < 0x10000) {
        out->append(char(0xE0 | (u >> 12))).append(char(0x80 | ((u >> 6) & 0x3F))).append(char(0x80 | (u & 0x3F)));
    } else {
        out->append(char(0xF0 | (u >> 18)))
            .append(char(0x80 | ((u >> 12) & 0x3F)))
            .append(char(0x80 | ((u >> 6) & 0x3F)))
            .append(char(0x80 | (u & 0x3F)));
    }
}

} // namespace

bool RepairPlanReader::isId(const Value &value)
{
    return value.type == Value::Type::Integer && value.integer >= 0 && value.integer <= kMaxId;
}

RepairPlanReader::RepairPlanReader(const QByteArray &json)
    : m_begin(json.constData()), m_at(json.constData()), m_end(json.constData() + json.size())
{
}

void RepairPlanReader::skipSpace()
{
    while (m_at < m_end && (*m_at == ' ' || *m_at == '\n' || *m_at == '\r' || *m_at == '\t'))
        ++m_at;
}

bool RepairPlanReader::syntaxError(const QString &what)
{
    if (m_error.isEmpty())
        m_error = QStringLiteral("malformed plan JSON at offset %1: %2").arg(m_at - m_begin).arg(what);
    return false;
}

bool RepairPlanReader::expect(char c)
{
    skipSpace();
    if (m_at < m_end && *m_at == c) {
        ++m_at;
        return true;
    }
    return syntaxError(m_at < m_end ? QStringLiteral("expected '%1'").arg(QLatin1Char(c))
                                    : QStringLiteral("unexpected end (expected '%1')").arg(QLatin1Char(c)));
}

bool RepairPlanReader::escape(QByteArray *out)
{
    // m_at is just past the backslash.
    if (m_at >= m_end)
        return syntaxError(QStringLiteral("unterminated string"));
    const char c = *m_at++;
    switch (c) {
    case '"': out->append('"'); return true;
    case '\\': out->append('\\'); return true;
    case '/': out->append('/'); return true;
    case 'b': out->append('\b'); return true;
    case 'f': out->append('\f'); return true;
    case 'n': out->append('\n'); return true;
    case 'r': out->append('\r'); return true;
    case 't': out->append('\t'); return true;
    case 'u': break;
    default: return syntaxError(QStringLiteral("invalid escape '\\%1'").arg(QLatin1Char(c)));
    }
    const auto hex4 = [this](char32_t *u) {
        if (m_end - m_at < 4)
            return false;
        *u = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = *m_at++;
            const int digit = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
            if (digit < 0)
                return false;
            *u = *u << 4 | char32_t(digit);
        }
        return true;
    };
    char32_t u;
    if (!hex4(&u))
        return syntaxError(QStringLiteral("invalid \\u escape"));
    if (u >= 0xD800 && u <= 0xDBFF) {  // a pair for a character beyond U+FFFF
        char32_t low;
        if (m_end - m_at < 2 || m_at[0] != '\\' || m_at[1] != 'u' || (m_at += 2, !hex4(&low)) || low < 0xDC00 || low > 0xDFFF)
            return syntaxError(QStringLiteral("unpaired surrogate in \\u escape"));
        appendUtf8(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
    } else if (u >= 0xDC80 && u <= 0xDCFF) {
        out->append(char(u - 0xDC00));  // surrogateescape: one byte that is not UTF-8
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
        return syntaxError(QStringLiteral("unpaired surrogate in \\u escape"));
    } else {
        appendUtf8(out, u);
    }
    return true;
}

bool RepairPlanReader::string(QByteArray *out)
{
    skipSpace();
    if (m_at >= m_end || *m_at != '"')
        return syntaxError(QStringLiteral("expected a string"));
    ++m_at;
    out->resize(0);
    const char *run = m_at;  // unescaped bytes are copied a run at a time, checked as UTF-8
    const auto flush = [&] {
        const QByteArray bytes = QByteArray::fromRawData(run, m_at - run);
        if (!PathText::isValidUtf8(bytes))
            return syntaxError(QStringLiteral("string is not valid UTF-8 (other bytes travel as \\udcXX)"));
        out->append(bytes);
        return true;
    };
    while (m_at < m_end) {
        const unsigned char c = static_cast<unsigned char>(*m_at);
        if (c == '"') {
            if (!flush())
                return false;
            ++m_at;
            return true;
        }
        if (c < 0x20)
            return syntaxError(QStringLiteral("control character in a string"));
        if (c == '\\') {
            if (!flush())
                return false;
            ++m_at;
            if (!escape(out))
                return false;
            run = m_at;
            continue;
        }
        ++m_at;
    }
    return syntaxError(QStringLiteral("unterminated string"));
}

bool RepairPlanReader::number(Value *value)
{
    const char *start = m_at;
    const auto digits = [this] {
        const char *from = m_at;
        while (m_at < m_end && *m_at >= '0' && *m_at <= '9')
            ++m_at;
        return m_at > from;
    };
    if (m_at < m_end && *m_at == '-')
        ++m_at;
    const char *intStart = m_at;
    if (!digits() || (*intStart == '0' && m_at - intStart > 1))
        return syntaxError(QStringLiteral("invalid number"));
    bool integer = true;
    if (m_at < m_end && *m_at == '.') {
        ++m_at;
        integer = false;
        if (!digits())
            return syntaxError(QStringLiteral("invalid number"));
    }
    if (m_at < m_end && (*m_at == 'e' || *m_at == 'E')) {
        ++m_at;
        integer = false;
        if (m_at < m_end && (*m_at == '+' || *m_at == '-'))
            ++m_at;
        if (!digits())
            return syntaxError(QStringLiteral("invalid number"));
    }
    value->type = Value::Type::OtherNumber;
    if (integer && m_at - intStart <= 15) {  // well inside 53 bits
        value->type = Value::Type::Integer;
        value->integer = QByteArray::fromRawData(start, m_at - start).toLongLong();
    }
    return true;
}

bool RepairPlanReader::value(Value *value)
{
    value->type = Value::Type::Other;
    value->bytes.resize(0);  // keeps its buffer for the next string
    skipSpace();
    if (m_at >= m_end)
        return syntaxError(QStringLiteral("unexpected end"));
    if (*m_at == '"') {
        value->type = Value::Type::String;
        return string(&value->bytes);
    }
    if (*m_at == '-' || (*m_at >= '0' && *m_at <= '9'))
        return number(value);
    value->type = Value::Type::Other;
    for (const char *literal : {"true", "false", "null"}) {
        const qsizetype size = qsizetype(std::strlen(literal));
        if (m_end - m_at >= size && std::memcmp(m_at, literal, size_t(size)) == 0) {
            m_at += size;
            return true;
        }
    }
    if (*m_at == '{' || *m_at == '[')
        return true;  // never what a scalar key wants: the caller refuses it by type
    return syntaxError(QStringLiteral("unexpected character"));
}

bool RepairPlanReader::object(const std::function<bool(const QByteArray &key)> &member)
{
    if (!expect('{'))
        return false;
    skipSpace();
    if (m_at < m_end && *m_at == '}') {
        ++m_at;
        return true;
    }
    for (;;) {
        if (!string(&m_key) || !expect(':'))
            return false;
        if (!member(m_key))
            return false;
        skipSpace();
        if (m_at < m_end && *m_at == ',') {
            ++m_at;
            continue;
        }
        return expect('}');
    }
}

bool RepairPlanReader::operation(qsizetype index, RepairOperation *op)
{
    const auto fail = [&](const QString &why) {
        if (m_error.isEmpty())
            m_error = QStringLiteral("malformed plan: operation %1: %2").arg(index).arg(why);
        return false;
    };
    skipSpace();
    if (m_at >= m_end || *m_at != '{')
        return fail(QStringLiteral("not an object"));
    bool hasKind = false, hasPath = false;
    int seen = 0;
    const bool ok = object([&](const QByteArray &key) {
        Value &field = m_value;
        if (!value(&field))
            return false;
        const int bit = key == "op" ? 1 : key == "path" ? 2 : key == "uid" ? 4 : key == "gid" ? 8 : key == "mode" ? 16 : 0;
        if (seen & bit)
            return fail(QStringLiteral("duplicate key '%1'").arg(QString::fromUtf8(key)));
        seen |= bit;
        if (key == "op") {
            hasKind = field.type == Value::Type::String && RepairOperation::kindFromName(field.bytes, &op->kind);
            return hasKind || fail(QStringLiteral("unknown operation '%1'").arg(QString::fromUtf8(field.bytes)));
        }
        if (key == "path") {
            op->path = QByteArray(field.bytes.constData(), field.bytes.size());  // the buffer stays for the next value
            hasPath = field.type == Value::Type::String;
            return hasPath || fail(QStringLiteral("'path' must be a string"));
        }
        if (key == "uid" || key == "gid") {
            (key == "uid" ? op->uid : op->gid) = field.integer;
            return isId(field) || fail(QStringLiteral("'uid' and 'gid' must be ids"));
        }
        if (key == "mode") {
            bool octal = false;
            op->mode = field.bytes.toUInt(&octal, 8);
            return (field.type == Value::Type::String && octal) || fail(QStringLiteral("'mode' must be an octal string like \"0664\""));
        }
        return fail(QStringLiteral("unknown key '%1'").arg(QString::fromUtf8(key)));
    });
    if (!ok)
        return false;
    if (!hasKind)
        return fail(QStringLiteral("no 'op'"));
    return hasPath || fail(QStringLiteral("'path' must be a string"));
}

bool RepairPlanReader::operations(RepairPlan *plan)
{
    if (!expect('['))
        return false;
    skipSpace();
    if (m_at < m_end && *m_at == ']') {
        ++m_at;
        return true;
    }
    for (qsizetype index = 0;; ++index) {
        if (index == RepairPlan::kMaxOperations) {
            m_error = QStringLiteral("plan has more than %1 operations").arg(RepairPlan::kMaxOperations);
            return false;
        }
        RepairOperation op;
        if (!operation(index, &op))
            return false;
        plan->operations.append(std::move(op));
        skipSpace();
        if (m_at < m_end && *m_at == ',') {
            ++m_at;
            continue;
        }
        return expect(']');
    }
}

bool RepairPlanReader::read(RepairPlan *plan, QString *error)
{
    m_error.clear();
    RepairPlan result;
    qint64 version = -1;
    bool hasRoot = false, hasOperations = false;
    skipSpace();
    if (m_at < m_end && *m_at != '{') {
        *error = QStringLiteral("malformed plan: not a JSON object");
        return false;
    }
    Value &field = m_value;
    int seen = 0;
    bool ok = object([&](const QByteArray &key) {
        const int bit = key == "version" ? 1 : key == "root" ? 2 : key == "sharedGroup" ? 4 : key == "operations" ? 8 : 0;
        if (seen & bit) {
            m_error = QStringLiteral("malformed plan: duplicate key '%1'").arg(QString::fromUtf8(key));
            return false;
        }
        seen |= bit;
        if (key == "operations") {
            skipSpace();
            hasOperations = m_at < m_end && *m_at == '[';
            if (!hasOperations)
                m_error = QStringLiteral("malformed plan: 'root' must be a string and 'operations' an array");
            result.operations.reserve(std::min<qsizetype>((m_end - m_at) / 96, RepairPlan::kMaxOperations));  // typical size
            return hasOperations && operations(&result);
        }
        if (!value(&field))
            return false;
        if (key == "version") {
            version = field.type == Value::Type::Integer ? field.integer : -1;
        } else if (key == "root") {
            result.root = QByteArray(field.bytes.constData(), field.bytes.size());
            hasRoot = field.type == Value::Type::String;
        } else if (key == "sharedGroup") {
            result.sharedGroup = field.integer;
            if (!isId(field))
                m_error = QStringLiteral("malformed plan: 'sharedGroup' must be a group id");
            return isId(field);
        } else {
            m_error = QStringLiteral("malformed plan: unknown key '%1'").arg(QString::fromUtf8(key));
            return false;
        }
        return true;
    });
    skipSpace();
    if (ok && m_at != m_end)
        ok = syntaxError(QStringLiteral("more after the plan"));
    if (ok && version != 1)
        m_error = QStringLiteral("unsupported plan version (expected 1)");
    else if (ok && (!hasRoot || !hasOperations))
        m_error = QStringLiteral("malformed plan: 'root' must be a string and 'operations' an array");
    if (!ok || !m_error.isEmpty()) {
        *error = m_error;
        return false;
    }
    *plan = std::move(result);
    return true;
}

} // namespace hfcache
