// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DoctorCommand.h"

#include "CliOptions.h"
#include "CliApplication.h"
#include "CliOutput.h"
#include "HomeRoots.h"
#include "SnapshotJson.h"
#include "activity/CacheActivity.h"
#include "audit/AccessCheck.h"
#include "audit/CacheAudit.h"
#include "audit/FilesystemFacts.h"
#include "audit/HomeDoctor.h"
#include "audit/StaleTemporaries.h"
#include "home/CacheKinds.h"
#include "home/HomeEnvironment.h"
#include "home/HomeScan.h"
#include "cache/CacheLocations.h"
#include "cache/CacheScan.h"
#include "util/PathText.h"
#include "cache/FindingCode.h"
#include "cache/FixText.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QMap>
#include <QMutex>
#include <QProcessEnvironment>
#include <QStringList>

namespace hfcache {

namespace {

// The scan's own findings that belong to this diagnosis: folders it could not read.
Findings permissionFindings(const Findings &scanFindings)
{
    Findings result;
    for (const Finding &f : scanFindings) {
        if (f.code == FindingCode::Unreadable)
            result.append(f);
    }
    return result;
}

QString aclText(AclProbe::Support support)
{
    switch (support) {
    case AclProbe::Support::Supported: return QStringLiteral("supported");
    case AclProbe::Support::Unsupported: return QStringLiteral("not supported by this filesystem");
    case AclProbe::Support::Unknown: return QStringLiteral("unknown");
    }
    return {};
}

// Everything doctor reports: the audit, plus the scan's unreadable folders and the activity
// findings (locks, downloads, files in use) merged into their repos.
struct Diagnosis
{
    const AuditReport &audit;
    FilesystemFacts filesystem;  // of the root
    Findings cacheFindings;
    QHash<QString, Findings> extra;  // by cache id
    const HomeDiagnosis *home = nullptr;  // every other cache kind, when diagnosed

    Findings of(const RepoAccess &repo) const { return repo.findings + extra.value(repo.cacheId); }
    int count(Severity severity) const
    {
        auto countIn = [severity](const Findings &list) {
            return int(std::count_if(list.cbegin(), list.cend(), [severity](const Finding &f) { return f.severity == severity; }));
        };
        int n = countIn(cacheFindings);
        for (const RepoAccess &repo : audit.repos)
            n += countIn(repo.findings);
        for (const Findings &list : extra)
            n += countIn(list);
        return n + (home ? home->count(severity) : 0);
    }
};

class Printer
{
public:
    explicit Printer(const CliOutput &output) : m_output(output) {}
    ~Printer() { m_output.print(m_text); }
    void line(const QString &text = {}) { m_text += text + QLatin1Char('\n'); }

    // Findings grouped by code, errors first: the first few of each code in full, then a count.
    void findings(const Findings &list, const QString &indent)
    {
        struct Group
        {
            QList<const Finding *> shown;
            int count = 0;
        };
        QMap<std::pair<int, QString>, Group> groups;  // by name: the codes print in alphabetical order
        for (const Finding &f : list) {
            Group &group = groups[{-int(f.severity), findingCodeName(f.code)}];
            if (++group.count <= 3)
                group.shown.append(&f);
        }
        for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
            for (const Finding *f : it->shown) {
                line(QStringLiteral("%1%2 %3: %4").arg(indent, severityName(f->severity), it.key().second, f->message));
                line(QStringLiteral("%1    %2").arg(indent, PathText::display(f->path)));
                if (!f->fix.isEmpty())
                    line(QStringLiteral("%1    fix: %2").arg(indent, FixText::command(f->fix)));
            }
            if (it->count > it->shown.size())
                line(QStringLiteral("%1... and %2 more %3 (--json lists them all)")
                         .arg(indent).arg(it->count - it->shown.size()).arg(it.key().second));
        }
    }

