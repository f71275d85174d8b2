// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RepairCommand.h"

#include "CliApplication.h"
#include "CliOutput.h"
#include "TextTable.h"
#include "cache/CacheScan.h"
#include "repair/RepairAuthorization.h"
#include "repair/RepairExecutor.h"
#include "repair/RepairHelperClient.h"
#include "repair/RepairRecipe.h"
#include "util/FdWalk.h"
#include "util/JsonWriter.h"
#include "util/PathText.h"

#include <QMap>

#include <cstdlib>
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

void print(FILE *out, const QString &text)
{
    CliOutput::writeLine(out, text);
}

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

void printPlanTable(const QList<Row> &rows, bool withResults, FILE *out)
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
    table.print(out);
}

// What doctor reports after the repair: the findings this recipe handles that are left (should
// be none), and the rest it does not touch (an owner outside the shared group, a lock held...).
struct Rediagnosis
{
    int handled = -1;  // -1: no re-diagnosis
    int errors = 0;    // of the findings it does not handle
    int warnings = 0;

    static Rediagnosis of(const Findings &findings, const RepairRecipe &recipe, const QByteArray &root)
    {
        Rediagnosis r;
        r.handled = 0;
        for (const Finding &f : findings) {
            const bool handled = recipe.handles(f, root);
            r.handled += handled;
            r.errors += !handled && f.severity == Severity::Error;
            r.warnings += !handled && f.severity == Severity::Warning;
        }
        return r;
    }
};

void writeJson(const CacheSnapshot &snapshot, const RepairRecipe &recipe, const QList<Row> &rows, bool dryRun,
               const RepairHelperClient::Outcome *helper, qsizetype remaining, const Rediagnosis *after, FILE *out)
{
    JsonWriter json(out);
    json.beginObject();
    json.field("root", snapshot.root);
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
    json.endObject();
}

bool confirmed(qsizetype count, CliContext &context)
{
    CliOutput::write(context.err, QStringLiteral("Apply these %1 changes? [y/N] ").arg(count));
    std::fflush(context.err);
    char answer[16] = {};
    if (!std::fgets(answer, sizeof answer, stdin))
        return false;
    return answer[0] == 'y' || answer[0] == 'Y';
}

} // namespace

QString RepairCommand::summary() const
{
    return QStringLiteral("Repair ownership and permissions (root parts through pkexec or sudo)");
}

