// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "JsonWriter.h"

#include "Parallel.h"
#include "PathText.h"

#include <algorithm>
#include <vector>
#include <cstring>

namespace hfcache {

JsonWriter::JsonWriter(FILE *out, bool pretty) : m_out(out), m_pretty(pretty)
{
    m_buffer.reserve(FlushSize);
}

JsonWriter::JsonWriter(QByteArray *into, int depth, bool pretty)
    : JsonWriter(into, pretty, depth, false, true)
{
    m_buffer.reserve(FlushSize);
}

JsonWriter::JsonWriter(QByteArray *into, const JsonWriter &parent, bool followsValue)
    : JsonWriter(into, parent.m_pretty, parent.m_depth, followsValue, false)
{
}

JsonWriter::JsonWriter(QByteArray *into, bool pretty, int depth, bool needComma, bool afterKey)
    : m_out(nullptr), m_into(into), m_pretty(pretty), m_depth(depth), m_needComma(needComma), m_afterKey(afterKey)
{
}

JsonWriter::~JsonWriter()
{
    if (m_out && m_pretty && m_depth == 0)
        m_buffer.append('\n');
    flush();
}

void JsonWriter::flush()
{
    if (m_into) {
        // Taken as it is when `into` has nothing yet (the usual case: one flush at the end).
        if (m_into->isEmpty())
            m_into->swap(m_buffer);
        else
            m_into->append(m_buffer);
    } else if (!m_buffer.isEmpty()) {
        std::fwrite(m_buffer.constData(), 1, size_t(m_buffer.size()), m_out);
    }
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

void JsonWriter::writeValues(qsizetype count, const std::function<void(JsonWriter &, qsizetype)> &write)
{
    constexpr qsizetype Slice = 512;
    constexpr qsizetype Block = 16 * Slice;  // only a block of slices is held at once
    for (qsizetype blockStart = 0; blockStart < count; blockStart += Block) {
        const qsizetype blockEnd = std::min(blockStart + Block, count);
        std::vector<QByteArray> slices(size_t((blockEnd - blockStart + Slice - 1) / Slice));
        runInSlices(blockEnd - blockStart, Slice, [&](qsizetype begin, qsizetype end) {
            // The first value of all follows whatever came before it; every other one a value.
            JsonWriter part(&slices[size_t(begin / Slice)], *this, m_needComma || begin > 0);
            for (qsizetype i = blockStart + begin; i < blockStart + end; ++i)
                write(part, i);
            part.flush();
        });
        for (const QByteArray &slice : slices)
            appendMade(slice);
        m_needComma = true;
    }
}

QByteArray JsonWriter::sharedFields(const std::function<void(JsonWriter &fields)> &write) const
{
    QByteArray fields;
    JsonWriter writer(&fields, m_pretty, m_depth + 1, true, false);
    write(writer);
    writer.flush();
    return fields;
}

void JsonWriter::rawFields(const QByteArray &fields)
{
    appendMade(fields);
    m_needComma = true;
}

// Bytes another writer made (a value, a slice of values, shared fields): a big piece goes to the
// stream as it is, not copied into the buffer first.
void JsonWriter::appendMade(const QByteArray &bytes)
{
    if (m_out && bytes.size() > FlushSize) {
        flush();
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), m_out);
        return;
    }
    appendRaw(bytes.constData(), bytes.size());
    flushIfFull();
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
    flushIfFull();
}

// A writer into memory keeps its buffer whole until the end: handed over in pieces, it would
// only be copied once more.
void JsonWriter::flushIfFull()
{
    if (m_out && m_buffer.size() > FlushSize)
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

void JsonWriter::rawValue(const QByteArray &json)
{
    beforeValue();
    appendMade(json);
}

} // namespace hfcache
