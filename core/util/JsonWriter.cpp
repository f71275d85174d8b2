// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "JsonWriter.h"

#include "PathText.h"

#include <algorithm>
#include <cstring>

namespace hfcache {

JsonWriter::JsonWriter(FILE *out, bool pretty) : m_out(out), m_pretty(pretty)
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
    if (!m_buffer.isEmpty())
        std::fwrite(m_buffer.constData(), 1, size_t(m_buffer.size()), m_out);
    m_buffer.resize(0);  // keeps the allocation (clear() would free it and it would grow again)
}

// QByteArray::append(const char *, n) goes through a general insert(); within the reserved
// buffer a copy is enough. resize() still grows geometrically past the reservation.
void JsonWriter::appendRaw(const char *data, qsizetype size)
{
    const qsizetype at = m_buffer.size();
    m_buffer.resize(at + size);
    std::memcpy(m_buffer.data() + at, data, size_t(size));
}

void JsonWriter::newline()
{
    if (!m_pretty)
        return;
    // Copied from a run of spaces: append(count, ' ') goes through a general insert, and a
    // listing of 100,000 lock files writes two million indented lines.
    static constexpr char lineAndSpaces[] = "\n                                ";
    constexpr int run = int(sizeof(lineAndSpaces)) - 2;
    int indent = m_depth * 2;
    appendRaw(lineAndSpaces, 1 + std::min(indent, run));
    for (indent -= run; indent > 0; indent -= run)
        appendRaw(lineAndSpaces + 1, std::min(indent, run));
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
    const qsizetype length = qsizetype(std::strlen(name));
    // Keys are words of the format: quoted as they are, in one copy, unless they need escapes.
    if (std::all_of(name, name + length, [](char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; })) {
        const qsizetype at = m_buffer.size();
        m_buffer.resize(at + length + (m_pretty ? 4 : 3));
        char *out = m_buffer.data() + at;
        *out++ = '"';
        std::memcpy(out, name, size_t(length));
        out += length;
        *out++ = '"';
        *out++ = ':';
        if (m_pretty)
            *out = ' ';
    } else {
        PathText::appendJsonString(m_buffer, name);
        m_buffer.append(m_pretty ? ": " : ":");
    }
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

} // namespace hfcache
