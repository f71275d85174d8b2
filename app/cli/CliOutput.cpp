// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CliOutput.h"

#include "util/PathText.h"

namespace hfcache {

CliOutput::CliOutput(FILE *out, FILE *err, bool outIsTerminal, bool errIsTerminal)
    : m_out(out), m_err(err), m_outIsTerminal(outIsTerminal), m_errIsTerminal(errIsTerminal)
{
}

QByteArray CliOutput::terminalBytes(const QString &text)
{
    return PathText::terminalText(text).toUtf8();
}

void CliOutput::write(FILE *stream, const QString &text)
{
    const QByteArray bytes = terminalBytes(text);
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
}

void CliOutput::writeControl(FILE *stream, const char *sequence)
{
    std::fputs(sequence, stream);
}

void CliOutput::print(const QString &text) const
{
    write(m_out, text);
}

void CliOutput::printBytes(const QByteArray &terminalBytes) const
{
    std::fwrite(terminalBytes.constData(), 1, size_t(terminalBytes.size()), m_out);
}

void CliOutput::printLine(const QString &text) const
{
    write(m_out, text + QLatin1Char('\n'));
}

void CliOutput::error(const QString &text) const
{
    write(m_err, text);
}

void CliOutput::errorLine(const QString &text) const
{
    write(m_err, text + QLatin1Char('\n'));
}

void CliOutput::progress(const QString &line) const
{
    writeControl(m_err, "\r");
    write(m_err, line);
    writeControl(m_err, "\033[K");
    std::fflush(m_err);
}

void CliOutput::endProgress() const
{
    writeControl(m_err, "\r\033[K");
}

void CliOutput::newScreen() const
{
    writeControl(m_out, m_outIsTerminal ? "\033[H\033[2J" : "\n");
}

void CliOutput::flush() const
{
    std::fflush(m_out);
    std::fflush(m_err);
}

} // namespace hfcache
