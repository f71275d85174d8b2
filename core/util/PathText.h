#pragma once

#include <QByteArray>
#include <QString>

namespace hfcache {

// File names are bytes; these are the two lossless ways hfcache turns them into text.
namespace PathText {

// For people: UTF-8 decoded; control characters and bytes that are not UTF-8 are shown as
// C-style escapes (\n, \t, \xff), and a backslash as \\, so one name is always one line.
QString display(const QByteArray &raw);

// For JSON: the Python "surrogateescape" convention (what os.fsdecode and json.dumps produce):
// valid UTF-8 is kept, every other byte b becomes the lone surrogate U+DC00+b, written as
// "\udcXX". os.fsencode(json.loads(...)) gives back the exact bytes.
// Ascii: as json.dump's default ensure_ascii=True writes it (files huggingface_hub writes):
// everything outside printable ASCII as "\uXXXX", surrogate pairs beyond U+FFFF.
enum class JsonEscape { Utf8, Ascii };
void appendJsonString(QByteArray &out, const QByteArray &raw, JsonEscape escape = JsonEscape::Utf8);
QByteArray fromJsonString(const QString &decoded);

bool isValidUtf8(const QByteArray &raw);

} // namespace PathText

} // namespace hfcache