void RepairCommand::addOptions(QCommandLineParser &parser) const
{
    CliApplication::addCacheDirOption(parser);
    parser.addOptions({
        {QStringLiteral("mine"), QStringLiteral("Make everything yours (the default).")},
        {QStringLiteral("share-group"),
         QStringLiteral("Share with group G: group G, folders 2775, files and lock files 0664."), QStringLiteral("G")},
        {QStringLiteral("locks-only"), QStringLiteral("Only make lock files and their folders usable by you.")},
        {QStringLiteral("default-acl"),
         QStringLiteral("With --share-group: a default ACL g:G:rwX on every folder, so new files stay "
                        "group-writable whatever the downloader's umask.")},
        {QStringLiteral("dry-run"), QStringLiteral("Show the changes (before -> after) and stop.")},
        {QStringLiteral("yes"), QStringLiteral("Apply without asking.")},
        {QStringLiteral("json"), QStringLiteral("Machine-readable output.")},
    });
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
    // The helper acts only on a canonical root (it walks it from / without following links).
    const QByteArray given = CliApplication::cacheDir(parser);
    if (CliApplication::refuseLocalDir(given, context))
        return ExitUsage;
    // Resolved once: the plan, its table and every step after it name this canonical path, which
    // RepairAuthorization then makes sure nobody else can point elsewhere.
    char *real = ::realpath(given.constData(), nullptr);
    const QByteArray root = real ? QByteArray(real) : given;
    std::free(real);
    // `sudo hfcache repair --mine` means mine, not root's: the user sudo (or pkexec) names is the
    // invoker, and root acts for them only as hfcache-helper would.
    const QByteArray pkexecUid = qgetenv("PKEXEC_UID"), sudoUid = qgetenv("SUDO_UID");
    RepairInvoker invoker = RepairInvoker::current();
    if (::getuid() == 0 && !(pkexecUid.isEmpty() && sudoUid.isEmpty())
        && !RepairInvoker::fromLauncher(pkexecUid.constData(), sudoUid.constData(), &invoker)) {
        CliApplication::printError(context, QStringLiteral("cannot identify the user sudo or pkexec names (PKEXEC_UID=%1 "
                                                           "SUDO_UID=%2)").arg(QString::fromLatin1(pkexecUid),
                                                                               QString::fromLatin1(sudoUid)));
        return ExitUsage;
    }
    // Under sudo, HOME and the HF_* variables are root's: the default cache is root's, not theirs.
    const passwd *pw = ::getpwuid(invoker.uid);
    const QString cacheDirHint = ::geteuid() == 0 && !invoker.isRoot() && !parser.isSet(QStringLiteral("cache-dir"))
                                     ? QStringLiteral(" (under sudo or pkexec, hfcache sees root's environment and so "
                                                      "root's cache: name the cache to repair with --cache-dir, e.g. "
                                                      "--cache-dir %1/.cache/huggingface/hub)")
                                           .arg(pw ? QString::fromLocal8Bit(pw->pw_dir) : QStringLiteral("~"))
                                     : QString();
    ScanError scanError;
    const CacheSnapshotPtr snapshot = CacheScan::run(root, {}, {}, nullptr, &scanError);
    if (!snapshot) {
        CliApplication::printError(context, scanError.message() + cacheDirHint);
        return ExitUsage;
    }
    // What doctor finds, for this recipe's policy and user, decides what changes.
    Findings findings;
    if (!recipe.diagnose(snapshot, invoker, &findings, &error)) {
        CliApplication::printError(context, error);
        return ExitUsage;
    }
    const RepairPlan plan = recipe.build(*snapshot, findings, invoker);
    RepairPlan inProcess, helper;
    RepairRecipe::split(plan, invoker, &inProcess, &helper);
    // Whatever root would do for the invoker (the helper's part, or all of it when we are root for
    // them) is refused before it is shown, as the helper would refuse it; the executor checks it
    // all again on fds. What the invoker does alone, the kernel judges.
    if (!invoker.isRoot() && (!helper.operations.isEmpty() || ::geteuid() == 0)) {
        FdWalk walk;
        RepairAuthorization authorization(plan, invoker, RepairAuthorization::Mode::TakeOwnership);
        if (!walk.openRoot(plan.root, &error) || !authorization.authorizeRoot(walk, &error)
            || !authorization.authorizeScanned(&error)) {
            CliApplication::printError(context, error + cacheDirHint);
            return ExitUsage;
        }
    }
    QList<Row> helperRows, userRows;
    for (const RepairOperation &op : helper.operations)
        helperRows.append({&op, true, false, {}});
    for (const RepairOperation &op : inProcess.operations)
        userRows.append({&op, false, false, {}});
    const bool json = parser.isSet(QStringLiteral("json"));
    const bool dryRun = parser.isSet(QStringLiteral("dry-run"));

    if (!json) {
        print(context.out, QStringLiteral("Repair of %1: %2").arg(PathText::display(snapshot->root), recipeText(recipe)));
        if (plan.operations.isEmpty()) {
            print(context.out, QStringLiteral("Nothing to change."));
            return ExitOk;
        }
        printPlanTable(helperRows + userRows, false, context.out);
        print(context.out, countsText(helperRows + userRows));
    }
    if (dryRun || plan.operations.isEmpty()) {
        if (json)
            writeJson(*snapshot, recipe, helperRows + userRows, true, nullptr, 0, nullptr, context.out);
        return ExitOk;
    }
    if (!parser.isSet(QStringLiteral("yes")) && !confirmed(plan.operations.size(), context)) {
        CliApplication::printError(context, QStringLiteral("nothing changed (pass --yes to apply without asking)"));
        return ExitFindings;
    }

    // Root first: it may make folders the user's own steps have to go through.
    RepairHelperClient::Outcome outcome;
    if (!helper.operations.isEmpty()) {
        outcome = RepairHelperClient::run(helper, RepairAuthorization::requiredMode(helper, invoker),
                                          [&](const RepairExecutor::Result &result) {
            Row &row = helperRows[result.index];
            row.applied = true;
            row.result = result;
        });
        if (!outcome.error.isEmpty() && !json)
            CliApplication::printError(context, outcome.authorizationRefused
                                                    ? QStringLiteral("root changes not made: authorization refused or "
                                                                     "unavailable (%1)").arg(outcome.error)
                                                    : QStringLiteral("hfcache-helper: %1").arg(outcome.error));
    }
    if (!inProcess.operations.isEmpty()) {
        RepairExecutor executor(inProcess, invoker);
        if (executor.preflight(&error)) {
            executor.apply([&](const RepairExecutor::Result &result) {
                userRows[result.index].applied = true;
                userRows[result.index].result = result;
            });
        } else if (!json) {
            CliApplication::printError(context, error);
        }
    }
    const QList<Row> rows = helperRows + userRows;

    // The re-diagnosis: doctor again on a fresh scan; what this recipe would still change.
    const CacheSnapshotPtr after = CacheScan::run(root, {}, {}, nullptr, &scanError);
    Findings left;
    const bool diagnosed = after && recipe.diagnose(after, invoker, &left, &error);
    const qsizetype remaining = diagnosed ? recipe.build(*after, left, invoker).operations.size() : -1;
    const Rediagnosis rediagnosis = diagnosed ? Rediagnosis::of(left, recipe, root) : Rediagnosis{};
    qsizetype failed = 0;
    for (const Row &row : rows)
        failed += !row.applied || row.result.status == Status::Failed;
    if (json) {
        writeJson(*snapshot, recipe, rows, false, helper.operations.isEmpty() ? nullptr : &outcome, remaining,
                  &rediagnosis, context.out);
    } else {
        print(context.out, QString());
        print(context.out, QStringLiteral("Results:"));
        printPlanTable(rows, true, context.out);
        for (const Row &row : rows) {
            if (row.applied && row.result.status == Status::Failed)
                CliApplication::printError(context, row.result.error);
        }
        if (!after)
            CliApplication::printError(context, QStringLiteral("cannot scan again: %1").arg(scanError.message()));
        if (!diagnosed && after)
            CliApplication::printError(context, QStringLiteral("cannot diagnose again: %1").arg(error));
        print(context.out, remaining == 0 ? QStringLiteral("Repaired: doctor finds nothing left that this recipe fixes.")
                                          : QStringLiteral("Still to do: %1 change%2 (run 'hfcache repair --dry-run' "
                                                           "with the same options to see them).")
                                                .arg(remaining)
                                                .arg(remaining == 1 ? "" : "s"));
        if (rediagnosis.errors + rediagnosis.warnings > 0)
            print(context.out, QStringLiteral("Doctor still reports %1 error(s) and %2 warning(s) this recipe does not "
                                              "change (see 'hfcache doctor').")
                                   .arg(rediagnosis.errors).arg(rediagnosis.warnings));
    }
    return failed == 0 && remaining == 0 ? ExitOk : ExitFindings;
}

} // namespace hfcache
