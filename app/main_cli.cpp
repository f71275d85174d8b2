// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "cli/CliApplication.h"
#include "util/PathText.h"

#include <QCoreApplication>

#include <unistd.h>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hfcache"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HFCACHE_VERSION));
    hfcache::CliContext context{hfcache::CliOutput(stdout, stderr, isatty(STDOUT_FILENO), isatty(STDERR_FILENO))};
    // Decoded losslessly (QCoreApplication::arguments() turns every non-UTF-8 byte into U+FFFD):
    // a repo folder name that is not UTF-8 must name that folder and no other.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << hfcache::PathText::decode(QByteArray(argv[i]));
    return hfcache::CliApplication::run(arguments, context);
}
