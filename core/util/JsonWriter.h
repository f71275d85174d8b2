// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QString>

#include <cstdio>
#include <functional>

namespace hfcache {

// A streaming JSON writer: output is produced as it is written (no document tree in memory,
// which matters for a 300k-entry cache) and flushed to a stdio stream in large chunks.
// Strings given as QByteArray are raw file names and are written losslessly (PathText).
class JsonWriter
{
public:
    explicit JsonWriter(FILE *out, bool pretty = true);
    // Writes into `into` the value that goes after a key at `depth` (objects and arrays it is
    // in) of another writer's document, which then takes it with rawValue(): a big part of the
    // output made on another thread meanwhile.
    JsonWriter(QByteArray *into, int depth, bool pretty = true);
    ~JsonWriter();

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(const char *name);

    void value(const QString &text);
    void value(const char *text);
    void value(const QByteArray &rawPath);
    void value(qint64 number);
    void value(quint64 number);
    void value(int number) { value(qint64(number)); }
    void value(bool flag);
    void null();
    // A value written by JsonWriter(into, depth) for this place.
    void rawValue(const QByteArray &json);

    template<typename T>
    void field(const char *name, const T &v)
    {
        key(name);
        value(v);
    }

    // `count` values of the array being written, the i-th by write(part, i): made on every core,
    // each slice into a writer of its own that continues this one's layout, and appended in
    // order, so the bytes are those of writing them one by one. `write` uses only `part`.
    void writeValues(qsizetype count, const std::function<void(JsonWriter &part, qsizetype i)> &write);
    // Fields that many objects of the array being written share, made once: what `write`
    // writes after the first field of such an object, for rawFields() to paste.
    QByteArray sharedFields(const std::function<void(JsonWriter &fields)> &write) const;
    // Fields made by sharedFields() (of this writer or of the one whose writeValues made this
    // one), after at least one field of the object being written.
    void rawFields(const QByteArray &fields);

    void flush();

private:
    // A slice of `parent`'s values, written into `into` (writeValues).
    JsonWriter(QByteArray *into, const JsonWriter &parent, bool followsValue);
    // Either writer into memory: `into` takes the buffer at each flush instead of a stream.
    JsonWriter(QByteArray *into, bool pretty, int depth, bool needComma, bool afterKey);

    // What the buffer holds before it goes to the stream.
    static constexpr qsizetype FlushSize = 1 << 16;

    void beforeValue();
    void flushIfFull();
    void appendMade(const QByteArray &bytes);
    void newline();
    void appendRaw(const char *data, qsizetype size);

    FILE *m_out;
    QByteArray *m_into = nullptr;  // instead of m_out: a writer into memory
    bool m_pretty;
    QByteArray m_buffer;
    int m_depth = 0;
    bool m_needComma = false;
    bool m_afterKey = false;
};

} // namespace hfcache
