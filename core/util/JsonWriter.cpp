// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "JsonWriter.h"

#include "PathText.h"

namespace hfcache {

JsonWriter::JsonWriter(FILE *out, bool pretty) : m_out(out), m_pretty(pretty)
{
    m_buffer.reserve(1 << 16);
}

JsonWriter::JsonWriter(QByteArray *into, int depth, bool pretty)
    : m_out(nullptr), m_into(into), m_pretty(pretty), m_depth(depth), m_afterKey(true)
{
    m_buffer.reserve(1 << 16);
}

JsonWriter::~JsonWriter()
{
    if (m_pretty && m_depth == 0)
        m_buffer.append('\n');
    flush();
}

void JsonWriter::flush()
{
    if (m_into)
        m_into->append(m_buffer);
    else if (!m_buffer.isEmpty())
        std::fwrite(m_buffer.constData(), 1, size_t(m_buffer.size()), m_out);
    m_buffer.clear();
}

void JsonWriter::newline()
{
    if (!m_pretty)
        return;
    m_buffer.append('\n');
    m_buffer.append(m_depth * 2, ' ');
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_needComma)
        m_buffer.append(',');
    if (m_depth > 0)
        newline();
    m_needComma = true;
    if (m_buffer.size() > (1 << 16))
        flush();
}

void JsonWriter::beginObject()
{
    beforeValue();
    m_buffer.append('{');
    ++m_depth;
    m_needComma = false;
}

void JsonWriter::endObject()
{
    --m_depth;
    if (m_needComma)
        newline();
    m_buffer.append('}');
    m_needComma = true;
}

void JsonWriter::beginArray()
{
    beforeValue();
    m_buffer.append('[');
    ++m_depth;
    m_needComma = false;
}

void JsonWriter::endArray()
{
    --m_depth;
    if (m_needComma)
        newline();
    m_buffer.append(']');
    m_needComma = true;
}

void JsonWriter::key(const char *name)
{
    beforeValue();
    PathText::appendJsonString(m_buffer, name);
    m_buffer.append(m_pretty ? ": " : ":");
    m_afterKey = true;
}

void JsonWriter::value(const QString &text)
{
    beforeValue();
    PathText::appendJsonString(m_buffer, PathText::encode(text));  // a decode()d name stays lossless
}

void JsonWriter::value(const char *text)
{
    beforeValue();
    PathText::appendJsonString(m_buffer, text);
}

void JsonWriter::value(const QByteArray &rawPath)
{
    beforeValue();
    PathText::appendJsonString(m_buffer, rawPath);
}

void JsonWriter::value(qint64 number)
{
    beforeValue();
    m_buffer.append(QByteArray::number(number));
}

void JsonWriter::value(quint64 number)
{
    beforeValue();
    m_buffer.append(QByteArray::number(number));
}

void JsonWriter::value(bool flag)
{
    beforeValue();
    m_buffer.append(flag ? "true" : "false");
}

void JsonWriter::null()
{
    beforeValue();
    m_buffer.append("null");
}

void JsonWriter::rawValue(const QByteArray &json)
{
    beforeValue();
    m_buffer.append(json);
}

} // namespace hfcache
