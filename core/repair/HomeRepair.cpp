// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeRepair.h"

#include "RepairAuthorization.h"
#include "RepairExecutor.h"
#include "RepairLog.h"

#include "home/HomeScan.h"
#include "util/FdWalk.h"
#include "util/PathPrefix.h"

#include <QFile>
#include <QSet>

#include <algorithm>
#include <fcntl.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace hfcache {

namespace {

const QLatin1String kTokenKind("token");

QByteArray folderOf(const QByteArray &path)
{
    const qsizetype slash = path.lastIndexOf('/');
    return slash <= 0 ? QByteArray("/") : path.left(slash);
}

// Whether the folder's default ACL already gives `gid` rwx (what doctor's no-default-acl checks).
bool defaultAclGrants(const QByteArray &folder, quint32 gid)
{
    QByteArray xattr(4096, '\0');
    const ssize_t size = ::lgetxattr(folder.constData(), "system.posix_acl_default", xattr.data(), size_t(xattr.size()));
    xattr.resize(size > 0 ? size : 0);
    return RepairExecutor::defaultAclGrants(xattr, gid);
}

} // namespace

const RepairOperation &HomeRepair::Root::operation(qsizetype row) const
{
    return isHelperRow(row) ? helper.operations.at(row) : inProcess.operations.at(row - helper.operations.size());
}

HomeRepair::HomeRepair(const QList<QByteArray> &homes, const QList<KindLocation> &locations, const RepairRecipe &recipe,
                       const RepairInvoker &invoker, bool withHomeFolder)
    : m_locations(locations), m_recipe(recipe), m_invoker(invoker), m_withHomeFolder(withHomeFolder)
{
    for (const QByteArray &home : homes)
        m_homes << RepairRun::canonicalRoot(home);
}

QByteArray HomeRepair::kindRoot(const KindLocation &location)
{
    const QByteArray path = QFile::encodeName(location.path);
    return location.kindId == kTokenKind ? RepairRun::canonicalRoot(folderOf(path)) : RepairRun::canonicalRoot(path);
}

HomeRepair::Root &HomeRepair::rootFor(const QByteArray &kindPath, QByteArray *prefix)
{
    QByteArray path = kindPath;
    prefix->clear();
    for (const QByteArray &home : m_homes) {
        if (home.isEmpty() || kindPath == home || !PathPrefix::isSameOrUnder(kindPath, home))
            continue;
        path = home;
        *prefix = kindPath.mid(home.size() + (home.endsWith('/') ? 0 : 1));
        break;
    }
    for (Root &root : m_roots) {
        if (root.path == path)
            return root;
    }
    m_roots.append(Root());
    m_roots.last().path = path;
    return m_roots.last();
}

void HomeRepair::addEntry(Root &root, const QByteArray &path, const EntryStat &stat, bool isLock) const
{
    const bool aclMissing = m_recipe.kind == RepairRecipe::Kind::ShareGroup && m_recipe.defaultAcl
                            && stat.isDirectory()
                            && !defaultAclGrants(path == "." ? root.path : root.path + '/' + path, quint32(m_recipe.group));
    m_recipe.planEntry(root.plan, path, stat, isLock, aclMissing, m_invoker);
}

