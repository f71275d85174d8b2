// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "ModulesKind.h"

#include "cache/BlobKind.h"
#include "home/HomeEnvironment.h"
#include "home/KindScan.h"
#include "util/PathText.h"

namespace hfcache {

namespace {

const QByteArray TransformersModules = QByteArrayLiteral("transformers_modules");

// How many path components name one module, counted from the modules root, for the layouts of
// datasets <= 3.6 (datasets_modules/datasets/<name>/<hash>), evaluate
// (evaluate_modules/<metrics|comparisons|measurements>/<ns>--<name>/<hash>) and diffusers
// (diffusers_modules/<git|local>/<name>).
int moduleDepth(const QByteArray &library)
{
    return library == "diffusers_modules" ? 3 : 4;
}

} // namespace

QString ModulesKind::id() const { return QStringLiteral("modules"); }
QString ModulesKind::displayName() const { return QStringLiteral("modules (code from the Hub)"); }
QString ModulesKind::library() const { return QStringLiteral("transformers, datasets, evaluate, diffusers"); }

// transformers utils/hub.py: HF_MODULES_CACHE, else $HF_HOME/modules with huggingface_hub's HF_HOME
// (datasets and evaluate agree, config.py:161 / :127).
KindLocation ModulesKind::locate(const HomeEnvironment &env) const
{
    return env.firstSet(id(), {QStringLiteral("HF_MODULES_CACHE")}, HomeEnvironment::Expand::None,
                        CacheLocations::joinPath(env.hub().hfHome, QStringLiteral("modules")), env.hfHomeSource());
}

Placement ModulesKind::classify(KindScan &scan, const WalkedEntry &entry) const
{
    const bool folder = entry.stat.isDirectory();
    const EntryRole role = folder ? EntryRole::Folder : entry.name.endsWith(".lock") ? EntryRole::Lock : EntryRole::Data;
    if (entry.folderGroup >= 0 || entry.depth() == 0)
        return {role, entry.folderGroup};
    const QByteArray &library = entry.parents.first();
    if (library == TransformersModules) {
        // dynamic_module_utils.py: transformers_modules/<org>/<repo>/<commit>/ -- the module ends at the commit.
        if (!folder || !isCommitHash(entry.name))
            return {role, -1};
        const qint32 group = scan.group(entry.path(), QStringLiteral("module"));
        HomeGroup &item = scan.groupAt(group);
        item.setDetail(QStringLiteral("repo"), PathText::display(entry.parentPath(entry.depth())).mid(TransformersModules.size() + 1));
        item.setDetail(QStringLiteral("commit"), QString::fromLatin1(entry.name));
        return {role, group};
    }
    if (entry.depth() + 1 != moduleDepth(library))
        return {role, -1};
    // The module folder and the <folder>.lock beside it (py_utils.py:596-602, evaluate loading.py:369).
    const QByteArray name = !folder && entry.name.endsWith(".lock") ? entry.name.chopped(5) : entry.name;
    const qint32 group = scan.group(entry.parentPath(entry.depth()) + '/' + name, QStringLiteral("module"));
    HomeGroup &item = scan.groupAt(group);
    if (item.details.isEmpty()) {
        item.setDetail(QStringLiteral("library"), PathText::display(library));
        item.setDetail(QStringLiteral("name"), PathText::display(entry.parents.last()));
        item.setDetail(QStringLiteral("hash"), PathText::display(name));
    }
    return {role, group};
}

} // namespace hfcache
