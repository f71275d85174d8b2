// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CliOutput.h"

#include "util/PathText.h"

namespace hfcache {

void CliOutput::write(FILE *stream, const QString &text)
{
    const QByteArray bytes = PathText::terminalText(text).toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
}

void CliOutput::writeLine(FILE *stream, const QString &text)
{
    write(stream, text + QLatin1Char('\n'));
}

void CliOutput::writeControl(FILE *stream, const char *sequence)
{
    std::fputs(sequence, stream);
}

} // namespace hfcache
