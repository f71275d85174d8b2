// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QByteArray>
#include <QString>

namespace hfcache {

// File names are bytes; these are the two lossless ways hfcache turns them into text.
namespace PathText {

// For people: UTF-8 decoded; control characters (C0, DEL, C1, bidirectional overrides, line
// separators) are shown as C-style escapes (\n, \t, \x1b, \u009b), bytes that are not UTF-8
// as \xff, and a backslash as \\, so one name is always one line and never reaches a terminal
// as an escape sequence.
QString display(const QByteArray &raw);
// display(raw) is `raw` itself: printable ASCII without a backslash, as nearly every name.
bool isPlainName(const QByteArray &raw);
// The same for a name held as decode()d text.
QString display(const QString &decoded);
// A whole text for a terminal (CliOutput writes through it): display() rules, except that
// '\n' stays a line break. Names inside must have gone through display() to stay on one line.
QString terminalText(const QString &text);
// The same for one line (a table cell): '\n' is escaped too.
QString terminalLine(const QString &text);

// Names as QString (repo ids, ref names): valid UTF-8 decoded, every other byte b kept as the
// lone surrogate U+DC00+b (Python's surrogateescape), so two different names never become
// the same text. encode() gives back the exact bytes.
QString decode(const QByteArray &raw);
QByteArray encode(const QString &decoded);

// For JSON: the Python "surrogateescape" convention (what os.fsdecode and json.dumps produce):
// valid UTF-8 is kept, every other byte b becomes the lone surrogate U+DC00+b, written as
// "\udcXX". os.fsencode(json.loads(...)) gives back the exact bytes.
// Ascii: as json.dump's default ensure_ascii=True writes it (files huggingface_hub writes):
// everything outside printable ASCII as "\uXXXX", surrogate pairs beyond U+FFFF.
enum class JsonEscape { Utf8, Ascii };
void appendJsonString(QByteArray &out, QByteArrayView raw, JsonEscape escape = JsonEscape::Utf8);
// encode() of a string read from such JSON.
inline QByteArray fromJsonString(const QString &decoded) { return encode(decoded); }

bool isValidUtf8(const QByteArray &raw);

} // namespace PathText

} // namespace hfcache
