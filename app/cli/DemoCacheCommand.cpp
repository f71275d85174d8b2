// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DemoCacheCommand.h"

#include "CliApplication.h"
#include "CliOutput.h"
#include "cache/DemoCache.h"

#include <QDir>
#include <QFile>

namespace hfcache {

int DemoCacheCommand::run(const QCommandLineParser &parser, CliContext &context) const
{
    if (parser.positionalArguments().size() != 1) {
        CliApplication::printError(context, QStringLiteral("demo-cache needs exactly one folder: hfcache demo-cache DIR"));
        return ExitUsage;
    }
    const QString dir = QDir::cleanPath(QDir::current().absoluteFilePath(parser.positionalArguments().first()));
    QString error;
    if (!DemoCache::write(QFile::encodeName(dir), &error)) {
        CliApplication::printError(context, error);
        return ExitUsage;
    }
    context.output.print(QStringLiteral("Demo cache written to %1\nTry: hfcache scan --cache-dir %1 --revisions\n")
                                      .arg(dir));
    return ExitOk;
}

} // namespace hfcache