    void why(const QString &title, const WhyPath &path, const QString &indent)
    {
        line(QStringLiteral("%1%2 %3").arg(indent, title, PathText::display(path.target())));
        for (const QString &l : path.lines())
            line(indent + QStringLiteral("  ") + l);
    }

private:
    const CliOutput &m_output;
    QString m_text;
};

QString sharedText(const KindDiagnosis &kind)
{
    if (!kind.shared)
        return QStringLiteral("private");
    return QStringLiteral("shared with group %1%2")
        .arg(kind.sharedGroup, kind.sharedDetected ? QStringLiteral(" (detected)") : QString());
}

// The other caches after the hub cache's repos: one block per cache that is there (where, policy,
// filesystem and what it means for locks, findings), one line for those that are not.
void printHome(const HomeDiagnosis &home, Printer &p)
{
    p.line();
    p.line(QStringLiteral("Other caches (HF_HOME %1):").arg(PathText::display(home.hfHome)));
    p.findings(home.findings, QStringLiteral("  "));
    QStringList absent;
    for (const KindDiagnosis &kind : home.kinds) {
        const KindSnapshot &snapshot = *kind.kind;
        const QString path = PathText::display(QFile::encodeName(snapshot.location.path));
        if (!snapshot.sameFolderAs.isEmpty()) {
            p.line(QStringLiteral("  %1: %2 is the %3's folder, diagnosed as that").arg(CacheKinds::displayName(snapshot.location.kindId), path, snapshot.sameFolderAs));
            continue;
        }
        if (!snapshot.exists) {
            absent << CacheKinds::displayName(snapshot.location.kindId);
            continue;
        }
        p.line(QStringLiteral("  %1: %2 (%3)%4").arg(CacheKinds::displayName(snapshot.location.kindId), path, snapshot.location.source,
                                                     kind.probed ? QStringLiteral("; ") + sharedText(kind) : QString()));
        if (kind.probed)
            p.line(QStringLiteral("    FS: %1; %2").arg(kind.filesystem.summary(), kind.filesystem.lockText()));
        p.findings(kind.findings, QStringLiteral("    "));
    }
    if (!absent.isEmpty())
        p.line(QStringLiteral("  Not there: %1.").arg(absent.join(QStringLiteral(", "))));
    p.line(QStringLiteral("%1 other cache(s): %2 error(s), %3 warning(s).")
               .arg(home.kinds.size() - absent.size()).arg(home.count(Severity::Error)).arg(home.count(Severity::Warning)));
}

void printHuman(const Diagnosis &diagnosis, CliContext &context)
{
    const AuditReport &audit = diagnosis.audit;
    Printer p(context.output);
    p.line(QStringLiteral("Cache:  %1").arg(PathText::display(audit.root)));
    p.line(QStringLiteral("User:   %1 (uid %2; %3)").arg(audit.user.name).arg(audit.user.uid).arg(audit.userReason));
    if (audit.shared) {
        p.line(QStringLiteral("Shared: group %1%2; POSIX ACLs %3%4")
                   .arg(audit.sharedGroup, audit.sharedDetected ? QStringLiteral(" (detected from the root's group and mode)") : QString(),
                        aclText(audit.aclSupport),
                        audit.aclSupport == AclProbe::Support::Supported
                            ? (audit.rootDefaultAcl ? QStringLiteral(", default ACL keeps new files group-writable")
                                                    : QStringLiteral(", no default ACL for the group on the root"))
                            : QString()));
    } else {
        p.line(QStringLiteral("Shared: no (a private cache; --shared-group GROUP checks the shared-group policy)"));
    }
    p.line(QStringLiteral("FS:     %1; %2").arg(diagnosis.filesystem.summary(), diagnosis.filesystem.lockText()));
    if (audit.rootReadDenial.isDenied() || audit.rootWriteDenial.isDenied())
        p.why(QStringLiteral("Path to"), audit.rootWriteDenial.isDenied() ? audit.rootWriteDenial : audit.rootReadDenial,
              QString());
    if (!diagnosis.cacheFindings.isEmpty()) {
        p.line();
        p.findings(diagnosis.cacheFindings, QStringLiteral("  "));
    }
    int readable = 0, writable = 0;
    for (const RepoAccess &repo : audit.repos) {
        readable += repo.canRead;
        writable += repo.canWrite;
        const Findings findings = diagnosis.of(repo);
        if (findings.isEmpty() && repo.canRead && repo.canWrite)
            continue;
        p.line();
        p.line(QStringLiteral("%1  load: %2  update/delete: %3")
                   .arg(PathText::display(repo.cacheId), repo.canRead ? QStringLiteral("yes") : QStringLiteral("NO"),
                        repo.canWrite ? QStringLiteral("yes") : QStringLiteral("NO")));
        if (!repo.canRead && repo.readDenial.components.size() > audit.rootChain.size())
            p.why(QStringLiteral("  cannot load:"), repo.readDenial, QStringLiteral("  "));
        if (!repo.canWrite && repo.writeDenial.components.size() > audit.rootChain.size())
            p.why(QStringLiteral("  cannot update:"), repo.writeDenial, QStringLiteral("  "));
        p.findings(findings, QStringLiteral("  "));
    }
    if (diagnosis.home)
        printHome(*diagnosis.home, p);
    const int errors = diagnosis.count(Severity::Error);
    const int warnings = diagnosis.count(Severity::Warning);
    p.line();
    p.line(QStringLiteral("%1 repo(s): %2 loadable, %3 updatable by %4; %5 error(s), %6 warning(s).")
               .arg(audit.repos.size()).arg(readable).arg(writable).arg(audit.user.name).arg(errors).arg(warnings));
    if (errors == 0 && warnings == 0)
        p.line(QStringLiteral("No problem found."));
}

void writeWhy(JsonWriter &json, const char *key, const WhyPath &why)
{
    json.key(key);
    if (!why.isDenied()) {
        json.null();
        return;
    }
    json.beginObject();
    json.field("path", why.target());
    json.field("denied_at", why.denying()->path);
    json.field("needs", AccessCheck::wantText(why.want));
    json.field("reason", why.reason);
    json.key("components");
    json.beginArray();
    for (const PathComponent &c : why.components) {
        json.beginObject();
        json.field("path", c.path);
        if (c.known) {
            json.field("mode", AccessCheck::modeString(c.stat.mode));
            json.field("owner", UserIdentity::userName(c.stat.uid));
            json.field("group", UserIdentity::groupName(c.stat.gid));
        }
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

void writeHome(JsonWriter &json, const HomeDiagnosis &home)
{
    json.beginObject();
    json.field("hf_home", home.hfHome);
    json.key("findings");
    SnapshotJson::writeFindings(json, home.findings);
    json.key("caches");
    json.beginArray();
    for (const KindDiagnosis &kind : home.kinds) {
        const KindSnapshot &snapshot = *kind.kind;
        json.beginObject();
        SnapshotJson::writeKindIdentity(json, snapshot);
        json.key("same_folder_as");
        if (snapshot.sameFolderAs.isEmpty())
            json.null();
        else
            json.value(snapshot.sameFolderAs);
        json.key("shared");
        if (kind.probed) {
            json.beginObject();
            json.field("enabled", kind.shared);
            json.field("detected", kind.sharedDetected);
            json.key("group");
            if (kind.shared)
                json.value(kind.sharedGroup);
            else
                json.null();
            json.endObject();
        } else {
            json.null();
        }
        json.key("filesystem");
        if (kind.probed)
            SnapshotJson::writeFilesystem(json, kind.filesystem);
        else
            json.null();
        json.key("findings");
        SnapshotJson::writeFindings(json, kind.findings);
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

void printJson(const Diagnosis &diagnosis, CliContext &context)
{
    const AuditReport &audit = diagnosis.audit;
    JsonWriter json(context.output.outStream());
    json.beginObject();
    json.field("cache_dir", audit.root);
    json.key("user");
    json.beginObject();
    json.field("name", audit.user.name);
    json.field("uid", qint64(audit.user.uid));
    json.field("reason", audit.userReason);
    json.endObject();
    json.key("shared");
    json.beginObject();
    json.field("enabled", audit.shared);
    json.field("detected", audit.sharedDetected);
    json.key("group");
    if (audit.shared)
        json.value(audit.sharedGroup);
    else
        json.null();
    json.key("acl_supported");
    if (audit.aclSupport == AclProbe::Support::Unknown)
        json.null();
    else
        json.value(audit.aclSupport == AclProbe::Support::Supported);
    json.field("root_default_acl", audit.rootDefaultAcl);
    json.endObject();
    json.key("filesystem");
    SnapshotJson::writeFilesystem(json, diagnosis.filesystem);
    writeWhy(json, "root_denial", audit.rootWriteDenial.isDenied() ? audit.rootWriteDenial : audit.rootReadDenial);
    json.key("repos");
    json.beginArray();
    for (const RepoAccess &repo : audit.repos) {
        json.beginObject();
        json.field("repo_id", repo.repoId);
        json.field("cache_id", repo.cacheId);
        json.field("repo_path", repo.path);
        json.field("can_read", repo.canRead);
        json.field("can_write", repo.canWrite);
        writeWhy(json, "read_denial", repo.readDenial);
        writeWhy(json, "write_denial", repo.writeDenial);
        json.key("findings");
        SnapshotJson::writeFindings(json, diagnosis.of(repo));
        json.endObject();
    }
    json.endArray();
    json.key("findings");
    SnapshotJson::writeFindings(json, diagnosis.cacheFindings);
    if (diagnosis.home) {
        json.key("home");
        writeHome(json, *diagnosis.home);
    }
    json.key("summary");
    json.beginObject();
    json.field("errors", diagnosis.count(Severity::Error));
    json.field("warnings", diagnosis.count(Severity::Warning));
    json.field("infos", diagnosis.count(Severity::Info));
    json.endObject();
    json.endObject();
}

} // namespace

namespace {

// The diagnosis of one command line: the audit prepared for the cache, repos judged by the
// scan's workers as they finish (one pass, both cores), then activity and the report.
class DoctorJob : public HubCacheCommand::Job
{
public:
    // What the other caches' part needs: their locations (none: the hub cache alone) and --kind.
    struct HomePart
    {
        bool enabled = false;
        QString hfHome;
        QList<KindLocation> locations;
        QString onlyKind;
    };

    DoctorJob(const CacheAudit::Options &options, HomePart homePart) : m_options(options), m_homePart(std::move(homePart))
    {
        onRepo = [this](const CachedRepoPtr &repo) {
            RepoAccess access = m_audit.auditRepo(*repo);
            const QMutexLocker locker(&m_mutex);
            m_repos.append(std::move(access));
        };
    }

    bool prepare(const QByteArray &root, CliContext &context) override
    {
        m_root = root;
        QString error;
        if (m_audit.prepare(root, m_options, &error))
            return true;
        CliApplication::printError(context, error);
        return false;
    }

    // A root this user may not open: say why (the path to it) and what would fix it.
    CacheSnapshotPtr unscannable(CliContext &) override
    {
        return m_audit.deniedRoot();
    }

    // Diagnose (the hub cache, then the other kinds), then print.
    int run(const CacheSnapshotPtr &snapshot, CliContext &context) override
    {
        const AuditReport report = m_audit.finish(*snapshot, std::move(m_repos));
        Diagnosis diagnosis = diagnoseHub(report, snapshot);
        HomeDiagnosis home;
        if (m_homePart.enabled) {
            if (!diagnoseHome(report, *snapshot, &home, context))
                return ExitUsage;
            diagnosis.home = &home;
        }
        if (context.output.json())
            printJson(diagnosis, context);
        else
            printHuman(diagnosis, context);
        return diagnosis.count(Severity::Error) > 0 ? ExitFindings : ExitOk;
    }

private:
    // The audit with what the scan, the filesystem and the running processes add to it.
    Diagnosis diagnoseHub(const AuditReport &report, const CacheSnapshotPtr &snapshot) const
    {
        CacheActivity::Options activityOptions;
        activityOptions.lockRows = CacheActivity::Options::LockRows::Active;
        const ActivityReport activity = CacheActivity::inspect(ActivityTargets::fromSnapshot(snapshot), activityOptions);
        // What the filesystem means for the locks; the xet cache's own only when the environment places it.
        const FilesystemFacts filesystem = FilesystemFacts::probe(m_root);
        Findings cacheFindings = permissionFindings(snapshot->findings) + report.findings + filesystem.findings(m_root);
        if (m_options.hfHome.size() > 0) {
            const QByteArray xet = QFile::encodeName(CacheLocations::resolve().xetCache);
            cacheFindings += FilesystemFacts::probe(xet).findings(xet, true);
        }
        Diagnosis diagnosis{report, filesystem, cacheFindings, activity.findingsByRepo()};
        diagnosis.cacheFindings += diagnosis.extra.take(QString());  // the shared blob store's locks belong to no repo
        for (const CachedRepoPtr &repo : snapshot->repos) {
            const Findings unreadable = permissionFindings(repo->findings);
            if (!unreadable.isEmpty())
                diagnosis.extra[repo->cacheId()] += unreadable;
        }
        return diagnosis;
    }

    // The other kinds, scanned with their entries (the hub cache is this job's snapshot).
    bool diagnoseHome(const AuditReport &report, const CacheSnapshot &hubCache, HomeDiagnosis *home, CliContext &context) const
    {
        HomeScanOptions scanOptions;
        scanOptions.kindsScannedElsewhere = {QStringLiteral("hub")};
        const HomeSnapshotPtr scanned = HomeScan::run(m_homePart.hfHome, m_homePart.locations, scanOptions, m_homePart.onlyKind);
        HomeDoctor::Options options;
        options.audit = m_options;
        options.hubCache = &hubCache;
        options.hubSharedGroup = report.shared ? report.sharedGroup : QString();
        options.hubReportedPrivateHome = std::any_of(report.findings.cbegin(), report.findings.cend(), [](const Finding &f) {
            return f.code == FindingCode::HfHomePrivate;
        });
        if (m_options.hfHome.size() > 0)
            options.xetFilesystemReported = QFile::encodeName(CacheLocations::resolve().xetCache);
        options.shardLimit = XetShardCacheLimit::fromEnvironment(QProcessEnvironment::systemEnvironment());
        options.writtenBefore = QDateTime::currentSecsSinceEpoch() - StaleTemporaries::DefaultQuietSeconds;
        QString error;
        if (HomeDoctor::run(*scanned, options, home, &error))
            return true;
        CliApplication::printError(context, error);
        return false;
    }

    CacheAudit::Options m_options;
    HomePart m_homePart;
    QByteArray m_root;
    CacheAudit m_audit;
    QMutex m_mutex;
    QList<RepoAccess> m_repos;
};

} // namespace

void DoctorCommand::addCommandOptions(QCommandLineParser &parser) const
{
    parser.addOptions({
        {QStringLiteral("kind"),
         QStringLiteral("Diagnose the hub cache and only this other cache kind: %1.").arg(CacheKinds::idList()),
         QStringLiteral("KIND")},
        {QStringLiteral("as-user"), QStringLiteral("Check for this user (a name or a uid) instead of the current one."), QStringLiteral("USER")},
        {QStringLiteral("shared-group"), QStringLiteral("Check the shared-group policy for this group "
                                                        "(default: detected from the root's group and mode)."),
         QStringLiteral("GROUP")},
    });
    parser.addOption(HomeRoots::rootOption());
    parser.addOption(CliOptions::json());
}

std::unique_ptr<HubCacheCommand::Job> DoctorCommand::parse(const QCommandLineParser &parser, CliContext &context) const
{
    if (!parser.positionalArguments().isEmpty()) {
        CliApplication::printError(context, QStringLiteral("doctor takes no arguments (did you mean --cache-dir?)"));
        return nullptr;
    }
    CacheAudit::Options options;
    options.asUser = parser.value(QStringLiteral("as-user"));
    options.sharedGroup = parser.value(QStringLiteral("shared-group"));
    if (!parser.isSet(CliOptions::cacheDir()))
        options.hfHome = QFile::encodeName(CacheLocations::resolve().hfHome);
    // The other caches: always for the environment's HF_HOME; with --cache-dir (one hub cache
    // named) only when --kind or --root asks for them.
    DoctorJob::HomePart home;
    home.onlyKind = parser.value(QStringLiteral("kind"));
    if (!home.onlyKind.isEmpty() && !CacheKinds::find(home.onlyKind)) {
        CliApplication::printError(context, QStringLiteral("unknown cache kind '%1' (kinds: %2)").arg(home.onlyKind, CacheKinds::idList()));
        return nullptr;
    }
    home.enabled = home.onlyKind != QLatin1String("hub")
                   && (!parser.isSet(CliOptions::cacheDir()) || !home.onlyKind.isEmpty() || parser.isSet(HomeRoots::rootOption()));
    const HomeEnvironment env;
    if (!HomeRoots::resolve(parser, env, context, &home.locations))
        return nullptr;
    for (const KindLocation &location : std::as_const(home.locations)) {
        if (location.kindId == QLatin1String("hub") && location.source == QLatin1String("--root")) {
            CliApplication::printError(context, QStringLiteral("doctor diagnoses one hub cache: name it with --cache-dir, "
                                                               "not --root hub=DIR"));
            return nullptr;
        }
    }
    home.hfHome = QDir::cleanPath(QDir::current().absoluteFilePath(env.hub().hfHome));
    return std::make_unique<DoctorJob>(options, std::move(home));
}

} // namespace hfcache
