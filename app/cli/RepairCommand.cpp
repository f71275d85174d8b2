// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RepairCommand.h"

#include "CliOptions.h"
#include "CliApplication.h"
#include "CliOutput.h"
#include "TextTable.h"
#include "repair/RepairRun.h"
#include "util/JsonWriter.h"
#include "util/PathText.h"

#include <QMap>

#include <optional>

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

namespace hfcache {

namespace {

using Status = RepairExecutor::Status;

// One planned change and, once applied, what became of it.
struct Row
{
    const RepairOperation *op = nullptr;
    bool byHelper = false;
    bool applied = false;
    RepairExecutor::Result result;
};

[[nodiscard]] bool parseRecipe(const QCommandLineParser &parser, RepairRecipe *recipe, QString *error)
{
    const bool mine = parser.isSet(QStringLiteral("mine"));
    const bool share = parser.isSet(QStringLiteral("share-group"));
    const bool locks = parser.isSet(QStringLiteral("locks-only"));
    if (int(mine) + int(share) + int(locks) > 1) {
        *error = QStringLiteral("choose one of --mine, --share-group and --locks-only");
        return false;
    }
    if (parser.isSet(QStringLiteral("default-acl")) && !share) {
        *error = QStringLiteral("--default-acl goes with --share-group");
        return false;
    }
    recipe->kind = share ? RepairRecipe::Kind::ShareGroup : locks ? RepairRecipe::Kind::LocksOnly : RepairRecipe::Kind::Mine;
    recipe->defaultAcl = parser.isSet(QStringLiteral("default-acl"));
    if (share) {
        const QString name = parser.value(QStringLiteral("share-group"));
        bool numeric = false;
        const uint id = name.toUInt(&numeric);
        const group *gr = numeric ? ::getgrgid(id) : ::getgrnam(name.toLocal8Bit().constData());
        if (!gr) {
            *error = QStringLiteral("no group '%1'").arg(name);
            return false;
        }
        recipe->group = gr->gr_gid;
    }
    return true;
}

QString recipeText(const RepairRecipe &recipe)
{
    switch (recipe.kind) {
    case RepairRecipe::Kind::Mine:
        return QStringLiteral("make everything yours");
    case RepairRecipe::Kind::ShareGroup: {
        const group *gr = ::getgrgid(gid_t(recipe.group));
        return QStringLiteral("share with group %1%2")
            .arg(gr ? QString::fromLocal8Bit(gr->gr_name) : QString::number(recipe.group),
                 recipe.defaultAcl ? QStringLiteral(", with a default ACL") : QString());
    }
    case RepairRecipe::Kind::LocksOnly:
        break;
    }
    return QStringLiteral("fix lock files only");
}

QString countsText(const QList<Row> &rows)
{
    QMap<QString, int> byKind;
    int helper = 0;
    for (const Row &row : rows) {
        ++byKind[row.op->kindName()];
        helper += row.byHelper;
    }
    QStringList parts;
    for (auto it = byKind.cbegin(); it != byKind.cend(); ++it)
        parts << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
    return QStringLiteral("%1 change%2 (%3): %4 by you, %5 by hfcache-helper as root")
        .arg(rows.size())
        .arg(rows.size() == 1 ? "" : "s")
        .arg(parts.join(QStringLiteral(", ")))
        .arg(rows.size() - helper)
        .arg(helper);
}

QString planTable(const QList<Row> &rows, bool withResults)
{
    TextTable table(withResults ? QStringList{QStringLiteral("CHANGE"), QStringLiteral("PATH"), QStringLiteral("BEFORE"),
                                              QStringLiteral("AFTER"), QStringLiteral("BY"), QStringLiteral("RESULT")}
                                : QStringList{QStringLiteral("CHANGE"), QStringLiteral("PATH"), QStringLiteral("BEFORE"),
                                              QStringLiteral("AFTER"), QStringLiteral("BY")});
    for (const Row &row : rows) {
        QStringList cells{row.op->kindName(), PathText::display(row.op->path), row.op->beforeText(), row.op->afterText(),
                          row.byHelper ? QStringLiteral("root") : QStringLiteral("you")};
        if (withResults)
            cells << (row.applied ? RepairExecutor::statusName(row.result.status) : QStringLiteral("not applied"));
        table.addRow(cells);
    }
    return table.text();
}

void writeJson(const RepairRun &run, const QList<Row> &rows, bool dryRun, const RepairHelperClient::Outcome *helper,
               const RepairRun::Rediagnosis *after, const CliOutput &output)
{
    const RepairRecipe &recipe = run.recipe();
    JsonWriter json(output.outStream());
    json.beginObject();
    json.field("root", run.snapshot()->root);
    json.field("recipe", recipe.name());
    if (recipe.kind == RepairRecipe::Kind::ShareGroup) {
        json.field("group", qint64(recipe.group));
        json.field("defaultAcl", recipe.defaultAcl);
    }
    json.field("dryRun", dryRun);
    json.key("operations");
    json.beginArray();
    for (const Row &row : rows) {
        json.beginObject();
        json.field("op", row.op->kindName());
        json.field("path", row.op->path);
        json.field("before", row.op->beforeText());
        json.field("after", row.op->afterText());
        json.field("by", row.byHelper ? "helper" : "user");
        if (row.applied) {
            json.field("status", RepairExecutor::statusName(row.result.status));
            if (!row.result.error.isEmpty())
                json.field("error", row.result.error);
        }
        json.endObject();
    }
    json.endArray();
    if (helper) {
        json.key("helper");
        json.beginObject();
        json.field("method", RepairHelperClient::methodName(helper->method));
        json.field("ran", helper->ran);
        json.field("exitCode", helper->exitCode);
        json.field("authorizationRefused", helper->authorizationRefused);
        if (!helper->error.isEmpty())
            json.field("error", helper->error);
        json.endObject();
    }
    if (!dryRun) {
        qint64 counts[3] = {0, 0, 0};
        qint64 notApplied = 0;
        for (const Row &row : rows) {
            if (row.applied)
                ++counts[int(row.result.status)];
            else
                ++notApplied;
        }
        json.key("summary");
        json.beginObject();
        json.field("changed", counts[int(Status::Changed)]);
        json.field("unchanged", counts[int(Status::Unchanged)]);
        json.field("failed", counts[int(Status::Failed)]);
        json.field("notApplied", notApplied);
        json.endObject();
        json.field("remaining", qint64(after ? after->remaining : 0));
    }
    if (after && after->handled >= 0) {
        json.key("rediagnosis");
        json.beginObject();
        json.field("handledFindings", after->handled);
        json.field("errors", after->errors);
        json.field("warnings", after->warnings);
        json.endObject();
    }
    json.endObject();
}

bool confirmed(qsizetype count, CliContext &context)
{
    context.output.error(QStringLiteral("Apply these %1 changes? [y/N] ").arg(count));
    context.output.flush();
    char answer[16] = {};
    if (!std::fgets(answer, sizeof answer, stdin))
        return false;
    return answer[0] == 'y' || answer[0] == 'Y';
}

// The rows of the plan, the helper's first (as RepairRun::apply() numbers them).
QList<Row> rowsOf(const RepairRun &run)
{
    QList<Row> rows;
    for (qsizetype i = 0; i < run.rowCount(); ++i)
        rows.append({&run.operation(i), run.isHelperRow(i), false, {}});
    return rows;
}

void printPlan(const RepairRun &run, const QList<Row> &rows, const CliOutput &output)
{
    output.printLine(QStringLiteral("Repair of %1: %2").arg(PathText::display(run.snapshot()->root), recipeText(run.recipe())));
    if (rows.isEmpty()) {
        output.printLine(QStringLiteral("Nothing to change."));
        return;
    }
    output.print(planTable(rows, false));
    output.printLine(countsText(rows));
}

void printHelperError(const RepairHelperClient::Outcome &outcome, CliContext &context)
{
    CliApplication::printError(context, outcome.authorizationRefused
                                            ? QStringLiteral("root changes not made: authorization refused or "
                                                             "unavailable (%1)").arg(outcome.error)
                                            : QStringLiteral("hfcache-helper: %1").arg(outcome.error));
}

void printResults(const QList<Row> &rows, const RepairRun::Rediagnosis &after, CliContext &context)
{
    context.output.printLine(QString());
    context.output.printLine(QStringLiteral("Results:"));
    context.output.print(planTable(rows, true));
    for (const Row &row : rows) {
        if (row.applied && row.result.status == Status::Failed)
            CliApplication::printError(context, row.result.error);
    }
    if (!after.snapshot)
        CliApplication::printError(context, QStringLiteral("cannot scan again: %1").arg(after.error));
    else if (!after.diagnosed())
        CliApplication::printError(context, QStringLiteral("cannot diagnose again: %1").arg(after.error));
    const qsizetype remaining = after.remaining;
    context.output.printLine(remaining == 0 ? QStringLiteral("Repaired: doctor finds nothing left that this recipe fixes.")
                                            : QStringLiteral("Still to do: %1 change%2 (run 'hfcache repair --dry-run' "
                                                             "with the same options to see them).")
                                                  .arg(remaining)
                                                  .arg(remaining == 1 ? "" : "s"));
    if (after.errors + after.warnings > 0)
        context.output.printLine(QStringLiteral("Doctor still reports %1 error(s) and %2 warning(s) this recipe does not "
                                                "change (see 'hfcache doctor').")
                                     .arg(after.errors).arg(after.warnings));
}

// Under sudo, HOME and the HF_* variables are root's: the default cache is root's, not theirs.
QString cacheDirHint(const QCommandLineParser &parser, const RepairInvoker &invoker)
{
    if (::geteuid() != 0 || invoker.isRoot() || parser.isSet(CliOptions::cacheDir()))
        return {};
    const passwd *pw = ::getpwuid(invoker.uid);
    return QStringLiteral(" (under sudo or pkexec, hfcache sees root's environment and so root's cache: name the "
                          "cache to repair with --cache-dir, e.g. --cache-dir %1/.cache/huggingface/hub)")
        .arg(pw ? QString::fromLocal8Bit(pw->pw_dir) : QStringLiteral("~"));
}

// What `repair` is asked for: the parse step (the invoker is who asked, sudo or pkexec seen through).
struct RepairRequest
{
    QByteArray given;  // the cache folder as named
    RepairRecipe recipe;
    RepairInvoker invoker;
};

std::optional<RepairRequest> parseRequest(const QCommandLineParser &parser, CliContext &context)
{
    if (!parser.positionalArguments().isEmpty()) {
        CliApplication::printError(context, QStringLiteral("repair takes no arguments (did you mean --cache-dir?)"));
        return std::nullopt;
    }
    RepairRequest request;
    QString error;
    if (!parseRecipe(parser, &request.recipe, &error)) {
        CliApplication::printError(context, error);
        return std::nullopt;
    }
    request.given = CliApplication::cacheDir(parser);
    if (CliApplication::refuseLocalDir(request.given, context))
        return std::nullopt;
    if (!RepairRun::invokerOfThisProcess(&request.invoker, &error)) {
        CliApplication::printError(context, error);
        return std::nullopt;
    }
    return request;
}

// The apply step: the plan's rows applied (the helper's part first), each row's result kept in
// `rows`; the errors of the helper and of the in-process part printed.
RepairRun::Applied applyRows(RepairRun &run, QList<Row> &rows, CliContext &context)
{
    const RepairRun::Applied applied = run.apply([&rows](qsizetype row, const RepairExecutor::Result &result) {
        rows[row].applied = true;
        rows[row].result = result;
    });
    if (!context.output.json() && applied.helperRan && !applied.helper.error.isEmpty())
        printHelperError(applied.helper, context);
    if (!context.output.json() && !applied.inProcessError.isEmpty())
        CliApplication::printError(context, applied.inProcessError);
    return applied;
}

} // namespace

QString RepairCommand::summary() const
{
    return QStringLiteral("Repair ownership and permissions (root parts through pkexec or sudo)");
}

void RepairCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOption(CliOptions::cacheDir());
    parser.addOptions({
        {QStringLiteral("mine"), QStringLiteral("Make everything yours (the default).")},
        {QStringLiteral("share-group"),
         QStringLiteral("Share with group G: group G, folders 2775, files and lock files 0664."), QStringLiteral("G")},
        {QStringLiteral("locks-only"), QStringLiteral("Only make lock files and their folders usable by you.")},
        {QStringLiteral("default-acl"),
         QStringLiteral("With --share-group: a default ACL g:G:rwX on every folder, so new files stay "
                        "group-writable whatever the downloader's umask.")},
    });
    parser.addOption(CliOptions::dryRun());
    parser.addOption(CliOptions::yes());
    parser.addOption(CliOptions::json());
}

