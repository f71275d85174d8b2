// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "HomeDoctor.h"

#include "DatasetsOrphans.h"
#include "HfHomePrivacy.h"
#include "StaleTemporaries.h"
#include "TokenTrap.h"
#include "util/PathPrefix.h"

#include <QFile>

namespace hfcache {

namespace {

QList<std::pair<QByteArray, EntryStat>> lockFiles(const KindSnapshot &kind)
{
    QList<std::pair<QByteArray, EntryStat>> locks;
    for (const HomeEntry &entry : kind.entries) {
        if (entry.role == EntryRole::Lock && entry.stat.isRegularFile())
            locks.append({entry.path, entry.stat});
    }
    return locks;
}

} // namespace

bool HomeDoctor::run(const HomeSnapshot &home, const Options &options, HomeDiagnosis *diagnosis, QString *error)
{
    diagnosis->hfHome = QFile::encodeName(home.hfHome);
    const QHash<const KindSnapshot *, Findings> stale = StaleTemporaries::find(home.kinds, options.writtenBefore);
    QList<TokenTrap::SharedRoot> sharedRoots;
    QByteArray tokenPath;
    for (const KindSnapshotPtr &kind : home.kinds) {
        KindDiagnosis result;
        result.kind = kind;
        result.findings = kind->findings;
        const QByteArray root = QFile::encodeName(kind->location.path);
        if (kind->location.kindId == QLatin1String("token"))
            tokenPath = root;
        // The token is a file in a folder other kinds share: it has no root of its own to judge.
        if (kind->exists && kind->sameFolderAs.isEmpty() && kind->rootStat.isDirectory()) {
            result.probed = true;
            result.filesystem = FilesystemFacts::probe(root);
            const bool isXet = kind->location.kindId == QLatin1String("xet");
            if (!(isXet && root == options.xetFilesystemReported))
                result.findings += result.filesystem.findings(root, isXet);
            CacheAudit audit;
            if (!audit.prepare(root, options.audit, error))
                return false;
            const AuditReport &policy = audit.policy();
            result.shared = policy.shared;
            result.sharedDetected = policy.sharedDetected;
            result.sharedGroup = policy.sharedGroup;
            result.findings += audit.auditKindRoot(kind->rootStat, lockFiles(*kind));
            if (isXet)
                result.findings += options.shardLimit.check(*kind);
            if (kind->location.kindId == QLatin1String("datasets"))
                result.findings += DatasetsOrphans::find(*kind, options.hubCache);
            result.findings += stale.value(kind.get());
            if (result.shared)
                sharedRoots.append({root, result.sharedGroup});
        }
        diagnosis->kinds.append(std::move(result));
    }
    if (options.hubCache && !options.hubSharedGroup.isEmpty())
        sharedRoots.append({options.hubCache->root, options.hubSharedGroup});
    diagnosis->findings += TokenTrap::check(tokenPath, sharedRoots);
    // HF_HOME made private over a shared cache the hub cache's audit did not see (it was not
    // below HF_HOME, or not shared): the same rule, said once.
    if (!options.hubReportedPrivateHome) {
        for (const TokenTrap::SharedRoot &shared : std::as_const(sharedRoots)) {
            if (!PathPrefix::isUnder(shared.path, diagnosis->hfHome))
                continue;
            if (std::optional<Finding> privateHome = HfHomePrivacy::check(diagnosis->hfHome, shared.group))
                diagnosis->findings.append(*privateHome);
            break;
        }
    }
    return true;
}

} // namespace hfcache
