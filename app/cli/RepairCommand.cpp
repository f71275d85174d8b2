// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RepairCommand.h"

#include "CliOptions.h"
#include "CliApplication.h"
#include "CliOutput.h"
#include "HomeRoots.h"
#include "TextTable.h"
#include "home/CacheKinds.h"
#include "home/HomeEnvironment.h"
#include "repair/HomeRepair.h"
#include "repair/RepairBatch.h"
#include "repair/RepairRun.h"
#include "util/JsonWriter.h"
#include "util/PathText.h"

#include <QDir>
#include <QFile>
#include <QMap>

#include <algorithm>
#include <memory>
#include <vector>

#include <fcntl.h>
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

// What one root's repair planned and did: the hub JSON's keys from "operations" on, and one
// object of --home's "roots".
void writeRootFields(JsonWriter &json, const QList<Row> &rows, bool dryRun, const RepairHelperClient::Outcome *helper,
                     qsizetype remaining, const RepairRun::Rediagnosis *after)
{
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
        json.field("remaining", qint64(remaining));
    }
    if (after && after->handled >= 0) {
        json.key("rediagnosis");
        json.beginObject();
        json.field("handledFindings", after->handled);
        json.field("errors", after->errors);
        json.field("warnings", after->warnings);
        json.endObject();
    }
}

void writeRecipeFields(JsonWriter &json, const RepairRecipe &recipe)
{
    json.field("recipe", recipe.name());
    if (recipe.kind == RepairRecipe::Kind::ShareGroup) {
        json.field("group", qint64(recipe.group));
        json.field("defaultAcl", recipe.defaultAcl);
    }
}

