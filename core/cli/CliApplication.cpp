// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CliApplication.h"

#include "CliLog.h"
#include "CliOutput.h"
#include "CommandTable.h"
#include "cache/CacheLocations.h"
#include "cache/LocalDirScan.h"
#include "util/PathText.h"

#include <QDir>

namespace hfcache {

namespace {

QString globalHelp(const std::vector<std::unique_ptr<CliCommand>> &commands)
{
    QString text = QStringLiteral("Usage: hfcache COMMAND [options]\n\n"
                                  "Manage the Hugging Face Hub cache (~/.cache/huggingface/hub).\n\nCommands:\n");
    for (const auto &command : commands)
        text += QStringLiteral("  %1%2\n").arg(command->name(), -16).arg(command->summary());
    text += QStringLiteral("\nRun 'hfcache COMMAND --help' for the options of a command.\n"
                           "Exit status: 0 success; 1 problems found or work refused (doctor, verify, rm, prune, export, "
                           "check-updates, fetch); 2 usage error or unusable cache folder.");
    return text;
}

} // namespace

void CliApplication::printError(CliContext &context, const QString &message)
{
    CliOutput::writeLine(context.err, QStringLiteral("hfcache: ") + message);
}

void CliApplication::addCacheDirOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("cache-dir"),
                      QStringLiteral("Hub cache folder (default: resolved like huggingface_hub)."),
                      QStringLiteral("DIR")});
}

void CliApplication::addThreadsOption(QCommandLineParser &parser, const QString &description)
{
    parser.addOption({QStringLiteral("threads"), description, QStringLiteral("N")});
}

bool CliApplication::threads(const QCommandLineParser &parser, CliContext &context, int *threads)
{
    *threads = 0;
    if (!parser.isSet(QStringLiteral("threads")))
        return true;
    bool ok = false;
    *threads = parser.value(QStringLiteral("threads")).toInt(&ok);
    if (ok && *threads >= 1 && *threads <= 1024)
        return true;
    printError(context, QStringLiteral("--threads must be a whole number from 1 to 1024, not '%1'")
                            .arg(parser.value(QStringLiteral("threads"))));
    return false;
}

QByteArray CliApplication::cacheDir(const QCommandLineParser &parser)
{
    return absolutePath(parser.isSet(QStringLiteral("cache-dir")) ? parser.value(QStringLiteral("cache-dir"))
                                                                  : CacheLocations::resolve().hubCache);
}

QByteArray CliApplication::absolutePath(const QString &dir)
{
    return PathText::encode(QDir::cleanPath(QDir::current().absoluteFilePath(dir)));
}

bool CliApplication::refuseLocalDir(const QByteArray &root, CliContext &context)
{
    if (!LocalDirScan::isLocalDir(root))
        return false;
    printError(context, QStringLiteral("%1 is a local_dir download folder (`hf download --local-dir`), not a hub cache; "
                                       "'hfcache scan --local-dir', 'export --local-dir' and 'locks --local-dir' read it")
                            .arg(PathText::display(root)));
    return true;
}

CacheSnapshotPtr CliApplication::scanCacheDir(const QCommandLineParser &parser, CliContext &context,
                                              const ScanOptions &options)
{
    const QByteArray root = cacheDir(parser);
    if (refuseLocalDir(root, context))
        return nullptr;
    ScanError error;
    CacheSnapshotPtr snapshot = CacheScan::run(root, options, {}, nullptr, &error);
    if (!snapshot)
        printError(context, error.message());
    return snapshot;
}

int CliApplication::run(const QStringList &arguments, CliContext &context)
{
    const auto commands = allCommands();
    const QString first = arguments.value(1);
    if (first == QLatin1String("--version") || first == QLatin1String("-V")) {
        CliOutput::writeLine(context.out, QStringLiteral("hfcache %1").arg(QLatin1String(HFCACHE_VERSION)));
        return ExitOk;
    }
    if (first.isEmpty() || first == QLatin1String("--help") || first == QLatin1String("-h")
        || first == QLatin1String("help")) {
        CliOutput::writeLine(first.isEmpty() ? context.err : context.out, globalHelp(commands));
        return first.isEmpty() ? ExitUsage : ExitOk;
    }
    for (const auto &command : commands) {
        if (command->name() != first)
            continue;
        QCommandLineParser parser;
        parser.setApplicationDescription(command->summary());
        parser.addHelpOption();
        command->addOptions(parser);
        if (!command->argumentsSyntax().isEmpty())
            parser.addPositionalArgument(command->argumentsSyntax(), QString());
        QStringList rest = arguments.mid(1);
        rest[0] = QStringLiteral("hfcache ") + first;
        if (!parser.parse(rest)) {
            printError(context, parser.errorText());
            return ExitUsage;
        }
        if (parser.isSet(QStringLiteral("help"))) {
            // QCommandLineParser names the binary by its path; users type "hfcache COMMAND".
            QString help = parser.helpText();
            help.replace(0, help.indexOf(QLatin1Char('[')), QStringLiteral("Usage: hfcache %1 ").arg(first));
            CliOutput::writeLine(context.out, help.trimmed());
            return ExitOk;
        }
        // An empty HF_HUB_CACHE (HF_HOME, HF_TOKEN_PATH...) silently means "the current folder" to
        // huggingface_hub and to every command here: said before each of them runs.
        for (const QString &warning : CacheLocations::resolve().warnings)
            printError(context, QStringLiteral("warning: ") + warning);
        qCDebug(lcCli) << "running" << first << rest.mid(1);
        return command->run(parser, context);
    }
    printError(context, QStringLiteral("unknown command '%1' (see 'hfcache --help')").arg(first));
    return ExitUsage;
}

} // namespace hfcache
