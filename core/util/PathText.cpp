// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "PathText.h"

#include <algorithm>

namespace hfcache::PathText {

namespace {

// Length of the valid UTF-8 sequence starting at data[i], or 0 if the byte there starts none.
int utf8SequenceLength(const unsigned char *data, qsizetype size, qsizetype i)
{
    const unsigned char c = data[i];
    if (c < 0x80)
        return 1;
    int length;
    unsigned char min2 = 0x80, max2 = 0xBF;  // bounds of the second byte (rejects overlongs, surrogates)
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        if (c == 0xE0) min2 = 0xA0;
        if (c == 0xED) max2 = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        if (c == 0xF0) min2 = 0x90;
        if (c == 0xF4) max2 = 0x8F;
    } else {
        return 0;
    }
    if (i + length > size)
        return 0;
    if (data[i + 1] < min2 || data[i + 1] > max2)
        return 0;
    for (int k = 2; k < length; ++k) {
        if ((data[i + k] & 0xC0) != 0x80)
            return 0;
    }
    return length;
}

const char hexDigits[] = "0123456789abcdef";

} // namespace

bool isValidUtf8(const QByteArray &raw)
{
    const auto *data = reinterpret_cast<const unsigned char *>(raw.constData());
    if (std::all_of(data, data + raw.size(), [](unsigned char c) { return c < 0x80; }))
        return true;  // ASCII, as nearly every name: no sequence to decode
    for (qsizetype i = 0; i < raw.size();) {
        const int n = utf8SequenceLength(data, raw.size(), i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

namespace {

// The code point of a valid sequence of `length` bytes.
char32_t codePoint(const unsigned char *data, int length)
{
    if (length == 1)
        return data[0];
    char32_t cp = data[0] & (0xFF >> (length + 1));
    for (int k = 1; k < length; ++k)
        cp = (cp << 6) | (data[k] & 0x3F);
    return cp;
}

// Code points a terminal acts on instead of showing: C1 controls, and the bidirectional and
// line-separator formatting characters that reorder or split what follows.
bool isInvisibleControl(char32_t cp)
{
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0x200E || cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E)
           || (cp >= 0x2066 && cp <= 0x2069);
}

void appendHexByte(QByteArray &out, unsigned char c)
{
    out.append("\\x");
    out.append(hexDigits[c >> 4]);
    out.append(hexDigits[c & 15]);
}

enum class Mode {
    Name,  // display()
    Line,  // a backslash stays itself: the text is made of messages whose names were display()ed already
    Text   // the same, and '\n' stays a line break
};

// A character every mode shows as itself: printable ASCII, but a name's backslash is doubled,
// and a text's line break is kept.
bool isPlain(char16_t c, Mode mode)
{
    if (c >= 0x20 && c < 0x7F)
        return c != '\\' || mode != Mode::Name;
    return c == '\n' && mode == Mode::Text;
}

// Whether every byte is one `mode` shows as itself. A branch-free pass the compiler vectorizes:
// a listing of 100,000 lock files asks it of every name.
template<typename Char>
bool allPlain(const Char *data, qsizetype size, Mode mode)
{
    const Char backslash = mode == Mode::Name ? '\\' : 0;
    const Char lineBreak = mode == Mode::Text ? '\n' : 0x20;
    bool plain = true;
    for (qsizetype i = 0; i < size; ++i) {
        const Char c = data[i];
        plain &= (c >= 0x20 && c < 0x7F && c != backslash) || c == lineBreak;
    }
    return plain;
}

QString escape(const QByteArray &raw, Mode mode)
{
    const auto *data = reinterpret_cast<const unsigned char *>(raw.constData());
    // Nearly every name and line is plain ASCII: one pass to see it, no copy byte by byte.
    if (allPlain(data, raw.size(), mode))
        return QString::fromLatin1(raw);
    QByteArray out;
    out.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size();) {
        // Runs of plain characters are copied in one append.
        qsizetype end = i;
        while (end < raw.size() && isPlain(data[end], mode))
            ++end;
        if (end > i) {
            out.append(raw.constData() + i, end - i);
            i = end;
            continue;
        }
        const int n = utf8SequenceLength(data, raw.size(), i);
        const unsigned char c = data[i];
        if (n > 1) {
            const char32_t cp = codePoint(data + i, n);
            if (isInvisibleControl(cp)) {
                out.append("\\u");
                out.append(QByteArray::number(uint(cp), 16).rightJustified(4, '0'));
            } else {
                out.append(raw.constData() + i, n);
            }
            i += n;
            continue;
        }
        if (n == 1 && c >= 0x20 && c != 0x7F && (c != '\\' || mode != Mode::Name)) {
            out.append(char(c));
        } else if (c == '\\') {
            out.append("\\\\");
        } else if (c == '\n') {
            out.append(mode == Mode::Text ? "\n" : "\\n");
        } else if (c == '\t') {
            out.append("\\t");
        } else if (c == '\r') {
            out.append("\\r");
        } else {
            appendHexByte(out, c);
        }
        ++i;
    }
    return QString::fromUtf8(out);
}

} // namespace

QString display(const QByteArray &raw)
{
    return escape(raw, Mode::Name);
}

bool isPlainName(const QByteArray &raw)
{
    return allPlain(reinterpret_cast<const unsigned char *>(raw.constData()), raw.size(), Mode::Name);
}

QString display(const QString &decoded)
{
    return escape(encode(decoded), Mode::Name);
}

namespace {

// A text that is plain already is returned as it is (shared, not copied): a table of 100,000
// lock files passes every cell and every line through here.
QString escapeText(const QString &text, Mode mode)
{
    if (allPlain(reinterpret_cast<const char16_t *>(text.constData()), text.size(), mode))
        return text;
    return escape(encode(text), mode);
}

} // namespace

QString terminalText(const QString &text)
{
    return escapeText(text, Mode::Text);
}

QString terminalLine(const QString &text)
{
    return escapeText(text, Mode::Line);
}

QString decode(const QByteArray &raw)
{
    if (isValidUtf8(raw))
        return QString::fromUtf8(raw);  // the common case
    const auto *data = reinterpret_cast<const unsigned char *>(raw.constData());
    QString out;
    out.reserve(raw.size());
    qsizetype runStart = 0;
    for (qsizetype i = 0; i < raw.size();) {
        const int n = utf8SequenceLength(data, raw.size(), i);
        if (n > 0) {
            i += n;
            continue;
        }
        out += QString::fromUtf8(raw.constData() + runStart, i - runStart);
        out += QChar(char16_t(0xDC00 + data[i]));
        runStart = ++i;
    }
    out += QString::fromUtf8(raw.constData() + runStart, raw.size() - runStart);
    return out;
}

void appendJsonString(QByteArray &out, QByteArrayView raw, JsonEscape escape)
{
    const auto *data = reinterpret_cast<const unsigned char *>(raw.constData());
    const auto appendUnit = [&out](uint unit) {
        out.append("\\u");
        for (int shift = 12; shift >= 0; shift -= 4)
            out.append(hexDigits[(unit >> shift) & 15]);
    };
    out.append('"');
    for (qsizetype i = 0; i < raw.size();) {
        // Runs of printable ASCII (nearly every name) are copied in one append.
        qsizetype end = i;
        while (end < raw.size() && data[end] >= 0x20 && data[end] < 0x7f && data[end] != '"' && data[end] != '\\')
            ++end;
        if (end > i) {
            out.append(raw.constData() + i, end - i);
            i = end;
            continue;
        }
        const int n = utf8SequenceLength(data, raw.size(), i);
        const unsigned char c = data[i];
        if (n > 1) {
            if (escape == JsonEscape::Utf8) {
                out.append(raw.constData() + i, n);
            } else {
                uint code = c & (0xff >> (n + 1));
                for (int k = 1; k < n; ++k)
                    code = code << 6 | (data[i + k] & 0x3f);
                if (code > 0xffff) {
                    appendUnit(0xd800 + ((code - 0x10000) >> 10));
                    appendUnit(0xdc00 + ((code - 0x10000) & 0x3ff));
                } else {
                    appendUnit(code);
                }
            }
            i += n;
            continue;
        }
        ++i;
        if (n == 0) {  // surrogateescape: byte b -> U+DC00 + b
            appendUnit(0xdc00 + c);
        } else if (c == '"' || c == '\\') {
            out.append('\\');
            out.append(char(c));
        } else if (c == '\n') {
            out.append("\\n");
        } else if (c == '\t') {
            out.append("\\t");
        } else if (c == '\r') {
            out.append("\\r");
        } else if (c == '\b') {
            out.append("\\b");
        } else if (c == '\f') {
            out.append("\\f");
        } else if (c < 0x20 || escape == JsonEscape::Ascii) {  // DEL is printable to json.dumps only without ensure_ascii
            appendUnit(c);
        } else {
            out.append(char(c));
        }
    }
    out.append('"');
}

QByteArray encode(const QString &decoded)
{
    if (std::none_of(decoded.cbegin(), decoded.cend(), [](QChar ch) { return ch.unicode() >= 0xDC80 && ch.unicode() <= 0xDCFF; }))
        return decoded.toUtf8();  // the common case: no escaped byte
    QByteArray out;
    out.reserve(decoded.size());
    QString run;
    auto flush = [&]() {
        out += run.toUtf8();
        run.clear();
    };
    for (QChar ch : decoded) {
        const ushort u = ch.unicode();
        if (u >= 0xDC80 && u <= 0xDCFF) {
            flush();
            out.append(char(u - 0xDC00));
        } else {
            run.append(ch);
        }
    }
    flush();
    return out;
}

} // namespace hfcache::PathText
