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
#include <thread>
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

// The fields of one plan's check and execution (rm and prune print one plan, clean one per cache).
// `planJson`: the plan as DeletePlan::writeJson wrote it for this place (PlanOutput).
void writePlanFields(JsonWriter &json, const QByteArray &planJson, const DeleteResult &result, bool executed)
{
    json.key("plan");
    json.rawValue(planJson);
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
}

// One plan: its fields at the top level (rm, prune). Several: {"dry_run", "caches": [...]} (clean).
void writeJson(const QList<QByteArray> &plans, const QList<DeleteResult> &results, bool dryRun, bool executed,
               bool several, CliContext &context)
{
    JsonWriter json(context.output.outStream());
    json.beginObject();
    json.field("dry_run", dryRun);
    if (!several) {
        writePlanFields(json, plans.first(), results.first(), executed);
    } else {
        json.key("caches");
        json.beginArray();
        for (qsizetype i = 0; i < plans.size(); ++i) {
            json.beginObject();
            writePlanFields(json, plans[i], results[i], executed);
            json.endObject();
        }
        json.endArray();
    }
    json.endObject();
}

bool confirm(int items, quint64 bytes, CliContext &context)
{
    context.output.error(QStringLiteral("Delete %1 item(s), freeing %2? [y/N] ").arg(items).arg(HumanFormat::size(bytes)));
    context.output.flush();
    char answer[64] = {};
    if (!std::fgets(answer, sizeof answer, stdin))
        return false;
    const QByteArray text = QByteArray(answer).trimmed().toLower();
    return text == "y" || text == "yes";
}

// Every plan checked and, in text mode, shown with its notes; what the checks add up to.
struct CheckedPlans
{
    QList<DeleteResult> results;
    int items = 0;
    quint64 bytes = 0;
    bool refused = false;
    QString unknownUse;  // the first plan's that has one
    int refusals = 0;
};

// The plans' text or JSON, the bulk of the output: it does not depend on the check, so it is
// made on another core while the plans are checked.
struct PlanOutput
{
    QStringList texts;        // text mode: DeletePlan::render
    QList<QByteArray> jsons;  // JSON mode: DeletePlan::writeJson for the place writePlanFields puts it
    std::jthread making;

    void ready()
    {
        if (making.joinable())
            making.join();
    }
};

void formatPlans(const QList<DeletePlan> &plans, bool json, bool several, PlanOutput &output)
{
    output.texts.resize(plans.size());
    output.jsons.resize(plans.size());
    output.making = std::jthread([&plans, json, several, &output] {
        for (qsizetype i = 0; i < plans.size(); ++i) {
            if (json) {
                // Where the plan goes: {"plan": ...} or {"caches": [{"plan": ...}]}.
                JsonWriter planJson(&output.jsons[i], several ? 3 : 1);
                plans[i].writeJson(planJson);
            } else {
                output.texts[i] = plans[i].render();
            }
        }
    });
}

CheckedPlans checkPlans(const QList<DeletePlan> &plans, const DeleteExecutor::Options &options, PlanOutput &output,
                        CliContext &context)
{
    CheckedPlans checked;
    for (qsizetype i = 0; i < plans.size(); ++i) {
        const DeletePlan &plan = plans[i];
        checked.results.append(DeleteExecutor::check(plan, options));
        const DeleteResult &result = checked.results.last();
        checked.items += int(plan.items.size());
        checked.bytes += plan.bytesFreed();
        checked.refused = checked.refused || result.refused;
        checked.refusals += int(result.refusals.size());
        if (checked.unknownUse.isEmpty())
            checked.unknownUse = result.unknownUse;
        if (!context.output.json()) {
            output.ready();
            context.output.print(output.texts[i]);
            context.output.print(notesText(QStringLiteral("Kept"), plan.root, result.kept));
            context.output.print(notesText(QStringLiteral("In use (--force):"), plan.root, result.forced));
            context.output.error(notesText(QStringLiteral("Refused"), plan.root, result.refusals));
        }
    }
    if (plans.isEmpty() && !context.output.json())
        context.output.print(QStringLiteral("Nothing to delete.\n"));
    return checked;
}

// Why nothing is deleted: files in use or held locks, else processes nobody could inspect.
void printRefusal(const CheckedPlans &checked, CliContext &context)
{
    if (checked.refusals > 0)
        CliApplication::printError(context, QStringLiteral("refusing to delete: %1 file(s) or repo(s) in use or locked by a download "
                                                           "(--force deletes files in use; a held blob lock or a running "
                                                           "download is never overridden)")
                                                .arg(checked.refusals));
    else
        CliApplication::printError(context, QStringLiteral("refusing to delete: %1 (run as root to see every process, "
                                                           "or pass --ignore-uninspected-processes)")
                                                .arg(checked.unknownUse));
}

