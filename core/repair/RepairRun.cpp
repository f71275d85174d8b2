// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RepairRun.h"

#include "RepairAuthorization.h"

#include "cache/CacheScan.h"
#include "util/FdWalk.h"

#include <unistd.h>

namespace hfcache {

RepairRun::RepairRun(const QByteArray &root, const RepairRecipe &recipe, const RepairInvoker &invoker)
    : m_root(canonicalRoot(root))
    , m_recipe(recipe)
    , m_invoker(invoker)
{
}

bool RepairRun::invokerOfThisProcess(RepairInvoker *invoker, QString *error)
{
    // `sudo hfcache repair --mine` means mine, not root's: the user sudo (or pkexec) names is the
    // invoker, and root acts for them only as hfcache-helper would.
    const QByteArray pkexecUid = qgetenv("PKEXEC_UID"), sudoUid = qgetenv("SUDO_UID");
    *invoker = RepairInvoker::current();
    if (::getuid() != 0 || (pkexecUid.isEmpty() && sudoUid.isEmpty())
        || RepairInvoker::fromLauncher(pkexecUid.constData(), sudoUid.constData(), invoker))
        return true;
    *error = QStringLiteral("cannot identify the user sudo or pkexec names (PKEXEC_UID=%1 SUDO_UID=%2)")
                 .arg(QString::fromLatin1(pkexecUid), QString::fromLatin1(sudoUid));
    return false;
}

QByteArray RepairRun::canonicalRoot(const QByteArray &given)
{
    const QByteArray real = FdWalk::canonicalPath(given);
    return real.isEmpty() ? given : real;
}

CacheSnapshotPtr RepairRun::scan(const CacheSnapshotPtr &scanned, QString *error) const
{
    if (scanned && scanned->root == m_root)
        return scanned;
    ScanError scanError;
    CacheSnapshotPtr snapshot = CacheScan::run(m_root, {}, {}, nullptr, &scanError);
    if (!snapshot)
        *error = scanError.message();
    return snapshot;
}

bool RepairRun::plan(QString *error, const CacheSnapshotPtr &scanned)
{
    m_failure = Failure::Scan;
    m_snapshot = scan(scanned, error);
    if (!m_snapshot)
        return false;
    m_failure = Failure::Diagnose;
    if (!diagnoseAndSplit(error))
        return false;
    m_failure = Failure::Authorization;
    if (!authorizeParts(m_plan, m_helper, m_invoker, error))
        return false;
    m_failure = Failure::None;
    return true;
}

bool RepairRun::diagnoseAndSplit(QString *error)
{
    // What doctor finds, for this recipe's policy and user, decides what changes.
    Findings findings;
    if (!m_recipe.diagnose(m_snapshot, m_invoker, &findings, error))
        return false;
    m_plan = m_recipe.build(*m_snapshot, findings, m_invoker);
    RepairRecipe::split(m_plan, m_invoker, &m_inProcess, &m_helper);
    return true;
}

bool RepairRun::authorizeParts(const RepairPlan &plan, const RepairPlan &helper, const RepairInvoker &invoker,
                               QString *error)
{
    // Whatever root would do for the invoker (the helper's part, or all of it when we are root for
    // them) is refused before it is shown, as the helper would refuse it; the executor checks it
    // all again on fds. What the invoker does alone, the kernel judges.
    if (invoker.isRoot() || (helper.operations.isEmpty() && ::geteuid() != 0))
        return true;
    // A root this user may not list (the case the repair is for): only the helper can look, and
    // it checks everything before the first change.
    if (::geteuid() != 0 && ::access(plan.root.constData(), R_OK | X_OK) != 0)
        return true;
    FdWalk walk;
    RepairAuthorization authorization(plan, invoker, RepairAuthorization::Mode::TakeOwnership);
    return walk.openRoot(plan.root, error) && authorization.authorizeRoot(walk, error)
           && authorization.authorizeScanned(error);
}

const RepairOperation &RepairRun::operation(qsizetype row) const
{
    return isHelperRow(row) ? m_helper.operations.at(row) : m_inProcess.operations.at(row - m_helper.operations.size());
}

RepairRun::Applied RepairRun::apply(const ResultCallback &onResult) const
{
    return applyParts(m_helper, m_inProcess, m_invoker, onResult);
}

RepairRun::Applied RepairRun::applyParts(const RepairPlan &helper, const RepairPlan &inProcess, const RepairInvoker &invoker,
                                         const ResultCallback &onResult)
{
    Applied applied;
    // Root first: it may make folders the invoker's own steps have to go through.
    if (!helper.operations.isEmpty()) {
        applied.helperRan = true;
        applied.helper = RepairHelperClient::run(helper, RepairAuthorization::requiredMode(helper, invoker),
                                                 [&](const RepairExecutor::Result &result) {
            onResult(result.index, result);
        });
    }
    // Whatever became of the helper's part (see the class comment).
    if (!inProcess.operations.isEmpty()) {
        RepairExecutor executor(inProcess, invoker);
        if (executor.preflight(&applied.inProcessError)) {
            const qsizetype offset = helper.operations.size();
            applied.inProcess = executor.apply([&](const RepairExecutor::Result &result) {
                onResult(offset + result.index, result);
            });
        }
    }
    return applied;
}

RepairRun::Rediagnosis RepairRun::rediagnose(const CacheSnapshotPtr &scanned) const
{
    Rediagnosis r;
    r.snapshot = scan(scanned, &r.error);
    Findings left;
    if (!r.snapshot || !m_recipe.diagnose(r.snapshot, m_invoker, &left, &r.error))
        return r;
    r.remaining = m_recipe.build(*r.snapshot, left, m_invoker).operations.size();
    r.handled = 0;
    for (const Finding &f : left) {
        const bool handled = m_recipe.handles(f, m_root);
        r.handled += handled;
        r.errors += !handled && f.severity == Severity::Error;
        r.warnings += !handled && f.severity == Severity::Warning;
    }
    return r;
}

} // namespace hfcache
