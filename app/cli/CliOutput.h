// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#pragma once

#include <QString>

#include <cstdio>

namespace hfcache {

// Where a command's words go: stdout for its result, stderr for errors, questions and progress.
// One instance per run (CliContext::output; tests give it memory streams). Every text goes
// through PathText::terminalText, so a control byte in a repo, ref, file or process name (ESC
// sequences, \r, C1 controls) is shown escaped and can never act on the terminal, whichever
// command printed it. JSON goes through a JsonWriter on outStream() instead.
class CliOutput
{
public:
    explicit CliOutput(FILE *out = stdout, FILE *err = stderr, bool outIsTerminal = false, bool errIsTerminal = false);

    // The result, on stdout.
    void print(const QString &text) const;
    void printLine(const QString &text) const;
    // Errors, warnings and questions, on stderr.
    void error(const QString &text) const;
    void errorLine(const QString &text) const;
    // The bytes print() writes for `text`: a big table's lines are made safe and encoded on
    // every core (terminalBytes), then written in order (printBytes).
    static QByteArray terminalBytes(const QString &text);
    void printBytes(const QByteArray &terminalBytes) const;

    // --json was given: the result is JSON on stdout, and nothing else goes there.
    bool json() const { return m_json; }
    void setJson(bool json) { m_json = json; }

    // A progress line on stderr that rewrites itself: only on a terminal and without --json.
    bool showsProgress() const { return m_errIsTerminal && !m_json; }
    void progress(const QString &line) const;
    void endProgress() const;
    // locks --watch: a new screen on a terminal, a blank line between samples elsewhere.
    void newScreen() const;

    bool outIsTerminal() const { return m_outIsTerminal; }
    bool errIsTerminal() const { return m_errIsTerminal; }
    FILE *outStream() const { return m_out; }
    void flush() const;

private:
    // The only raw bytes that reach a terminal: control sequences the CLI itself means.
    static void writeControl(FILE *stream, const char *sequence);
    static void write(FILE *stream, const QString &text);

    FILE *m_out;
    FILE *m_err;
    bool m_outIsTerminal;
    bool m_errIsTerminal;
    bool m_json = false;
};

} // namespace hfcache