// Every plan executed, its failures and what it freed printed. False when one was refused or failed.
bool executePlans(const QList<DeletePlan> &plans, const QList<DeleteResult> &checked, const DeleteExecutor::Options &options,
                  CliContext &context, QList<DeleteResult> *results)
{
    bool ok = true;
    for (qsizetype i = 0; i < plans.size(); ++i) {
        const DeletePlan &plan = plans[i];
        results->append(DeleteExecutor::execute(plan, options));
        const DeleteResult &result = results->last();
        if (result.refused) {
            context.output.error(notesText(QStringLiteral("Refused"), plan.root, result.refusals));
            CliApplication::printError(context, QStringLiteral("refusing to delete in %1: a file became busy since the check; "
                                                               "nothing there was changed").arg(PathText::display(plan.root)));
            ok = false;
            continue;
        }
        for (const DeleteFailure &failure : result.failures) {
            CliApplication::printError(context, failure.error);
            context.output.error(QStringLiteral("  %1 stopped; still there:\n").arg(failure.item));
            for (const QString &line : failure.left)
                context.output.error(QStringLiteral("    %1\n").arg(line));
        }
        ok = ok && result.ok();
        if (!context.output.json()) {
            context.output.print(notesText(QStringLiteral("Kept"), plan.root, result.kept.mid(checked[i].kept.size())));
            context.output.print(QStringLiteral("Deleted %1 of %2 item(s), freed %3.\n")
                                   .arg(result.itemsDone).arg(plan.items.size()).arg(HumanFormat::size(result.bytesFreed)));
            if (result.alreadyGone > 0)
                context.output.print(QStringLiteral("%1 of the planned entries were already gone: another process (a concurrent "
                                                  "rm or prune?) removed them first, and what they freed is not counted above.\n")
                                       .arg(result.alreadyGone));
        }
    }
    return ok;
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
    return runPlans({plan}, parser, context, mode, false);
}

int DeleteFlow::runAll(const QList<DeletePlan> &plans, const QCommandLineParser &parser, CliContext &context, Mode mode)
{
    return runPlans(plans, parser, context, mode, true);
}

int DeleteFlow::runPlans(const QList<DeletePlan> &plans, const QCommandLineParser &parser, CliContext &context, Mode mode,
                         bool several)
{
    const bool dryRun = parser.isSet(CliOptions::dryRun());
    const bool json = context.output.json();
    const ProcInUseChecker checker;
    DeleteExecutor::Options options;
    options.force = mode == Mode::Rm && parser.isSet(QStringLiteral("force"));
    options.skipHeldLocks = mode != Mode::Rm;
    options.ignoreUninspected = parser.isSet(QStringLiteral("ignore-uninspected-processes"));
    options.inUse = &checker;

    PlanOutput output;
    formatPlans(plans, json, several, output);
    const CheckedPlans checked = checkPlans(plans, options, output, context);
    output.ready();
    auto finish = [&](const QList<DeleteResult> &results, bool executed, int code) {
        if (json && (!plans.isEmpty() || several))
            writeJson(output.jsons, results, dryRun, executed, several, context);
        return code;
    };
    if (!checked.unknownUse.isEmpty() && options.ignoreUninspected && !json)
        context.output.error(QStringLiteral("warning: %1 (--ignore-uninspected-processes)\n").arg(checked.unknownUse));
    if (checked.refused) {
        printRefusal(checked, context);
        return finish(checked.results, false, ExitFindings);
    }
    if (checked.items == 0 || dryRun)
        return finish(checked.results, false, ExitOk);
    if (!parser.isSet(CliOptions::yes())) {
        if (!::isatty(STDIN_FILENO)) {
            CliApplication::printError(context, QStringLiteral("refusing to delete without confirmation: stdin is not a "
                                                               "terminal; pass --yes (or --dry-run to preview)"));
            return finish(checked.results, false, ExitUsage);
        }
        if (!confirm(checked.items, checked.bytes, context)) {
            context.output.error(QStringLiteral("Nothing deleted.\n"));
            return finish(checked.results, false, ExitFindings);
        }
    }

    QList<DeleteResult> results;
    const bool ok = executePlans(plans, checked.results, options, context, &results);
    if (!several && results.first().refused)
        return finish(results, false, ExitFindings);
    return finish(results, true, ok ? ExitOk : ExitFindings);
}

} // namespace hfcache
