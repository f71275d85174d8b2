// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QString>

#include <cstdio>

namespace hfcache {

// The one way the CLI writes text: everything goes through PathText::terminalText, so a
// control byte in a repo, ref, file or process name (ESC sequences, \r, C1 controls) is shown
// escaped and can never act on the terminal, whichever command printed it. JSON output goes
// through JsonWriter instead.
class CliOutput
{
public:
    static void write(FILE *stream, const QString &text);
    static void writeLine(FILE *stream, const QString &text);
    // A control sequence the CLI itself means (clearing a progress line or the screen): the
    // only raw bytes that reach a terminal.
    static void writeControl(FILE *stream, const char *sequence);
};

} // namespace hfcache
