// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DeleteFlow.h"

#include "CliOptions.h"
#include "CliApplication.h"
#include "CliOutput.h"
#include "maintain/DeleteExecutor.h"
#include "maintain/ProcInUseChecker.h"
#include "util/HumanFormat.h"
#include "util/JsonWriter.h"
#include "util/PathText.h"

#include <cstdio>
#include <optional>
#include <unistd.h>

namespace hfcache {

namespace {

void writeNotes(JsonWriter &json, const char *key, const QList<DeleteNote> &notes)
{
    json.key(key);
    json.beginArray();
    for (const DeleteNote &note : notes) {
        json.beginObject();
        json.field("path", note.path);
        json.field("reason", note.reason);
        json.endObject();
    }
    json.endArray();
}

QString notesText(const QString &title, const QByteArray &root, const QList<DeleteNote> &notes)
{
    QString text;
    for (const DeleteNote &note : notes)
        text += QStringLiteral("%1 %2: %3\n").arg(title, PathText::display(root + '/' + note.path), note.reason);
    return text;
}

void writeJson(const DeletePlan &plan, const DeleteResult &result, bool dryRun, bool executed, CliContext &context)
{
    JsonWriter json(context.output.outStream());
    json.beginObject();
    json.field("dry_run", dryRun);
    json.key("plan");
    plan.writeJson(json);
    json.field("refused", result.refused);
    json.key("unknown_use");
    if (result.unknownUse.isEmpty())
        json.null();
    else
        json.value(result.unknownUse);
    writeNotes(json, "refusals", result.refusals);
    writeNotes(json, "kept", result.kept);
    writeNotes(json, "forced", result.forced);
    json.key("result");
    if (!executed) {
        json.null();
    } else {
        json.beginObject();
        json.field("items_done", result.itemsDone);
        json.field("entries_removed", result.removed);
        json.field("entries_already_gone", result.alreadyGone);
        json.field("bytes_freed", result.bytesFreed);
        json.key("failures");
        json.beginArray();
        for (const DeleteFailure &failure : result.failures) {
            json.beginObject();
            json.field("item", failure.item);
            json.field("path", failure.path);
            json.field("error", failure.error);
            json.key("left");
            json.beginArray();
            for (const QString &line : failure.left)
                json.value(line);
            json.endArray();
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }
    json.endObject();
}

bool confirm(const DeletePlan &plan, CliContext &context)
{
    context.output.error(QStringLiteral("Delete %1 item(s), freeing %2? [y/N] ")
                           .arg(plan.items.size()).arg(HumanFormat::size(plan.bytesFreed())));
    context.output.flush();
    char answer[64] = {};
    if (!std::fgets(answer, sizeof answer, stdin))
        return false;
    const QByteArray text = QByteArray(answer).trimmed().toLower();
    return text == "y" || text == "yes";
}

DeleteExecutor::Options executorOptions(const QCommandLineParser &parser, DeleteFlow::Mode mode, const InUseChecker *inUse)
{
    DeleteExecutor::Options options;
    options.force = mode == DeleteFlow::Mode::Rm && parser.isSet(QStringLiteral("force"));
    options.skipHeldLocks = mode == DeleteFlow::Mode::Prune;
    options.ignoreUninspected = parser.isSet(QStringLiteral("ignore-uninspected-processes"));
    options.inUse = inUse;
    return options;
}

// The plan as checked: what goes, what stays and why, what is in use and what is refused.
void printChecked(const DeletePlan &plan, const DeleteResult &checked, bool ignoreUninspected, CliContext &context)
{
    if (context.output.json())
        return;  // all of it is in the JSON
    context.output.print(plan.render());
    context.output.print(notesText(QStringLiteral("Kept"), plan.root, checked.kept));
    context.output.print(notesText(QStringLiteral("In use (--force):"), plan.root, checked.forced));
    context.output.error(notesText(QStringLiteral("Refused"), plan.root, checked.refusals));
    if (!checked.unknownUse.isEmpty() && ignoreUninspected)
        context.output.error(QStringLiteral("warning: %1 (--ignore-uninspected-processes)\n").arg(checked.unknownUse));
}

void printRefusal(const DeleteResult &checked, CliContext &context)
{
    if (!checked.refusals.isEmpty())
        CliApplication::printError(context, QStringLiteral("refusing to delete: %1 file(s) or repo(s) in use or locked by a download "
                                                           "(--force deletes files in use; a held blob lock or a running "
                                                           "download is never overridden)")
                                                .arg(checked.refusals.size()));
    else
        CliApplication::printError(context, QStringLiteral("refusing to delete: %1 (run as root to see every process, "
                                                           "or pass --ignore-uninspected-processes)")
                                                .arg(checked.unknownUse));
}

// Without --yes the user confirms on a terminal: nullopt when they did, else the exit status.
std::optional<int> declined(const DeletePlan &plan, const QCommandLineParser &parser, CliContext &context)
{
    if (parser.isSet(CliOptions::yes()))
        return std::nullopt;
    if (!::isatty(STDIN_FILENO)) {
        CliApplication::printError(context, QStringLiteral("refusing to delete without confirmation: stdin is not a "
                                                           "terminal; pass --yes (or --dry-run to preview)"));
        return ExitUsage;
    }
    if (!confirm(plan, context)) {
        context.output.error(QStringLiteral("Nothing deleted.\n"));
        return ExitFindings;
    }
    return std::nullopt;
}

// What the execution did: each failure with what is still there, then (text) the totals.
void printExecuted(const DeletePlan &plan, const DeleteResult &checked, const DeleteResult &result, CliContext &context)
{
    for (const DeleteFailure &failure : result.failures) {
        CliApplication::printError(context, failure.error);
        context.output.error(QStringLiteral("  %1 stopped; still there:\n").arg(failure.item));
        for (const QString &line : failure.left)
            context.output.error(QStringLiteral("    %1\n").arg(line));
    }
    if (context.output.json())
        return;
    context.output.print(notesText(QStringLiteral("Kept"), plan.root, result.kept.mid(checked.kept.size())));
    context.output.print(QStringLiteral("Deleted %1 of %2 item(s), freed %3.\n")
                           .arg(result.itemsDone).arg(plan.items.size()).arg(HumanFormat::size(result.bytesFreed)));
    if (result.alreadyGone > 0)
        context.output.print(QStringLiteral("%1 of the planned entries were already gone: another process (a concurrent "
                                          "rm or prune?) removed them first, and what they freed is not counted above.\n")
                               .arg(result.alreadyGone));
}

} // namespace

void DeleteFlow::addOptions(QCommandLineParser &parser, bool withForce)
{
    parser.addOption(CliOptions::dryRun());
    parser.addOption(CliOptions::yes());
    parser.addOption(CliOptions::json());
    parser.addOption({QStringLiteral("ignore-uninspected-processes"),
                      QStringLiteral("Delete even when processes this user may not inspect (other users', when not root) "
                                     "could have the files open and the kernel cannot tell either (files of other "
                                     "owners); refused otherwise.")});
    if (withForce)
        parser.addOption({QStringLiteral("force"),
                          QStringLiteral("Delete files that processes have open or mapped (never a held blob lock).")});
}

int DeleteFlow::run(const DeletePlan &plan, const QCommandLineParser &parser, CliContext &context, Mode mode)
{
    const bool dryRun = parser.isSet(CliOptions::dryRun());
    const ProcInUseChecker checker;
    const DeleteExecutor::Options options = executorOptions(parser, mode, &checker);
    const DeleteResult checked = DeleteExecutor::check(plan, options);
    printChecked(plan, checked, options.ignoreUninspected, context);
    // Under --json one object says it all, whichever step ended the flow.
    auto finish = [&](const DeleteResult &result, bool executed, int code) {
        if (context.output.json())
            writeJson(plan, result, dryRun, executed, context);
        return code;
    };
    if (checked.refused) {
        printRefusal(checked, context);
        return finish(checked, false, ExitFindings);
    }
    if (plan.isEmpty() || dryRun)
        return finish(checked, false, ExitOk);
    if (const std::optional<int> status = declined(plan, parser, context))
        return finish(checked, false, *status);

    const DeleteResult result = DeleteExecutor::execute(plan, options);
    if (result.refused) {
        context.output.error(notesText(QStringLiteral("Refused"), plan.root, result.refusals));
        CliApplication::printError(context, QStringLiteral("refusing to delete: a file became busy since the check; nothing was changed"));
        return finish(result, false, ExitFindings);
    }
    printExecuted(plan, checked, result, context);
    return finish(result, true, result.ok() ? ExitOk : ExitFindings);
}

} // namespace hfcache
