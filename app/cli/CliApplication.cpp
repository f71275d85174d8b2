// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "CliApplication.h"

#include "CliLog.h"
#include "CliOptions.h"
#include "CliOutput.h"
#include "CommandTable.h"
#include "ScanProgress.h"
#include "Suggestion.h"
#include "cache/CacheLocations.h"
#include "cache/LocalDirScan.h"
#include "util/PathText.h"

#include <QDir>
#include <QRegularExpression>

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
    context.output.errorLine(QStringLiteral("hfcache: ") + message);
}

bool CliApplication::threads(const QCommandLineParser &parser, CliContext &context, int *threads)
{
    *threads = 0;
    if (!parser.isSet(CliOptions::threads()))
        return true;
    bool ok = false;
    *threads = parser.value(CliOptions::threads()).toInt(&ok);
    if (ok && *threads >= 1 && *threads <= 1024)
        return true;
    printError(context, QStringLiteral("--threads must be a whole number from 1 to 1024, not '%1'")
                            .arg(parser.value(CliOptions::threads())));
    return false;
}

QByteArray CliApplication::cacheDir(const QCommandLineParser &parser)
{
    return absolutePath(parser.isSet(CliOptions::cacheDir()) ? parser.value(CliOptions::cacheDir())
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
                                              const ScanOptions &options, const CacheScan::RepoCallback &onRepo,
                                              const std::function<bool(const QByteArray &)> &beforeScan)
{
    const QByteArray root = cacheDir(parser);
    if (refuseLocalDir(root, context) || (beforeScan && !beforeScan(root)))
        return nullptr;
    ScanError error;
    CacheSnapshotPtr snapshot = ScanProgress::run(root, options, onRepo, context, &error);
    if (!snapshot)
        printError(context, error.message());
    return snapshot;
}

int CliApplication::run(const QStringList &arguments, CliContext &context)
{
    const auto commands = allCommands();
    const QString first = arguments.value(1);
    if (first == QLatin1String("--version") || first == QLatin1String("-V")) {
        context.output.printLine(QStringLiteral("hfcache %1").arg(QLatin1String(HFCACHE_VERSION)));
        return ExitOk;
    }
    if (first.isEmpty() || first == QLatin1String("--help") || first == QLatin1String("-h")
        || first == QLatin1String("help")) {
        if (first.isEmpty())
            context.output.errorLine(globalHelp(commands));
        else
            context.output.printLine(globalHelp(commands));
        return first.isEmpty() ? ExitUsage : ExitOk;
    }
    QStringList names;
    for (const auto &command : commands) {
        if (command->name() == first)
            return runCommand(*command, arguments.mid(1), context);
        names << command->name();
    }
    const QString suggestion = Suggestion::didYouMean(first, names);
    printError(context, suggestion.isEmpty()
                            ? QStringLiteral("unknown command '%1' (see 'hfcache --help')").arg(first)
                            : QStringLiteral("unknown command '%1' (did you mean %2? see 'hfcache --help')")
                                  .arg(first, suggestion));
    return ExitUsage;
}

int CliApplication::runCommand(const CliCommand &command, QStringList arguments, CliContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(command.summary());
    parser.addHelpOption();
    command.addOptions(parser);
    if (!command.argumentsSyntax().isEmpty())
        parser.addPositionalArgument(command.argumentsSyntax(), QString());
    arguments[0] = QStringLiteral("hfcache ") + command.name();
    if (!parser.parse(arguments)) {
        QString error = parser.errorText();
        const QStringList unknown = parser.unknownOptionNames();
        const QString suggestion = unknown.isEmpty() ? QString()
                                                     : Suggestion::didYouMean(unknown.first(), optionNames(parser),
                                                                              QStringLiteral("--"));
        if (!suggestion.isEmpty())
            error += QStringLiteral(" Did you mean %1?").arg(suggestion);
        printError(context, error);
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        // QCommandLineParser names the binary by its path; users type "hfcache COMMAND".
        QString help = parser.helpText();
        help.replace(0, help.indexOf(QLatin1Char('[')), QStringLiteral("Usage: hfcache %1 ").arg(command.name()));
        context.output.printLine(help.trimmed());
        return ExitOk;
    }
    // An empty HF_HUB_CACHE (HF_HOME, HF_TOKEN_PATH...) silently means "the current folder" to
    // huggingface_hub and to every command here: said before each of them runs.
    for (const QString &warning : CacheLocations::resolve().warnings)
        printError(context, QStringLiteral("warning: ") + warning);
    // --json is the output's mode: the command prints its result as JSON, progress stays off.
    context.output.setJson(parser.optionNames().contains(CliOptions::json().names().constFirst()));
    qCDebug(lcCli) << "running" << command.name() << arguments.mid(1);
    return command.run(parser, context);
}

QStringList CliApplication::optionNames(const QCommandLineParser &parser)
{
    // QCommandLineParser keeps its options to itself; its help lists every one ("  -h, --help",
    // "  --cache-dir <DIR>  ..."), which is the table a suggestion must match anyway.
    static const QRegularExpression name(QStringLiteral("^  (?:-\\w, )?--([a-z0-9][a-z0-9-]*)"),
                                         QRegularExpression::MultilineOption);
    QStringList names;
    for (auto it = name.globalMatch(parser.helpText()); it.hasNext();)
        names << it.next().captured(1);
    return names;
}

} // namespace hfcache
