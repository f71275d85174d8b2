// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "RepairBatch.h"

#include "util/PathText.h"

#include <QFile>

#include <algorithm>
#include <fcntl.h>
#include <pwd.h>

namespace hfcache {

RepairBatch::RepairBatch(std::shared_ptr<RepairRun> hub)
{
    Part part;
    part.root = hub->root();
    part.kinds << QStringLiteral("hub");
    const qsizetype rows = hub->rowCount();
    const qsizetype helperRows = hub->helperPart().operations.size();
    part.hub = std::move(hub);
    addPart(std::move(part), rows, helperRows);
}

RepairBatch::RepairBatch(const QList<QByteArray> &homes, const QList<KindLocation> &locations, const RepairRecipe &recipe,
                         const RepairInvoker &invoker, bool withHomeFolder)
    : m_recipe(recipe), m_invoker(invoker)
{
    QList<KindLocation> others;
    for (const KindLocation &location : locations)
        (location.kindId == QLatin1String("hub") ? m_hubLocations : others) << location;
    m_home = std::make_shared<HomeRepair>(homes, others, recipe, invoker, withHomeFolder);
}

void RepairBatch::addPart(Part part, qsizetype rows, qsizetype helperRows)
{
    part.firstRow = m_rowCount;
    part.rows = rows;
    part.helperRows = helperRows;
    m_rowCount += rows;
    m_parts << std::move(part);
}

bool RepairBatch::plan(QString *error)
{
    if (!m_home)
        return true;  // a hub cache's RepairRun comes planned
    m_parts.clear();
    m_rowCount = 0;
    for (const KindLocation &location : std::as_const(m_hubLocations)) {
        const QByteArray path = RepairRun::canonicalRoot(QFile::encodeName(location.path));
        EntryStat stat;
        if (!EntryStat::lstatAt(AT_FDCWD, path, &stat) || !stat.isDirectory())
            continue;  // no hub cache there: nothing to repair
        auto run = std::make_shared<RepairRun>(path, m_recipe, m_invoker);
        if (!run->plan(error))
            return false;
        Part part;
        part.root = path;
        part.kinds << location.kindId;
        const qsizetype rows = run->rowCount();
        const qsizetype helperRows = run->helperPart().operations.size();
        part.hub = std::move(run);
        addPart(std::move(part), rows, helperRows);
    }
    if (!m_home->plan(error))
        return false;
    for (qsizetype i = 0; i < m_home->roots().size(); ++i) {
        const HomeRepair::Root &root = m_home->roots().at(i);
        Part part;
        part.root = root.path;
        part.kinds = root.kinds;
        part.refused = root.refused;
        part.homeIndex = i;
        addPart(std::move(part), root.rowCount(), root.helper.operations.size());
    }
    return true;
}

qsizetype RepairBatch::helperRowCount() const
{
    qsizetype rows = 0;
    for (const Part &part : m_parts)
        rows += part.helperRows;
    return rows;
}

const RepairBatch::Part &RepairBatch::partOf(qsizetype row) const
{
    const auto it = std::upper_bound(m_parts.cbegin(), m_parts.cend(), row,
                                     [](qsizetype r, const Part &part) { return r < part.firstRow + part.rows; });
    return *it;
}

const RepairOperation &RepairBatch::operation(qsizetype row) const
{
    const Part &part = partOf(row);
    const qsizetype local = row - part.firstRow;
    return part.hub ? part.hub->operation(local) : m_home->roots().at(part.homeIndex).operation(local);
}

bool RepairBatch::isHelperRow(qsizetype row) const
{
    const Part &part = partOf(row);
    return row - part.firstRow < part.helperRows;
}

const HomeRepair::TokenTrap &RepairBatch::tokenTrap() const
{
    static const HomeRepair::TokenTrap none;
    return m_home ? m_home->tokenTrap() : none;
}

bool RepairBatch::tokenTrapPlanned() const
{
    const HomeRepair::TokenTrap &trap = tokenTrap();
    for (const Part &part : m_parts) {
        if (part.hub || part.root != trap.folder)
            continue;
        for (qsizetype row = part.firstRow; row < part.firstRow + part.rows; ++row) {
            if (operation(row).path == ".")
                return true;
        }
    }
    return false;
}

QString RepairBatch::tokenTrapText(const HomeRepair::TokenTrap &trap, bool planned)
{
    const QString folder = PathText::display(trap.folder);
    const QString advice = QStringLiteral(
        "keep each user's token out of the shared folder: export HF_TOKEN_PATH=$HOME/.config/huggingface/token "
        "(per user; hfcache neither reads nor moves the token)");
    if (!trap.trapped())
        return QStringLiteral("The Hub token lives in the shared %1: the next 'hf auth login' or token refresh "
                              "(huggingface_hub >= 1.16, #4234) makes it 0700; %2.").arg(folder, advice);
    const passwd *pw = ::getpwuid(trap.uid);
    const QString owner = pw ? QString::fromLocal8Bit(pw->pw_name) : QString::number(trap.uid);
    return QStringLiteral("The token trap: %1 is private (%2), as 'hf auth login' or a token refresh of huggingface_hub "
                          ">= 1.16 leaves the token's folder (#4234); %3. It comes back at the next login: %4.")
        .arg(folder, QString::number(trap.mode, 8).rightJustified(4, QLatin1Char('0')),
             planned ? QStringLiteral("this repair gives the group its access back")
                     : QStringLiteral("its owner %1 (or an administrator) must run this repair").arg(owner),
             advice);
}

QList<RepairBatch::PartApplied> RepairBatch::apply(const RepairRun::ResultCallback &onResult) const
{
    QList<PartApplied> applied;
    for (const Part &part : m_parts) {
        if (part.rows == 0)
            continue;
        const auto shifted = [&onResult, first = part.firstRow](qsizetype row, const RepairExecutor::Result &result) {
            onResult(first + row, result);
        };
        PartApplied done;
        done.root = part.root;
        done.inProcessPlanned = part.rows > part.helperRows;
        done.applied = part.hub ? part.hub->apply(shifted) : m_home->apply(part.homeIndex, shifted);
        applied << done;
    }
    return applied;
}

RepairBatch::Rediagnosis RepairBatch::rediagnose() const
{
    Rediagnosis result;
    result.remaining = 0;
    for (const Part &part : m_parts) {
        if (!part.hub)
            continue;
        const RepairRun::Rediagnosis after = part.hub->rediagnose();
        if (!after.diagnosed()) {
            result.remaining = -1;
            result.error = after.error;
            return result;
        }
        result.remaining += after.remaining;
    }
    if (m_home) {
        const QHash<QByteArray, qsizetype> left = m_home->remaining();
        for (const Part &part : m_parts) {
            if (!part.hub && part.refused.isEmpty())
                result.remaining += left.value(part.root);
        }
    }
    return result;
}

} // namespace hfcache
