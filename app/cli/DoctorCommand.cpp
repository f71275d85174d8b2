// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 hfcache contributors
#include "DoctorCommand.h"

#include "CliOptions.h"
#include "CliApplication.h"
#include "CliOutput.h"
#include "SnapshotJson.h"
#include "activity/CacheActivity.h"
#include "audit/AccessCheck.h"
#include "audit/CacheAudit.h"
#include "audit/FilesystemFacts.h"
#include "cache/CacheLocations.h"
#include "cache/CacheScan.h"
#include "util/PathText.h"
#include "cache/FindingCode.h"
#include "cache/FixText.h"

#include <QFile>
#include <QMap>
#include <QMutex>

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
    AuditReport audit;
    FilesystemFacts filesystem;  // of the root
    Findings cacheFindings;
    QHash<QString, Findings> extra;  // by cache id

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
        return n;
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
    json.key("summary");
    json.beginObject();
    json.field("errors", diagnosis.count(Severity::Error));
    json.field("warnings", diagnosis.count(Severity::Warning));
    json.field("infos", diagnosis.count(Severity::Info));
    json.endObject();
    json.endObject();
}

// The diagnosis of one command line: the audit prepared for the cache, repos judged by the
// scan's workers as they finish (one pass, both cores), then activity and the report.
class DoctorJob : public HubCacheCommand::Job
{
public:
    explicit DoctorJob(const CacheAudit::Options &options) : m_options(options)
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

    int run(const CacheSnapshotPtr &snapshot, CliContext &context) override
    {
        const Diagnosis diagnosis = diagnose(snapshot);
        if (context.output.json())
            printJson(diagnosis, context);
        else
            printHuman(diagnosis, context);
        return diagnosis.count(Severity::Error) > 0 ? ExitFindings : ExitOk;
    }

private:
    // The diagnose step: the audit finished on the scan, with the filesystem's findings, the
    // scan's unreadable folders and what the activity says of each repo.
    Diagnosis diagnose(const CacheSnapshotPtr &snapshot)
    {
        AuditReport report = m_audit.finish(*snapshot, std::move(m_repos));
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
        Diagnosis diagnosis{std::move(report), filesystem, cacheFindings, activity.findingsByRepo()};
        for (const CachedRepoPtr &repo : snapshot->repos) {
            const Findings unreadable = permissionFindings(repo->findings);
            if (!unreadable.isEmpty())
                diagnosis.extra[repo->cacheId()] += unreadable;
        }
        return diagnosis;
    }

    CacheAudit::Options m_options;
    QByteArray m_root;
    CacheAudit m_audit;
    QMutex m_mutex;
    QList<RepoAccess> m_repos;
};

} // namespace

void DoctorCommand::addCommandOptions(QCommandLineParser &parser) const
{
    parser.addOptions({
        {QStringLiteral("as-user"), QStringLiteral("Check for this user (a name or a uid) instead of the current one."), QStringLiteral("USER")},
        {QStringLiteral("shared-group"), QStringLiteral("Check the shared-group policy for this group "
                                                        "(default: detected from the root's group and mode)."),
         QStringLiteral("GROUP")},
    });
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
    return std::make_unique<DoctorJob>(options);
}

} // namespace hfcache