void writeJson(const RepairRun &run, const QList<Row> &rows, bool dryRun, const RepairHelperClient::Outcome *helper,
               const RepairRun::Rediagnosis *after, const CliOutput &output)
{
    JsonWriter json(output.outStream());
    json.beginObject();
    json.field("root", run.snapshot()->root);
    writeRecipeFields(json, run.recipe());
    json.field("dryRun", dryRun);
    writeRootFields(json, rows, dryRun, helper, after ? after->remaining : 0, after);
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

// The rows of a plan, the helper's first (as RepairRun::apply() and HomeRepair::apply() number them).
template <typename Parts>
QList<Row> rowsOf(const Parts &parts)
{
    QList<Row> rows;
    for (qsizetype i = 0; i < parts.rowCount(); ++i)
        rows.append({&parts.operation(i), parts.isHelperRow(i), false, {}});
    return rows;
}

// "Repair of ROOT: RECIPE" ("ROOT (xet, datasets, ...)" for a folder of caches), the table and its counts.
void printPlan(const QString &root, const RepairRecipe &recipe, const QList<Row> &rows, const CliOutput &output)
{
    output.printLine(QStringLiteral("Repair of %1: %2").arg(root, recipeText(recipe)));
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

void printResultRows(const QList<Row> &rows, CliContext &context)
{
    context.output.printLine(QString());
    context.output.printLine(QStringLiteral("Results:"));
    context.output.print(planTable(rows, true));
    for (const Row &row : rows) {
        if (row.applied && row.result.status == Status::Failed)
            CliApplication::printError(context, row.result.error);
    }
}

void printRemaining(qsizetype remaining, CliContext &context)
{
    context.output.printLine(remaining == 0 ? QStringLiteral("Repaired: doctor finds nothing left that this recipe fixes.")
                                            : QStringLiteral("Still to do: %1 change%2 (run 'hfcache repair --dry-run' "
                                                             "with the same options to see them).")
                                                  .arg(remaining)
                                                  .arg(remaining == 1 ? "" : "s"));
}

void printResults(const QList<Row> &rows, const RepairRun::Rediagnosis &after, CliContext &context)
{
    printResultRows(rows, context);
    if (!after.snapshot)
        CliApplication::printError(context, QStringLiteral("cannot scan again: %1").arg(after.error));
    else if (!after.diagnosed())
        CliApplication::printError(context, QStringLiteral("cannot diagnose again: %1").arg(after.error));
    printRemaining(after.remaining, context);
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

// One cache root of `repair --home`, `--kind` or `--root`: a hub cache's RepairRun or a HomeRepair root.
struct RootRepair
{
    QByteArray root;
    QStringList kinds;
    std::shared_ptr<RepairRun> hub;
    qsizetype homeIndex = -1;
    QString refused;  // no kind's marker names it: not repaired
    QList<Row> rows;
    RepairRun::Applied applied;
    RepairRun::Rediagnosis after;  // the hub cache's
    qsizetype remaining = 0;
};

// --home, --kind and --root: the locations to repair (parse step); false on a usage error.
bool chooseLocations(const QCommandLineParser &parser, const HomeEnvironment &env, CliContext &context,
                     QList<KindLocation> *chosen)
{
    const QString onlyKind = parser.value(QStringLiteral("kind"));
    if (!onlyKind.isEmpty() && !CacheKinds::find(onlyKind)) {
        CliApplication::printError(context, QStringLiteral("unknown cache kind '%1' (kinds: %2)").arg(onlyKind, CacheKinds::idList()));
        return false;
    }
    QList<KindLocation> locations;
    if (!HomeRoots::resolve(parser, env, context, &locations))
        return false;
    const bool wholeHome = parser.isSet(QStringLiteral("home"));
    for (const KindLocation &location : std::as_const(locations)) {
        if (wholeHome ? (onlyKind.isEmpty() || location.kindId == onlyKind)
                      : onlyKind.isEmpty() ? location.source == QLatin1String("--root") : location.kindId == onlyKind)
            *chosen << location;
    }
    return true;
}

// What a repair of several roots tells about the token trap and the roots it refused.
struct HomeRepairState
{
    const HomeRepair::TokenTrap &trap;
    bool sharing = false;      // the share-group recipe: the only one the trap concerns
    bool trapPlanned = false;  // HF_HOME's own folder is in a plan
    bool trapLeft = false;     // a private HF_HOME nobody here may give back: not repaired, whatever else is
    qsizetype total = 0;       // changes planned
    qsizetype refused = 0;     // roots no kind's marker names
};

void printHomePlans(const std::vector<RootRepair> &roots, const RepairRecipe &recipe, const HomeRepairState &state,
                    CliContext &context)
{
    for (const RootRepair &root : roots) {
        if (root.refused.isEmpty())
            printPlan(QStringLiteral("%1 (%2)").arg(PathText::display(root.root), root.kinds.join(QStringLiteral(", "))),
                      recipe, root.rows, context.output);
        else
            CliApplication::printError(context, QStringLiteral("not repaired: %1").arg(root.refused));
    }
    if (roots.empty())
        context.output.printLine(QStringLiteral("No cache folder to repair."));
    if (state.sharing && state.trap.applies())
        context.output.printLine(RepairBatch::tokenTrapText(state.trap, state.trapPlanned));
}

void writeHomeJson(const std::vector<RootRepair> &roots, const RepairRecipe &recipe, const HomeRepairState &state,
                   bool applied, CliContext &context)
{
    JsonWriter out(context.output.outStream());
    out.beginObject();
    writeRecipeFields(out, recipe);
    out.field("dryRun", !applied);
    out.key("roots");
    out.beginArray();
    qsizetype remaining = 0;
    for (const RootRepair &root : roots) {
        out.beginObject();
        out.field("root", root.root);
        if (!root.refused.isEmpty())
            out.field("refused", root.refused);
        out.key("kinds");
        out.beginArray();
        for (const QString &kind : root.kinds)
            out.value(kind);
        out.endArray();
        writeRootFields(out, root.rows, !applied, applied && root.applied.helperRan ? &root.applied.helper : nullptr,
                        root.remaining, applied && root.hub ? &root.after : nullptr);
        out.endObject();
        remaining += root.remaining;
    }
    out.endArray();
    const HomeRepair::TokenTrap &trap = state.trap;
    if (state.sharing && trap.applies()) {
        out.key("tokenTrap");
        out.beginObject();
        out.field("folder", trap.folder);
        out.field("mode", QString::number(trap.mode, 8).rightJustified(4, QLatin1Char('0')));
        out.field("trapped", trap.trapped());
        out.field("planned", trap.trapped() && state.trapPlanned);
        out.field("advice", RepairBatch::tokenTrapText(trap, state.trapPlanned));
        out.endObject();
    }
    if (applied)
        out.field("remaining", qint64(remaining));
    out.endObject();
}

// Applies every root's plan, then counts what the recipe would still change: the hub caches by
// their own re-diagnosis, the other kinds from one new scan of them all. Returns the failed rows.
qsizetype applyRoots(std::vector<RootRepair> &roots, const HomeRepair &home, CliContext &context)
{
    const bool json = context.output.json();
    qsizetype failed = 0;
    for (RootRepair &root : roots) {
        QList<Row> &rows = root.rows;
        const auto onResult = [&rows](qsizetype row, const RepairExecutor::Result &result) {
            rows[row].applied = true;
            rows[row].result = result;
        };
        root.applied = root.hub ? root.hub->apply(onResult) : home.apply(root.homeIndex, onResult);
        if (!json && root.applied.helperRan && !root.applied.helper.error.isEmpty())
            printHelperError(root.applied.helper, context);
        if (!json && !root.applied.inProcessError.isEmpty())
            CliApplication::printError(context, root.applied.inProcessError);
        if (root.hub) {
            root.after = root.hub->rediagnose();
            root.remaining = root.after.remaining;
        }
        for (const Row &row : rows)
            failed += !row.applied || row.result.status == Status::Failed;
        if (!json)
            printResultRows(rows, context);
    }
    const QHash<QByteArray, qsizetype> left = home.remaining();
    for (RootRepair &root : roots) {
        if (!root.hub)
            root.remaining = left.value(root.root);
    }
    return failed;
}

// repair --home / --kind / --root: parse, plan (hub caches and the other kinds' folders), print
// the plans, confirm, apply, print the results.
int runHome(const QCommandLineParser &parser, const RepairRecipe &recipe, const RepairInvoker &invoker, CliContext &context)
{
    const HomeEnvironment env;
    QList<KindLocation> chosen;
    if (!chooseLocations(parser, env, context, &chosen))
        return ExitUsage;
    QString error;
    const QString hfHome = QDir::cleanPath(QDir::current().absoluteFilePath(env.hub().hfHome));
    const QString torchHome = QDir::cleanPath(QDir::current().absoluteFilePath(env.torchHome()));
    // The hub caches each their RepairRun, the other kinds one plan per folder (as the window's dialog).
    RepairBatch batch({QFile::encodeName(hfHome), QFile::encodeName(torchHome)}, chosen, recipe, invoker,
                      parser.isSet(QStringLiteral("home")) || parser.value(QStringLiteral("kind")) == QLatin1String("token"));
    if (!batch.plan(&error)) {
        CliApplication::printError(context, error);
        return ExitUsage;
    }
    const HomeRepair &home = batch.home();
    std::vector<RootRepair> roots;
    for (const RepairBatch::Part &part : batch.parts()) {
        RootRepair root;
        root.root = part.root;
        root.kinds = part.kinds;
        root.hub = part.hub;
        root.homeIndex = part.homeIndex;
        root.refused = part.refused;
        root.rows = part.hub ? rowsOf(*part.hub) : rowsOf(home.roots()[part.homeIndex]);
        roots.push_back(std::move(root));
    }

    HomeRepairState state{home.tokenTrap()};
    state.sharing = recipe.kind == RepairRecipe::Kind::ShareGroup;
    state.trapPlanned = batch.tokenTrapPlanned();
    state.trapLeft = state.sharing && state.trap.trapped() && !state.trapPlanned;
    for (const RootRepair &root : roots) {
        state.total += root.rows.size();
        state.refused += !root.refused.isEmpty();
    }
    const bool json = context.output.json();
    if (!json)
        printHomePlans(roots, recipe, state, context);

    const bool dryRun = parser.isSet(CliOptions::dryRun());
    if (state.refused && state.total == 0) {
        if (json)
            writeHomeJson(roots, recipe, state, false, context);
        return ExitUsage;  // nothing else to repair: as for a hub cache that is not one
    }
    if (dryRun || state.total == 0) {
        if (json)
            writeHomeJson(roots, recipe, state, false, context);
        return state.trapLeft && !dryRun ? ExitFindings : ExitOk;
    }
    if (!parser.isSet(CliOptions::yes()) && !confirmed(state.total, context)) {
        CliApplication::printError(context, QStringLiteral("nothing changed (pass --yes to apply without asking)"));
        return ExitFindings;
    }
    const qsizetype failed = applyRoots(roots, home, context);
    qsizetype remaining = 0;
    for (const RootRepair &root : roots)
        remaining += root.remaining;
    if (json)
        writeHomeJson(roots, recipe, state, true, context);
    else
        printRemaining(remaining, context);
    return failed == 0 && remaining == 0 && !state.trapLeft && state.refused == 0 ? ExitOk : ExitFindings;
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
    parser.addOptions({
        {QStringLiteral("home"),
         QStringLiteral("Repair every cache under HF_HOME (and HF_HOME's own folder) and the caches outside it "
                        "(torch), as 'hfcache where' finds them.")},
        {QStringLiteral("kind"), QStringLiteral("Repair one cache kind: %1.").arg(CacheKinds::idList()),
         QStringLiteral("KIND")},
    });
    parser.addOption(HomeRoots::rootOption());
    parser.addOption(CliOptions::dryRun());
    parser.addOption(CliOptions::yes());
    parser.addOption(CliOptions::json());
}

int RepairCommand::run(const QCommandLineParser &parser, CliContext &context) const
{
    if (!parser.positionalArguments().isEmpty()) {
        CliApplication::printError(context, QStringLiteral("repair takes no arguments (did you mean --cache-dir?)"));
        return ExitUsage;
    }
    RepairRecipe recipe;
    QString error;
    if (!parseRecipe(parser, &recipe, &error)) {
        CliApplication::printError(context, error);
        return ExitUsage;
    }
    RepairInvoker invoker;
    if (!RepairRun::invokerOfThisProcess(&invoker, &error)) {
        CliApplication::printError(context, error);
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("home")) || parser.isSet(QStringLiteral("kind")) || parser.isSet(HomeRoots::rootOption()))
        return runHome(parser, recipe, invoker, context);
    const QByteArray given = CliApplication::cacheDir(parser);
    if (CliApplication::refuseLocalDir(given, context))
        return ExitUsage;
    // The root is resolved once: the plan, its table and every step after it name this canonical
    // path, which RepairAuthorization then makes sure nobody else can point elsewhere.
    RepairRun run(given, recipe, invoker);
    if (!run.plan(&error)) {
        const bool hinted = run.failure() == RepairRun::Failure::Scan || run.failure() == RepairRun::Failure::Authorization;
        CliApplication::printError(context, hinted ? error + cacheDirHint(parser, invoker) : error);
        return ExitUsage;
    }
    QList<Row> rows = rowsOf(run);
    const bool json = context.output.json();
    if (!json)
        printPlan(PathText::display(run.snapshot()->root), run.recipe(), rows, context.output);
    if (parser.isSet(CliOptions::dryRun()) || rows.isEmpty()) {
        if (json)
            writeJson(run, rows, true, nullptr, nullptr, context.output);
        return ExitOk;
    }
    if (!parser.isSet(CliOptions::yes()) && !confirmed(rows.size(), context)) {
        CliApplication::printError(context, QStringLiteral("nothing changed (pass --yes to apply without asking)"));
        return ExitFindings;
    }

    const RepairRun::Applied applied = run.apply([&rows](qsizetype row, const RepairExecutor::Result &result) {
        rows[row].applied = true;
        rows[row].result = result;
    });
    if (!json && applied.helperRan && !applied.helper.error.isEmpty())
        printHelperError(applied.helper, context);
    if (!json && !applied.inProcessError.isEmpty())
        CliApplication::printError(context, applied.inProcessError);

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