void HomeRepair::build()
{
    m_roots.clear();
    m_tokenTrap = {};
    QList<KindLocation> canonical;
    for (const KindLocation &location : m_locations) {
        if (location.kindId == QLatin1String("hub"))
            continue;
        KindLocation real = location;
        const QByteArray root = kindRoot(location);
        const QByteArray given = QFile::encodeName(location.path);
        real.path = QFile::decodeName(location.kindId == kTokenKind ? root + given.mid(given.lastIndexOf('/')) : root);
        canonical << real;
    }
    const HomeSnapshotPtr home = HomeScan::run(QFile::decodeName(m_homes.value(0)), canonical);
    QSet<QByteArray> withFolder;  // roots whose own folder is planned
    const auto addHomeFolder = [&](Root &root) {
        EntryStat stat;
        if (!withFolder.contains(root.path) && EntryStat::lstatAt(AT_FDCWD, root.path, &stat))
            addEntry(root, ".", stat, false);
        withFolder.insert(root.path);
    };
    // The token trap first: a private HF_HOME of someone else's is theirs (or root's) to give back,
    // and nothing below it is planned for the invoker meanwhile (the helper would refuse the root).
    QByteArray blocked;
    for (const KindSnapshotPtr &kind : home->kinds) {
        const QByteArray folder = folderOf(QFile::encodeName(kind->location.path));
        EntryStat stat;
        // The token, stored_tokens and their lock are never planned: only the folder's mode, when it
        // is HF_HOME (a per-user HF_TOKEN_PATH folder is private by design).
        if (kind->location.kindId != kTokenKind || !kind->exists || !m_withHomeFolder || folder != m_homes.value(0)
            || !EntryStat::lstatAt(AT_FDCWD, folder, &stat))
            continue;
        m_tokenTrap = {folder, stat.permissions(), stat.uid};
        QByteArray prefix;
        Root &root = rootFor(folder, &prefix);
        root.kinds << kind->location.kindId;
        if (m_tokenTrap.trapped() && stat.uid != m_invoker.uid && !m_invoker.isRoot()) {
            blocked = folder;
            withFolder.insert(folder);
        } else {
            addHomeFolder(root);
        }
    }
    for (const KindSnapshotPtr &kind : home->kinds) {
        if (!kind->exists || !kind->sameFolderAs.isEmpty() || kind->location.kindId == kTokenKind)
            continue;
        const QByteArray kindPath = QFile::encodeName(kind->location.path);
        QByteArray prefix;
        Root &root = rootFor(kindPath, &prefix);
        if (!blocked.isEmpty() && root.path == blocked)
            continue;
        root.kinds << kind->location.kindId;
        addEntry(root, prefix.isEmpty() ? QByteArray(".") : prefix, kind->rootStat, false);
        for (const HomeEntry &entry : kind->entries)
            addEntry(root, prefix.isEmpty() ? entry.path : prefix + '/' + entry.path, entry.stat, entry.role == EntryRole::Lock);
    }
    if (m_withHomeFolder && !m_homes.value(0).isEmpty()) {
        EntryStat stat;
        if (EntryStat::lstatAt(AT_FDCWD, m_homes.value(0), &stat) && stat.isDirectory()) {
            QByteArray prefix;
            addHomeFolder(rootFor(m_homes.value(0), &prefix));
        }
    }
    for (Root &root : m_roots) {
        // Parents first, each path's operations together and in the recipe's order.
        std::stable_sort(root.plan.operations.begin(), root.plan.operations.end(),
                         [](const RepairOperation &a, const RepairOperation &b) { return a.path < b.path; });
        root.plan.root = root.path;
        EntryStat rootStat;
        EntryStat::lstatAt(AT_FDCWD, root.path, &rootStat);
        root.plan.sharedGroup = m_recipe.sharedGroupFor(rootStat, m_invoker);
        RepairRecipe::split(root.plan, m_invoker, &root.inProcess, &root.helper);
    }
}

bool HomeRepair::plan(QString *error)
{
    build();
    for (Root &root : m_roots) {
        if (root.plan.operations.isEmpty())
            continue;
        // The marker first, for the invoker's own part too (the executor checks it again): a root
        // no kind's marker names is left out with the reason, the others are still repaired.
        FdWalk walk;
        const RepairAuthorization marker(root.plan, m_invoker, RepairAuthorization::Mode::Repair);
        QString why;
        if (::access(root.path.constData(), R_OK | X_OK) == 0
            && !(walk.openRoot(root.path, &why) && marker.isHuggingFaceCache(walk.rootFd(), &why))) {
            root.refused = why;
            root.plan.operations.clear();
            root.helper.operations.clear();
            root.inProcess.operations.clear();
            continue;
        }
        if (!RepairRun::authorizeParts(root.plan, root.helper, m_invoker, error))
            return false;
    }
    qCDebug(lcRepair) << "planned" << m_roots.size() << "cache roots for" << m_recipe.name();
    return true;
}

RepairRun::Applied HomeRepair::apply(qsizetype root, const RepairRun::ResultCallback &onResult) const
{
    const Root &part = m_roots.at(root);
    return RepairRun::applyParts(part.helper, part.inProcess, m_invoker, onResult);
}

QHash<QByteArray, qsizetype> HomeRepair::remaining() const
{
    HomeRepair again(m_homes, m_locations, m_recipe, m_invoker, m_withHomeFolder);
    again.build();
    QHash<QByteArray, qsizetype> left;
    for (const Root &root : again.m_roots)
        left.insert(root.path, root.plan.operations.size());
    return left;
}

} // namespace hfcache