int RepairCommand::run(const QCommandLineParser &parser, CliContext &context) const
{
    const std::optional<RepairRequest> request = parseRequest(parser, context);
    if (!request)
        return ExitUsage;
    // The root is resolved once: the plan, its table and every step after it name this canonical
    // path, which RepairAuthorization then makes sure nobody else can point elsewhere.
    RepairRun run(request->given, request->recipe, request->invoker);
    QString error;
    if (!run.plan(&error)) {
        const bool hinted = run.failure() == RepairRun::Failure::Scan || run.failure() == RepairRun::Failure::Authorization;
        CliApplication::printError(context, hinted ? error + cacheDirHint(parser, request->invoker) : error);
        return ExitUsage;
    }
    QList<Row> rows = rowsOf(run);
    const bool json = context.output.json();
    if (!json)
        printPlan(run, rows, context.output);
    if (parser.isSet(CliOptions::dryRun()) || rows.isEmpty()) {
        if (json)
            writeJson(run, rows, true, nullptr, nullptr, context.output);
        return ExitOk;
    }
    if (!parser.isSet(CliOptions::yes()) && !confirmed(rows.size(), context)) {
        CliApplication::printError(context, QStringLiteral("nothing changed (pass --yes to apply without asking)"));
        return ExitFindings;
    }
    const RepairRun::Applied applied = applyRows(run, rows, context);

    // The re-diagnosis: doctor again on a fresh scan; what this recipe would still change.
    const RepairRun::Rediagnosis after = run.rediagnose();
    qsizetype failed = 0;
    for (const Row &row : rows)
        failed += !row.applied || row.result.status == Status::Failed;
    if (json)
        writeJson(run, rows, false, applied.helperRan ? &applied.helper : nullptr, &after, context.output);
    else
        printResults(rows, after, context);
    return failed == 0 && after.remaining == 0 ? ExitOk : ExitFindings;
}

} // namespace hfcache
