// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "SentenceTransformersKind.h"

#include "cache/FindingCode.h"
#include "cache/RepoFolderName.h"
#include "home/HomeEnvironment.h"
#include "home/KindLocks.h"
#include "home/KindScan.h"
#include "util/PathText.h"

namespace hfcache {

QString SentenceTransformersKind::id() const { return QStringLiteral("sentence_transformers"); }
QString SentenceTransformersKind::displayName() const { return QStringLiteral("sentence-transformers <= 2.2.2 (legacy)"); }
QString SentenceTransformersKind::library() const { return QStringLiteral("sentence-transformers <= 2.2.2"); }

// SentenceTransformer.py:53-63 (v2.2.2): SENTENCE_TRANSFORMERS_HOME, else torch.hub._get_torch_home()/sentence_transformers.
KindLocation SentenceTransformersKind::locate(const HomeEnvironment &env) const
{
    return env.firstSet(id(), {QStringLiteral("SENTENCE_TRANSFORMERS_HOME")}, HomeEnvironment::Expand::None,
                        CacheLocations::joinPath(env.torchHome(), QStringLiteral("sentence_transformers")),
                        env.torchHomeSource());
}

Placement SentenceTransformersKind::classify(KindScan &scan, const WalkedEntry &entry) const
{
    const EntryRole role = entry.stat.isDirectory() ? EntryRole::Folder : EntryRole::Data;
    if (entry.depth() > 0)
        return {role, entry.folderGroup};
    if (!entry.stat.isDirectory()) {
        scan.addFinding(Severity::Info, FindingCode::UnknownEntry, entry.name,
                        QStringLiteral("%1 is not a model folder").arg(PathText::display(entry.name)));
        return {role, -1};
    }
    // sentence-transformers >= 2.3 passes SENTENCE_TRANSFORMERS_HOME to the hub as cache_dir.
    const bool hubRepo = RepoFolderName::parse(entry.name).has_value();
    const qint32 group = scan.group(entry.name, hubRepo ? QStringLiteral("hub-repo") : QStringLiteral("model"));
    if (!hubRepo)  // <org>_<name>: the '/' of the model id became '_' (ambiguous when the org holds one)
        scan.groupAt(group).setDetail(QStringLiteral("model"), PathText::display(entry.name));
    return {role, group};
}

void SentenceTransformersKind::finish(KindScan &scan) const
{
    int models = 0;
    for (const HomeGroup &group : scan.snapshot().groups)
        models += group.type == QLatin1String("model") ? 1 : 0;
    if (models > 0)
        scan.addFinding(Severity::Info, FindingCode::LegacyCache, {},
                        QStringLiteral("%1 model folder(s) of sentence-transformers <= 2.2.2; 2.3 and later read the "
                                       "hub cache and never these (sentence-transformers PR #2412)").arg(models));
}

void SentenceTransformersKind::judgeLocks(KindLocks &locks) const
{
    // ST 2.2.2 util.py:415-495 downloads each file under "<file>.lock" and then removes that lock
    // (check, then os.remove): a worker still waiting on it fails with FileNotFoundError (#2420).
    for (KindLock &lock : locks.locks) {
        const QByteArray name = lock.relativePath.mid(lock.relativePath.lastIndexOf('/') + 1);
        if (lock.group >= 0 && locks.snapshot->groups[lock.group].type == QLatin1String("model"))
            lock.purpose = QStringLiteral("download of %1").arg(PathText::display(name.chopped(5)));
    }
}

} // namespace hfcache
